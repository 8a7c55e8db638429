import { describe, expect, it } from 'vitest';
import { esdCritical, generalizedEsd, median, robustScale } from './esd.ts';

describe('robust statistics', () => {
  it('computes median and MAD-based scale', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(robustScale([1, 2, 3, 4, 100])).toBeCloseTo(1.4826, 4);
  });

  it("matches Rosner's published critical values", () => {
    // Rosner (1983), n = 54, alpha = 0.05: λ1 = 3.158, λ2 = 3.151, λ10 = 3.085 (NIST handbook example).
    expect(esdCritical(54, 1, 0.05)).toBeCloseTo(3.158, 2);
    expect(esdCritical(54, 2, 0.05)).toBeCloseTo(3.151, 2);
    expect(esdCritical(54, 10, 0.05)).toBeCloseTo(3.085, 2);
  });

  it('finds masked outliers and nothing in clean data', () => {
    const clean = Array.from({ length: 40 }, (_, i) => 100 + ((i * 7) % 11) - 5);
    expect(generalizedEsd(clean, 4)).toEqual([]);
    const dirty = [...clean];
    dirty[10] = 400;
    dirty[20] = 380;
    expect(generalizedEsd(dirty, 4).sort((a, b) => a - b)).toEqual([10, 20]);
  });
});
