import { describe, expect, it } from 'vitest';
import { seededRandom } from '../core/random.ts';
import { normalSampler } from './distributions.ts';
import { obrienFlemingConstant, sequentialLook } from './sequential.ts';

describe("O'Brien–Fleming boundaries", () => {
  it('match Jennison & Turnbull (2000), Table 2.3, two-sided α = 0.05', () => {
    const table: [number, number][] = [[1, 1.96], [2, 1.977], [3, 2.004], [4, 2.024], [5, 2.04], [6, 2.053], [8, 2.072], [10, 2.087]];
    // The table gives three decimals: agreement to within its rounding.
    for (const [looks, constant] of table) expect(Math.abs(obrienFlemingConstant(looks) - constant)).toBeLessThan(0.0011);
  });

  it('demand overwhelming evidence early and little more than 1.96 at the end', () => {
    const early = sequentialLook(3, 0.2, 5);
    expect(early.boundary).toBeGreaterThan(4.4);
    expect(early.crossed).toBe(false);
    expect(sequentialLook(2.1, 1, 5).crossed).toBe(true);
  });

  it('keep the false-positive rate near alpha when peeking five times, where naive peeking inflates it', () => {
    const normal = normalSampler(seededRandom(99));
    const runs = 20_000;
    let naive = 0;
    let corrected = 0;
    for (let r = 0; r < runs; r++) {
      let sum = 0;
      let naiveHit = false;
      let correctedHit = false;
      for (let k = 1; k <= 5; k++) {
        sum += normal();
        const z = sum / Math.sqrt(k);
        if (Math.abs(z) >= 1.96) naiveHit = true;
        if (sequentialLook(z, k / 5, 5).crossed) correctedHit = true;
      }
      if (naiveHit) naive++;
      if (correctedHit) corrected++;
    }
    expect(naive / runs).toBeGreaterThan(0.12); // ≈ 0.142 in theory (Armitage et al. 1969)
    expect(Math.abs(corrected / runs - 0.05)).toBeLessThan(0.008);
  });
});
