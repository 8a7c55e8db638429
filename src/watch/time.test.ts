import { describe, expect, it } from 'vitest';
import { buildSeries, emptyMeasures } from './series.ts';
import {
  addDays,
  localDateKey,
  localDaysInterval,
  offsetAt,
  periodContaining,
  startOfLocalDay,
  TimeZoneError,
  assertTimeZone,
  HOUR,
} from './time.ts';

describe('local time', () => {
  it('starts a local day at the right UTC instant, across zones', () => {
    expect(new Date(startOfLocalDay('2026-03-01', 'Europe/Paris')).toISOString()).toBe('2026-02-28T23:00:00.000Z');
    expect(new Date(startOfLocalDay('2026-03-01', 'Asia/Kolkata')).toISOString()).toBe('2026-02-28T18:30:00.000Z');
    expect(new Date(startOfLocalDay('2026-03-01', 'America/Los_Angeles')).toISOString()).toBe('2026-03-01T08:00:00.000Z');
  });

  it('gives DST change days 23 and 25 hours', () => {
    const spring = localDaysInterval('2026-03-29', '2026-03-29', 'Europe/Paris');
    expect((spring.to - spring.from) / HOUR).toBe(23);
    const fall = localDaysInterval('2026-10-25', '2026-10-25', 'Europe/Paris');
    expect((fall.to - fall.from) / HOUR).toBe(25);
    expect(offsetAt(Date.parse('2026-10-25T00:30:00Z'), 'Europe/Paris')).toBe(2 * HOUR);
    expect(offsetAt(Date.parse('2026-10-25T01:30:00Z'), 'Europe/Paris')).toBe(HOUR);
  });

  it('puts a post at 23:30 UTC on the next local day in Paris, and the same day in New York', () => {
    const t = Date.parse('2026-06-10T23:30:00Z');
    expect(localDateKey(t, 'Europe/Paris')).toBe('2026-06-11');
    expect(localDateKey(t, 'America/New_York')).toBe('2026-06-10');
    expect(localDateKey(t, 'UTC')).toBe('2026-06-10');
  });

  it('handles a zone whose DST starts at midnight (the day starts at 01:00)', () => {
    // Asunción, 2024-10-06: clocks jump from 00:00 to 01:00.
    const start = startOfLocalDay('2024-10-06', 'America/Asuncion');
    expect(localDateKey(start, 'America/Asuncion')).toBe('2024-10-06');
    expect(localDateKey(start - 1, 'America/Asuncion')).toBe('2024-10-05');
  });

  it('knows periods: Monday weeks, months, leap years', () => {
    expect(periodContaining('week', '2026-10-04')).toEqual({ first: '2026-09-28', last: '2026-10-04' });
    expect(periodContaining('month', '2028-02-10')).toEqual({ first: '2028-02-01', last: '2028-02-29' });
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });

  it('names an unknown time zone', () => {
    expect(() => assertTimeZone('Mars/Olympus')).toThrow(TimeZoneError);
    expect(() => assertTimeZone('Mars/Olympus')).toThrow(/Mars\/Olympus/);
  });
});

describe('local series', () => {
  const row = (iso: string, mentions: number) => ({ ...emptyMeasures(), bucket: Date.parse(iso), mentions });

  it('sums quarter hours into local days, DST day included, with empty days as zeros', () => {
    const interval = localDaysInterval('2026-10-24', '2026-10-27', 'Europe/Paris');
    const series = buildSeries(
      [
        row('2026-10-24T21:45:00Z', 1), // 23:45 in Paris (CEST) → the 24th
        row('2026-10-24T22:00:00Z', 2), // 00:00 on the 25th
        row('2026-10-25T22:45:00Z', 4), // 23:45 on the 25th (CET)
        row('2026-10-25T23:00:00Z', 8), // 00:00 on the 26th
      ],
      { interval, timeZone: 'Europe/Paris', granularity: 'day' },
    );
    expect(series.map((b) => [b.date, b.mentions])).toEqual([
      ['2026-10-24', 1],
      ['2026-10-25', 6],
      ['2026-10-26', 8],
      ['2026-10-27', 0],
    ]);
  });

  it('gives the fall-back day 25 hourly buckets, the repeated hour twice', () => {
    const interval = localDaysInterval('2026-10-25', '2026-10-25', 'Europe/Paris');
    const series = buildSeries([row('2026-10-25T00:15:00Z', 3), row('2026-10-25T01:15:00Z', 5)], {
      interval,
      timeZone: 'Europe/Paris',
      granularity: 'hour',
    });
    expect(series).toHaveLength(25);
    const twoOClock = series.filter((b) => b.hour === 2);
    expect(twoOClock.map((b) => b.mentions)).toEqual([3, 5]);
  });

  it('maps half-hour zones exactly (India)', () => {
    const interval = localDaysInterval('2026-03-01', '2026-03-02', 'Asia/Kolkata');
    const series = buildSeries([row('2026-03-01T18:15:00Z', 1), row('2026-03-01T18:30:00Z', 1)], {
      interval,
      timeZone: 'Asia/Kolkata',
      granularity: 'day',
    });
    expect(series.map((b) => b.mentions)).toEqual([1, 1]);
  });
});
