import { describe, expect, it } from 'vitest';
import { dayOf, fromLocalInput, moveToDay, stepAnchor, toLocalInput, visibleDays } from './calendar-grid.ts';

describe('calendar grid in the workspace time zone', () => {
  it('shows whole weeks from Monday around a month, and one week', () => {
    const march = visibleDays('month', '2026-03-18');
    expect([march[0], march.at(-1), march.length]).toEqual(['2026-02-23', '2026-04-05', 42]);
    expect(visibleDays('week', '2026-03-18')).toEqual(['2026-03-16', '2026-03-17', '2026-03-18', '2026-03-19', '2026-03-20', '2026-03-21', '2026-03-22']);
    expect(stepAnchor('month', '2026-12-31', 1)).toBe('2027-01-01');
    expect(stepAnchor('week', '2026-03-18', -1)).toBe('2026-03-11');
  });

  it('moves an item to another day at the same local time, across a clock change', () => {
    const tz = 'Europe/Paris';
    const at = Date.parse('2026-03-27T09:30:00Z'); // 10:30 in Paris, winter time
    const moved = moveToDay(at, '2026-03-30', tz); // summer time since the 29th
    expect(new Date(moved).toISOString()).toBe('2026-03-30T08:30:00.000Z');
    expect(toLocalInput(moved, tz)).toBe('2026-03-30T10:30');
    expect(dayOf(Date.parse('2026-03-29T23:30:00Z'), tz)).toBe('2026-03-30');
    expect(new Date(moveToDay(null, '2026-03-30', 'UTC')).toISOString()).toBe('2026-03-30T09:00:00.000Z');
    expect(fromLocalInput('2026-03-30T10:30', tz)).toBe(moved);
    expect(fromLocalInput('soon', tz)).toBeNull();
  });
});
