/**
 * Robust statistics for the spike detector: median, MAD, and Rosner's generalized ESD test
 * in its "hybrid" form (median and MAD instead of mean and standard deviation), as in
 * Twitter's S-H-ESD — a few huge outliers cannot mask each other or inflate the scale.
 */
import { createRequire } from 'node:module';

interface JStat {
  studentt: { inv(p: number, dof: number): number };
}
// jstat ships no types; only the inverse Student t is used.
const { jStat } = createRequire(import.meta.url)('jstat') as { jStat: JStat };

/**
 * Puts the k-th smallest of `a` at `a[k]`, smaller ones before it and larger ones after
 * (Hoare's selection): a median needs one order statistic, not a whole sort, and the
 * detector takes thousands of medians per series.
 */
function select(a: Float64Array, k: number): void {
  let lo = 0;
  let hi = a.length - 1;
  while (lo < hi) {
    const pivot = a[(lo + hi) >> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i++] = a[j]!;
        a[j--] = t;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return;
  }
}

export function median(values: ArrayLike<number>): number {
  if (values.length === 0) return NaN;
  const a = Float64Array.from(values);
  const mid = a.length >> 1;
  select(a, mid);
  if (a.length % 2) return a[mid]!;
  // The lower middle: the largest of those placed before a[mid].
  let lower = a[0]!;
  for (let i = 1; i < mid; i++) if (a[i]! > lower) lower = a[i]!;
  return (lower + a[mid]!) / 2;
}

/** Median absolute deviation scaled to estimate σ of a normal distribution. */
export function robustScale(values: ArrayLike<number>, center = median(values)): number {
  const deviations = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) deviations[i] = Math.abs(values[i]! - center);
  return 1.4826 * median(deviations);
}

/** The critical value λ of step `i` (1-based) of the generalized ESD test on n points. */
export function esdCritical(n: number, i: number, alpha: number): number {
  const p = 1 - alpha / (2 * (n - i + 1));
  const dof = n - i - 1;
  const t = jStat.studentt.inv(p, dof);
  return ((n - i) * t) / Math.sqrt((dof + t * t) * (n - i + 1));
}

/**
 * Indices of the outliers among `values` by the generalized ESD test with at most
 * `maxOutliers` outliers at level `alpha`, using median/MAD at each step.
 */
export function generalizedEsd(values: readonly number[], maxOutliers: number, alpha = 0.05): number[] {
  const n = values.length;
  if (n < 3) return [];
  const remaining = values.map((v, i) => ({ v, i }));
  const removed: number[] = [];
  let outliers = 0;
  for (let step = 1; step <= Math.min(maxOutliers, n - 2); step++) {
    const vs = remaining.map((r) => r.v);
    const center = median(vs);
    const scale = robustScale(vs, center);
    let worst = 0;
    for (let k = 1; k < remaining.length; k++) {
      if (Math.abs(remaining[k]!.v - center) > Math.abs(remaining[worst]!.v - center)) worst = k;
    }
    const deviation = Math.abs(remaining[worst]!.v - center);
    // A zero scale (most points identical) makes any deviation infinitely unusual.
    const statistic = scale === 0 ? (deviation === 0 ? 0 : Infinity) : deviation / scale;
    removed.push(remaining[worst]!.i);
    remaining.splice(worst, 1);
    if (statistic > esdCritical(n, step, alpha)) outliers = step;
  }
  return removed.slice(0, outliers);
}
