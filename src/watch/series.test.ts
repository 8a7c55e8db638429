import { describe, expect, it } from 'vitest';
import { nestingUnit } from './series.ts';
import { DAY, HOUR, localDaysInterval, QUARTER } from './time.ts';

describe('nestingUnit', () => {
  it('is the coarsest UTC unit that fits inside every local bucket', () => {
    const month = (tz: string) => localDaysInterval('2025-03-01', '2025-03-31', tz);
    expect(nestingUnit({ interval: month('UTC'), timeZone: 'UTC', granularity: 'day' })).toBe(DAY);
    // Paris days start at 23:00 or (after the DST change) 22:00 UTC.
    expect(nestingUnit({ interval: month('Europe/Paris'), timeZone: 'Europe/Paris', granularity: 'day' })).toBe(HOUR);
    expect(nestingUnit({ interval: month('Europe/Paris'), timeZone: 'Europe/Paris', granularity: 'hour' })).toBe(HOUR);
    // India is UTC+5:30, Nepal UTC+5:45: only quarter hours nest.
    expect(nestingUnit({ interval: month('Asia/Kolkata'), timeZone: 'Asia/Kolkata', granularity: 'hour' })).toBe(QUARTER);
    expect(nestingUnit({ interval: month('Asia/Kathmandu'), timeZone: 'Asia/Kathmandu', granularity: 'day' })).toBe(QUARTER);
  });
});
