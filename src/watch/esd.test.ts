import { describe, expect, it } from 'vitest';
import { esdCritical, generalizedEsd, median, robustScale } from './esd.ts';
import { mulberry32 } from './synthetic-series.ts';

describe('robust statistics', () => {
  it('computes median and MAD-based scale', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(robustScale([1, 2, 3, 4, 100])).toBeCloseTo(1.4826, 4);
  });

  it('takes the median by selection exactly as the middle of the sorted values', () => {
    // Ties, zeros, negatives, odd and even lengths: selection must give the sort's answer.
    const random = mulberry32(7);
    for (let t = 0; t < 5000; t++) {
      const values = Array.from({ length: 1 + Math.floor(random() * 40) }, () => (random() < 0.3 ? Math.floor(random() * 3) : (random() - 0.3) * 100));
      const sorted = [...values].sort((a, b) => a - b);
      const mid = sorted.length >> 1;
      expect(median(values)).toBe(sorted.length % 2 ? sorted[mid] : (sorted[mid - 1]! + sorted[mid]!) / 2);
    }
    const input = [5, 1, 4];
    median(input);
    expect(input).toEqual([5, 1, 4]);
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
