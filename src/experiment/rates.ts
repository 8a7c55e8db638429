/**
 * Statistics for rate metrics (clicks/impressions, conversions/visits): the
 * two-proportion z-test with Wald confidence intervals, the Bayesian probability that
 * the variant beats the baseline under uniform Beta(1, 1) priors, and sample-size /
 * minimum-detectable-effect planning.
 */
import { seededRandom } from '../core/random.ts';
import { betaSampler, logBeta, normalCdf, normalQuantile } from './distributions.ts';
import { ValidationError } from '../core/validation.ts';

export interface RateArm {
  successes: number;
  trials: number;
}

/**
 * The significance test, or why there is none: when neither arm converted (or every trial
 * converted in both), the pooled standard error is 0 and z would be 0/0; reporting z = 0,
 * p = 1 would read as "tested, no difference" when nothing was measured.
 */
export type RateSignificance =
  | {
      status: 'tested';
      /** Test statistic with the pooled standard error under H0: p1 = p2. */
      z: number;
      /** Two-sided p-value. */
      pValue: number;
    }
  | { status: 'untestable'; reason: string };

export interface RateTest {
  baselineRate: number;
  variantRate: number;
  /** variant − baseline. */
  difference: number;
  /** Confidence interval of the difference (unpooled standard error). */
  ci: [number, number];
  /** difference / baseline rate; null when the baseline rate is 0. */
  relativeLift: number | null;
  test: RateSignificance;
  confidence: number;
}

export function twoProportionTest(baseline: RateArm, variant: RateArm, alpha = 0.05): RateTest {
  for (const [name, arm] of [['baseline', baseline], ['variant', variant]] as const) {
    if (!(arm.trials > 0)) throw new ValidationError(`${name}: needs at least one trial`);
    if (arm.successes < 0 || arm.successes > arm.trials) throw new ValidationError(`${name}: successes must be between 0 and trials`);
  }
  const p1 = baseline.successes / baseline.trials;
  const p2 = variant.successes / variant.trials;
  const pooled = (baseline.successes + variant.successes) / (baseline.trials + variant.trials);
  const sePooled = Math.sqrt(pooled * (1 - pooled) * (1 / baseline.trials + 1 / variant.trials));
  const seUnpooled = Math.sqrt((p1 * (1 - p1)) / baseline.trials + (p2 * (1 - p2)) / variant.trials);
  const difference = p2 - p1;
  const zCrit = normalQuantile(1 - alpha / 2);
  let test: RateSignificance;
  if (pooled === 0) test = { status: 'untestable', reason: 'no conversions in either arm: nothing to test' };
  else if (pooled === 1) test = { status: 'untestable', reason: 'every trial converted in both arms: nothing to test' };
  else {
    const z = difference / sePooled;
    test = { status: 'tested', z, pValue: 2 * (1 - normalCdf(Math.abs(z))) };
  }
  return {
    baselineRate: p1,
    variantRate: p2,
    difference,
    ci: [difference - zCrit * seUnpooled, difference + zCrit * seUnpooled],
    relativeLift: p1 === 0 ? null : difference / p1,
    test,
    confidence: 1 - alpha,
  };
}

/**
 * P(p_variant > p_baseline) with p ~ Beta(1 + successes, 1 + failures), exactly
 * (Evan Miller's closed form, a sum over the variant's integer α):
 *   Σ_{i=0}^{αB−1} B(αA+i, βA+βB) / ((βB+i) · B(1+i, βB) · B(αA, βA)).
 * The sum has αB terms; beyond EXACT_LIMIT successes a seeded Monte Carlo is used.
 */
const EXACT_LIMIT = 200_000;

export function probabilityToBeat(baseline: RateArm, variant: RateArm, options: { seed?: number; draws?: number } = {}): number {
  const aA = 1 + baseline.successes;
  const bA = 1 + baseline.trials - baseline.successes;
  const aB = 1 + variant.successes;
  const bB = 1 + variant.trials - variant.successes;
  if (aB > EXACT_LIMIT) return probabilityToBeatMonteCarlo(baseline, variant, options.seed ?? 1, options.draws ?? 200_000);
  let total = 0;
  const base = logBeta(aA, bA);
  for (let i = 0; i < aB; i++) {
    total += Math.exp(logBeta(aA + i, bA + bB) - Math.log(bB + i) - logBeta(1 + i, bB) - base);
  }
  return Math.min(1, Math.max(0, total));
}

/** The same probability by sampling both posteriors with a seeded RNG. */
export function probabilityToBeatMonteCarlo(baseline: RateArm, variant: RateArm, seed = 1, draws = 200_000): number {
  const beta = betaSampler(seededRandom(seed));
  let wins = 0;
  for (let i = 0; i < draws; i++) {
    const a = beta(1 + baseline.successes, 1 + baseline.trials - baseline.successes);
    const b = beta(1 + variant.successes, 1 + variant.trials - variant.successes);
    if (b > a) wins++;
  }
  return wins / draws;
}

/**
 * Trials needed per arm to detect a change from rate p1 to p2 with a two-sided test
 * at level alpha and the given power (Fleiss' formula without continuity correction):
 *   n = (z_{1−α/2}·√(2·p̄(1−p̄)) + z_{power}·√(p1(1−p1) + p2(1−p2)))² / (p2 − p1)²
 */
export function sampleSizePerArm(p1: number, p2: number, alpha = 0.05, power = 0.8): number {
  if (!(p1 > 0 && p1 < 1 && p2 > 0 && p2 < 1)) throw new ValidationError('rates must be strictly between 0 and 1');
  if (p1 === p2) throw new ValidationError('the two rates are equal: no sample size can detect a zero effect');
  const pBar = (p1 + p2) / 2;
  const za = normalQuantile(1 - alpha / 2);
  const zb = normalQuantile(power);
  const n = (za * Math.sqrt(2 * pBar * (1 - pBar)) + zb * Math.sqrt(p1 * (1 - p1) + p2 * (1 - p2))) ** 2 / (p2 - p1) ** 2;
  return Math.ceil(n);
}

/** Smallest absolute lift over p1 detectable with n trials per arm (bisection on sampleSizePerArm's formula). */
export function minimumDetectableEffect(p1: number, n: number, alpha = 0.05, power = 0.8): number {
  if (!(n > 0)) throw new ValidationError('needs at least one trial per arm');
  let lo = 1e-9;
  let hi = 1 - p1 - 1e-9;
  if (hi <= lo || sampleSizePerArm(p1, p1 + hi, alpha, power) > n) return Number.NaN;
  for (let i = 0; i < 100; i++) {
    const mid = (lo + hi) / 2;
    if (sampleSizePerArm(p1, p1 + mid, alpha, power) > n) lo = mid;
    else hi = mid;
  }
  return hi;
}
