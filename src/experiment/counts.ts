/**
 * Counts over time (mentions, engagement) against the pre-period, with weekly
 * seasonality: each run day is expected to look like the same weekday before the run
 * (a Monday like the Mondays before).
 *
 * Pre-period days far from their weekday's median (beyond 3.5 robust standard
 * deviations of all residuals, and beyond Poisson noise) are set aside first: a campaign
 * burst or a crisis before the run must not raise the bar it is measured against. The
 * remaining days give each weekday's mean and noise (sample variance, floored at the
 * Poisson variance); the uncertainty of the means themselves is added, so a short or
 * noisy baseline widens the interval honestly.
 */
import { normalCdf, normalQuantile } from './distributions.ts';

export const DAY_MS = 86_400_000;

export interface DailyValue {
  /** UTC midnight, epoch ms. */
  day: number;
  value: number;
}

export interface CountComparison {
  observed: number;
  expected: number;
  /** observed / expected − 1. */
  lift: number;
  /** Confidence interval of the lift. */
  ci: [number, number];
  z: number;
  pValue: number;
  days: { day: number; observed: number; expected: number }[];
  /** Pre-period days set aside as outliers (bursts, crises). */
  excludedDays: number[];
}

export class NotEnoughBaseline extends Error {
  override name = 'NotEnoughBaseline';
}

const weekday = (day: number) => new Date(day).getUTCDay();
/** σ ≈ 1.4826 · MAD for normal data. */
const MAD_TO_SD = 1.4826;
const OUTLIER_SDS = 3.5;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function groupByWeekday(days: DailyValue[]): Map<number, DailyValue[]> {
  const groups = new Map<number, DailyValue[]>();
  for (const d of days) groups.set(weekday(d.day), [...(groups.get(weekday(d.day)) ?? []), d]);
  return groups;
}

/** Pre-period days that are outliers against their weekday's median. */
export function baselineOutliers(pre: DailyValue[]): Set<number> {
  const medians = new Map([...groupByWeekday(pre)].map(([w, ds]) => [w, median(ds.map((d) => d.value))]));
  const residuals = pre.map((d) => d.value - medians.get(weekday(d.day))!);
  const sigma = MAD_TO_SD * median(residuals.map(Math.abs));
  return new Set(
    pre
      .filter((d, i) => {
        const level = medians.get(weekday(d.day))!;
        return Math.abs(residuals[i]!) > OUTLIER_SDS * Math.max(sigma, Math.sqrt(Math.max(level, 1)));
      })
      .map((d) => d.day),
  );
}

export function seasonalComparison(pre: DailyValue[], run: DailyValue[], alpha = 0.05): CountComparison {
  if (run.length === 0) throw new NotEnoughBaseline('no run days to compare yet');
  const outliers = baselineOutliers(pre);
  const stats = new Map<number, { mean: number; variance: number; n: number }>();
  for (const [w, days] of groupByWeekday(pre.filter((d) => !outliers.has(d.day)))) {
    const values = days.map((d) => d.value);
    const n = values.length;
    const mean = values.reduce((sum, v) => sum + v, 0) / n;
    const sample = n > 1 ? values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / (n - 1) : 0;
    // At least Poisson noise, and at least 1 so an empty baseline still has a scale.
    stats.set(w, { mean, variance: Math.max(sample, mean, 1), n });
  }
  const runPerWeekday = new Map<number, number>();
  let observed = 0;
  let expected = 0;
  let noise = 0;
  const days = run.map((d) => {
    const s = stats.get(weekday(d.day));
    if (!s || s.n < 2) throw new NotEnoughBaseline(`the pre-period needs at least two ${new Date(d.day).toLocaleDateString('en', { weekday: 'long', timeZone: 'UTC' })}s`);
    runPerWeekday.set(weekday(d.day), (runPerWeekday.get(weekday(d.day)) ?? 0) + 1);
    observed += d.value;
    expected += s.mean;
    noise += s.variance;
    return { day: d.day, observed: d.value, expected: s.mean };
  });
  // Var(Σ means) = Σ_w c_w² · σ_w² / n_w for c_w run days on weekday w.
  let levelUncertainty = 0;
  for (const [w, c] of runPerWeekday) levelUncertainty += (c * c * stats.get(w)!.variance) / stats.get(w)!.n;
  const sd = Math.sqrt(noise + levelUncertainty);
  const z = sd === 0 ? 0 : (observed - expected) / sd;
  const zCrit = normalQuantile(1 - alpha / 2);
  const lift = expected === 0 ? (observed === 0 ? 0 : Infinity) : observed / expected - 1;
  const ci: [number, number] = expected === 0 ? [lift, lift] : [(observed - expected - zCrit * sd) / expected, (observed - expected + zCrit * sd) / expected];
  return { observed, expected, lift, ci, z, pValue: 2 * (1 - normalCdf(Math.abs(z))), days, excludedDays: [...outliers].sort((a, b) => a - b) };
}

/** Every day of [from, to) as UTC midnights, with the values given (0 where absent). */
export function fillDays(from: number, to: number, values: Map<number, number>): DailyValue[] {
  const out: DailyValue[] = [];
  for (let day = Math.floor(from / DAY_MS) * DAY_MS; day < to; day += DAY_MS) out.push({ day, value: values.get(day) ?? 0 });
  return out;
}
