/**
 * Counts over time (mentions, engagement) against the pre-period, with weekly
 * seasonality: each run day is expected to look like the same weekday before the run
 * (a Monday like the Mondays before). The level of each weekday is its median and its
 * noise (1.4826 · MAD)², floored at the Poisson variance: robust estimates, so one
 * campaign burst or crisis day in the pre-period does not inflate the baseline. The
 * uncertainty of the level itself (π/2 · σ²/n for a median) is added, so a short or
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
}

export class NotEnoughBaseline extends Error {
  override name = 'NotEnoughBaseline';
}

const weekday = (day: number) => new Date(day).getUTCDay();
/** σ ≈ 1.4826 · MAD for normal data. */
const MAD_TO_SD = 1.4826;
/** Var(median) ≈ π/2 · σ²/n for normal data. */
const MEDIAN_VARIANCE_FACTOR = Math.PI / 2;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function seasonalComparison(pre: DailyValue[], run: DailyValue[], alpha = 0.05): CountComparison {
  if (run.length === 0) throw new NotEnoughBaseline('no run days to compare yet');
  const byWeekday = new Map<number, number[]>();
  for (const d of pre) byWeekday.set(weekday(d.day), [...(byWeekday.get(weekday(d.day)) ?? []), d.value]);
  const stats = new Map<number, { mean: number; variance: number; n: number }>();
  for (const [w, values] of byWeekday) {
    const level = median(values);
    const spread = MAD_TO_SD * median(values.map((v) => Math.abs(v - level)));
    // At least Poisson noise, and at least 1 so an empty baseline still has a scale.
    stats.set(w, { mean: level, variance: Math.max(spread * spread, level, 1), n: values.length });
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
  // Var(Σ levels) = Σ_w c_w² · (π/2) · σ_w² / n_w for c_w run days on weekday w (variance of a median).
  let levelUncertainty = 0;
  for (const [w, c] of runPerWeekday) levelUncertainty += (c * c * MEDIAN_VARIANCE_FACTOR * stats.get(w)!.variance) / stats.get(w)!.n;
  const sd = Math.sqrt(noise + levelUncertainty);
  const z = sd === 0 ? 0 : (observed - expected) / sd;
  const zCrit = normalQuantile(1 - alpha / 2);
  const lift = expected === 0 ? (observed === 0 ? 0 : Infinity) : observed / expected - 1;
  const ci: [number, number] = expected === 0 ? [lift, lift] : [(observed - expected - zCrit * sd) / expected, (observed - expected + zCrit * sd) / expected];
  return { observed, expected, lift, ci, z, pValue: 2 * (1 - normalCdf(Math.abs(z))), days };
}

/** Every day of [from, to) as UTC midnights, with the values given (0 where absent). */
export function fillDays(from: number, to: number, values: Map<number, number>): DailyValue[] {
  const out: DailyValue[] = [];
  for (let day = Math.floor(from / DAY_MS) * DAY_MS; day < to; day += DAY_MS) out.push({ day, value: values.get(day) ?? 0 });
  return out;
}
