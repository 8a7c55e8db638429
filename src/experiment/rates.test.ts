import { describe, expect, it } from 'vitest';
import { minimumDetectableEffect, probabilityToBeat, probabilityToBeatMonteCarlo, sampleSizePerArm, twoProportionTest } from './rates.ts';

describe('two-proportion z-test', () => {
  it('matches the hand computation', () => {
    // 50/1000 vs 70/1000: pooled p = 0.06, SE = √(0.06·0.94·(2/1000)) = 0.0106207,
    // z = 0.02 / 0.0106207 = 1.88311, two-sided p = 2·(1 − Φ(1.88311)) = 0.05969.
    // Unpooled SE = √(0.05·0.95/1000 + 0.07·0.93/1000) = 0.0106113 → CI 0.02 ± 1.95996·0.0106113.
    const t = twoProportionTest({ successes: 50, trials: 1000 }, { successes: 70, trials: 1000 });
    expect(t.test.status === 'tested' && t.test.z).toBeCloseTo(1.88311, 4);
    expect(t.test.status === 'tested' && t.test.pValue).toBeCloseTo(0.05969, 4);
    expect(t.ci[0]).toBeCloseTo(-0.000798, 5);
    expect(t.ci[1]).toBeCloseTo(0.040798, 5);
    expect(t.relativeLift).toBeCloseTo(0.4, 10);
  });

  it('matches the textbook example (Moore, McCabe & Craig, binge drinking: 1630/7180 men vs 1684/9916 women)', () => {
    // The textbook reports z = 9.34 and a 95% CI for p_men − p_women of (0.045, 0.069).
    const t = twoProportionTest({ successes: 1684, trials: 9916 }, { successes: 1630, trials: 7180 });
    expect(t.test.status === 'tested' && t.test.z).toBeCloseTo(9.34, 1);
    expect(t.ci[0]).toBeCloseTo(0.045, 3);
    expect(t.ci[1]).toBeCloseTo(0.069, 3);
    expect(t.test.status === 'tested' && t.test.pValue).toBeLessThan(1e-10);
  });

  it('says there is nothing to test when neither arm converted (or both always did), instead of z = 0, p = 1', () => {
    const none = twoProportionTest({ successes: 0, trials: 100 }, { successes: 0, trials: 100 });
    expect(none.test).toEqual({ status: 'untestable', reason: 'no conversions in either arm: nothing to test' });
    expect(none.baselineRate).toBe(0);
    expect(none.variantRate).toBe(0);
    const all = twoProportionTest({ successes: 40, trials: 40 }, { successes: 60, trials: 60 });
    expect(all.test).toEqual({ status: 'untestable', reason: 'every trial converted in both arms: nothing to test' });
    // One conversion somewhere is testable: 0/100 vs 1/100, pooled p = 1/200,
    // SE = √(0.005·0.995·0.02) = 0.0099749, z = 0.01 / 0.0099749 = 1.002509, p = 0.31610.
    const one = twoProportionTest({ successes: 0, trials: 100 }, { successes: 1, trials: 100 });
    expect(one.test.status).toBe('tested');
    expect(one.test.status === 'tested' && one.test.z).toBeCloseTo(1.002509, 5);
    expect(one.test.status === 'tested' && one.test.pValue).toBeCloseTo(0.3161, 4);
  });

  it('refuses impossible counts', () => {
    expect(() => twoProportionTest({ successes: 5, trials: 0 }, { successes: 1, trials: 10 })).toThrow(/baseline: needs at least one trial/);
    expect(() => twoProportionTest({ successes: 1, trials: 10 }, { successes: 11, trials: 10 })).toThrow(/variant: successes must be between/);
  });
});

describe('Bayesian probability to beat the baseline', () => {
  it('is exact on hand-computable cases', () => {
    // Beta(1,1) vs Beta(2,1): P(B > A) = ∫₀¹ 2x·x dx = 2/3.
    expect(probabilityToBeat({ successes: 0, trials: 0 }, { successes: 1, trials: 1 })).toBeCloseTo(2 / 3, 12);
    // Identical data: 1/2 by symmetry.
    expect(probabilityToBeat({ successes: 30, trials: 100 }, { successes: 30, trials: 100 })).toBeCloseTo(0.5, 10);
    // Beta(1,2) vs Beta(2,1): P(B > A) = ∫₀¹ 2x · (1 − (1−x)²) dx = 1 − 1/6 = 5/6.
    expect(probabilityToBeat({ successes: 0, trials: 1 }, { successes: 1, trials: 1 })).toBeCloseTo(5 / 6, 12);
  });

  it('agrees with a seeded Monte Carlo, and the Monte Carlo is reproducible', () => {
    const a = { successes: 50, trials: 1000 };
    const b = { successes: 70, trials: 1000 };
    const exact = probabilityToBeat(a, b);
    expect(exact).toBeCloseTo(0.9699, 3);
    expect(probabilityToBeatMonteCarlo(a, b, 7, 100_000)).toBeCloseTo(exact, 2);
    expect(probabilityToBeatMonteCarlo(a, b, 7, 1000)).toBe(probabilityToBeatMonteCarlo(a, b, 7, 1000));
  });
});

describe('sample size and minimum detectable effect', () => {
  it('gives 3,841 per arm for 10% → 12% at α = 0.05, power 0.8 (hand-computed: (1.95996·0.442493 + 0.841621·0.442267)² / 0.02² = 3840.85)', () => {
    expect(sampleSizePerArm(0.1, 0.12)).toBe(3841);
  });

  it('inverts: with 3,841 per arm the detectable lift over 10% is 2 points', () => {
    expect(minimumDetectableEffect(0.1, 3841)).toBeCloseTo(0.02, 4);
    expect(minimumDetectableEffect(0.1, 400)).toBeGreaterThan(0.05);
    expect(() => sampleSizePerArm(0.1, 0.1)).toThrow(/zero effect/);
  });
});
