import { describe, expect, it } from 'vitest';
import { DAY_MS, NotEnoughBaseline, seasonalComparison } from './counts.ts';

const MONDAY = Date.UTC(2026, 0, 5);
const WEEK = [10, 12, 11, 13, 12, 4, 5];

describe('seasonal comparison of counts', () => {
  it('compares each run day with the same weekday before, as computed by hand', () => {
    // Pre-period: two weeks, the second 2 higher every day → weekday medians WEEK+1, MAD 1 so
    // (1.4826·1)² = 2.198, floored at the Poisson variance (the median, ≥ 5). Run: WEEK × 1.5 = 100.5
    // against 74 expected. Var = Σ levels (74) + π/2 · Σ level/2 for the medians' own uncertainty
    // (π/2 · 37 = 58.119) → SD √132.119, z = 26.5/√132.119 = 2.30550.
    const pre = Array.from({ length: 14 }, (_, i) => ({ day: MONDAY + i * DAY_MS, value: WEEK[i % 7]! + (i >= 7 ? 2 : 0) }));
    const run = Array.from({ length: 7 }, (_, i) => ({ day: MONDAY + (14 + i) * DAY_MS, value: WEEK[i]! * 1.5 }));
    const c = seasonalComparison(pre, run);
    expect(c.expected).toBe(74);
    expect(c.observed).toBe(100.5);
    expect(c.lift).toBeCloseTo(26.5 / 74, 10);
    expect(c.z).toBeCloseTo(26.5 / Math.sqrt(74 + (Math.PI / 2) * 37), 10);
    expect(c.z).toBeCloseTo(2.3055, 4);
    expect(c.pValue).toBeCloseTo(0.02114, 4);
    expect(c.days[5]).toEqual({ day: MONDAY + 19 * DAY_MS, observed: 6, expected: 5 });
  });

  it('is not thrown off by one burst day in the pre-period', () => {
    const pre = Array.from({ length: 28 }, (_, i) => ({ day: MONDAY + i * DAY_MS, value: i === 16 ? 500 : WEEK[i % 7]! }));
    const run = Array.from({ length: 7 }, (_, i) => ({ day: MONDAY + (28 + i) * DAY_MS, value: WEEK[i]! }));
    const c = seasonalComparison(pre, run);
    expect(c.expected).toBe(67);
    expect(c.lift).toBe(0);
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
