import { describe, expect, it } from 'vitest';
import { QuotaBudget, quotaDay } from './youtube-quota.ts';

describe('youtube quota day', () => {
  it('runs from midnight to midnight in California, 23 or 25 hours across a clock change', () => {
    expect(quotaDay(Date.parse('2026-11-22T20:00:00Z'))).toEqual({ day: '2026-11-22', start: Date.parse('2026-11-22T08:00:00Z'), end: Date.parse('2026-11-23T08:00:00Z') });
    // 8 March 2026: clocks go forward at 2:00 (PST → PDT).
    expect(quotaDay(Date.parse('2026-03-08T12:00:00Z'))).toEqual({ day: '2026-03-08', start: Date.parse('2026-03-08T08:00:00Z'), end: Date.parse('2026-03-09T07:00:00Z') });
    // 1 November 2026: clocks go back at 2:00 (PDT → PST).
    expect(quotaDay(Date.parse('2026-11-01T12:00:00Z'))).toEqual({ day: '2026-11-01', start: Date.parse('2026-11-01T07:00:00Z'), end: Date.parse('2026-11-02T08:00:00Z') });
    // 23:30 in California is already the next day in UTC.
    expect(quotaDay(Date.parse('2026-11-23T07:30:00Z')).day).toBe('2026-11-22');
  });

  it('allows the elapsed share plus a tenth, and forgets yesterday’s count', () => {
    const noon = Date.parse('2026-11-22T20:00:00Z');
    const budget = new QuotaBudget({ day: '2026-11-22', used: 5000 }, 10_000, noon);
    expect(budget.allowedBy(noon)).toBe(6000);
    expect(budget.affordableAt(1000, noon)).toBe(noon);
    expect(budget.affordableAt(1001, noon)).toBe(Date.parse('2026-11-22T08:00:00Z') + Math.ceil(0.5001 * 86_400_000));
    expect(budget.affordableAt(5001, noon)).toBe(Date.parse('2026-11-23T08:00:00Z'));
    expect(new QuotaBudget({ day: '2026-11-21', used: 9999 }, 10_000, noon).used).toBe(0);
  });
});
