import { describe, expect, it } from 'vitest';
import { DAY_MS, NotEnoughBaseline, seasonalComparison } from './counts.ts';

const MONDAY = Date.UTC(2026, 0, 5);
const WEEK = [10, 12, 11, 13, 12, 4, 5];

describe('seasonal comparison of counts', () => {
  it('compares each run day with the same weekday before, as computed by hand', () => {
    // Pre-period: two weeks, the second 2 higher every day → weekday means WEEK+1, sample variance 2,
    // floored at the Poisson variance (the mean, ≥ 5). Run: WEEK × 1.5 = 100.5 against 74 expected.
    // Var = Σ means (74) + Σ mean/2 for the means' own uncertainty (37) → SD √111, z = 26.5/√111 = 2.5153.
    const pre = Array.from({ length: 14 }, (_, i) => ({ day: MONDAY + i * DAY_MS, value: WEEK[i % 7]! + (i >= 7 ? 2 : 0) }));
    const run = Array.from({ length: 7 }, (_, i) => ({ day: MONDAY + (14 + i) * DAY_MS, value: WEEK[i]! * 1.5 }));
    const c = seasonalComparison(pre, run);
    expect(c.expected).toBe(74);
    expect(c.observed).toBe(100.5);
    expect(c.lift).toBeCloseTo(26.5 / 74, 10);
    expect(c.z).toBeCloseTo(26.5 / Math.sqrt(111), 10);
    expect(c.z).toBeCloseTo(2.5153, 4);
    expect(c.pValue).toBeCloseTo(0.0119, 4);
    expect(c.excludedDays).toEqual([]);
    expect(c.days[5]).toEqual({ day: MONDAY + 19 * DAY_MS, observed: 6, expected: 5 });
  });

  it('is not thrown off by one burst day in the pre-period', () => {
    // A burst over three days (like a campaign launch) in an otherwise regular month.
    const burst = new Map([[16, 500], [17, 90], [18, 40]]);
    const pre = Array.from({ length: 28 }, (_, i) => ({ day: MONDAY + i * DAY_MS, value: burst.get(i) ?? WEEK[i % 7]! + (i % 2) }));
    const run = Array.from({ length: 7 }, (_, i) => ({ day: MONDAY + (28 + i) * DAY_MS, value: WEEK[i]! }));
    const c = seasonalComparison(pre, run);
    expect(c.excludedDays).toEqual([16, 17, 18].map((i) => MONDAY + i * DAY_MS));
    expect(c.expected).toBeCloseTo(67 + 3.5, 0); // the (i % 2) wobble adds half a mention a day
    expect(Math.abs(c.z)).toBeLessThan(1);
  });

  it('sees new activity where the pre-period had none', () => {
    const pre = Array.from({ length: 14 }, (_, i) => ({ day: MONDAY + i * DAY_MS, value: 0 }));
    const run = Array.from({ length: 7 }, (_, i) => ({ day: MONDAY + (14 + i) * DAY_MS, value: 30 }));
    expect(seasonalComparison(pre, run).z).toBeGreaterThan(10);
  });

  it('does not mistake a quiet weekend for a drop', () => {
    const pre = Array.from({ length: 28 }, (_, i) => ({ day: MONDAY + i * DAY_MS, value: WEEK[i % 7]! }));
    const weekend = [5, 6].map((d) => ({ day: MONDAY + (28 + d) * DAY_MS, value: WEEK[d]! }));
    expect(seasonalComparison(pre, weekend).lift).toBe(0);
  });

  it('says when the baseline is too short', () => {
    const pre = Array.from({ length: 7 }, (_, i) => ({ day: MONDAY + i * DAY_MS, value: 3 }));
    expect(() => seasonalComparison(pre, [{ day: MONDAY + 7 * DAY_MS, value: 3 }])).toThrow(NotEnoughBaseline);
    expect(() => seasonalComparison(pre, [{ day: MONDAY + 7 * DAY_MS, value: 3 }])).toThrow(/at least two Mondays/);
  });
});
