/**
 * The KPI forecast curve: the user sketches expected monthly values at a few months
 * (or only gives quarterly targets) and Murmur draws the path between them with
 * monotone cubic interpolation (Fritsch–Carlson), which never overshoots the sketch:
 * a rising sketch gives a rising path, with no invented dips or peaks.
 */
import { METRIC_NATURE, type MetricNature } from './metrics.ts';
import type { Kpi } from './plan-schema.ts';

/** Month number on a continuous axis: 2026-01 → 2026*12. */
export function monthIndex(month: string): number {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return year * 12 + (m - 1);
}

export function monthName(index: number): string {
  const year = Math.floor(index / 12);
  return `${year}-${String((index % 12) + 1).padStart(2, '0')}`;
}

export function monthOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 7);
}

/** [start, end) of a month in epoch ms (UTC). */
export function monthRange(month: string): { from: number; to: number } {
  const i = monthIndex(month);
  const from = Date.UTC(Math.floor(i / 12), i % 12, 1);
  const to = Date.UTC(Math.floor((i + 1) / 12), (i + 1) % 12, 1);
  return { from, to };
}

export function quarterOf(month: string): string {
  const i = monthIndex(month);
  return `${Math.floor(i / 12)}-Q${Math.floor((i % 12) / 3) + 1}`;
}

/** The three months of 'YYYY-Qn'. */
export function quarterMonths(quarter: string): string[] {
  const [year, q] = quarter.split('-Q').map(Number) as [number, number];
  const first = year * 12 + (q - 1) * 3;
  return [0, 1, 2].map((k) => monthName(first + k));
}

/**
 * Fritsch–Carlson monotone cubic Hermite interpolation through (xs, ys), xs strictly
 * increasing. Outside the sketched range the path stays flat at the nearest end.
 */
export function monotoneInterpolator(xs: number[], ys: number[]): (x: number) => number {
  const n = xs.length;
  if (n === 0) throw new Error('no points to interpolate');
  if (n === 1) return () => ys[0]!;
  const h: number[] = [];
  const delta: number[] = [];
  for (let i = 0; i < n - 1; i++) {
    h.push(xs[i + 1]! - xs[i]!);
    delta.push((ys[i + 1]! - ys[i]!) / h[i]!);
  }
  const m: number[] = [delta[0]!];
  for (let i = 1; i < n - 1; i++) {
    m.push(delta[i - 1]! * delta[i]! <= 0 ? 0 : (delta[i - 1]! + delta[i]!) / 2);
  }
  m.push(delta[n - 2]!);
  // Shrink tangents where they would overshoot (the Fritsch–Carlson condition α²+β² ≤ 9).
  for (let i = 0; i < n - 1; i++) {
    if (delta[i] === 0) {
      m[i] = 0;
      m[i + 1] = 0;
      continue;
    }
    const a = m[i]! / delta[i]!;
    const b = m[i + 1]! / delta[i]!;
    const s = a * a + b * b;
    if (s > 9) {
      const t = 3 / Math.sqrt(s);
      m[i] = t * a * delta[i]!;
      m[i + 1] = t * b * delta[i]!;
    }
  }
  return (x: number) => {
    if (x <= xs[0]!) return ys[0]!;
    if (x >= xs[n - 1]!) return ys[n - 1]!;
    let i = 0;
    while (x > xs[i + 1]!) i++;
    const t = (x - xs[i]!) / h[i]!;
    const t2 = t * t;
    const t3 = t2 * t;
    return (
      (2 * t3 - 3 * t2 + 1) * ys[i]! +
      (t3 - 2 * t2 + t) * h[i]! * m[i]! +
      (-2 * t3 + 3 * t2) * ys[i + 1]! +
      (t3 - t2) * h[i]! * m[i + 1]!
    );
  };
}

export function kpiNature(kpi: Pick<Kpi, 'metric' | 'nature'>): MetricNature {
  return kpi.metric === 'entered' ? (kpi.nature ?? 'level') : METRIC_NATURE[kpi.metric];
}

/**
 * The points the curve passes through, as (month index, expected monthly value).
 * The user's sketch wins; without one, quarterly targets become points: a flow target
 * spread evenly over its months (placed mid-quarter), a level target at quarter end.
 */
export function sketchPoints(kpi: Kpi): { x: number; y: number }[] {
  const points =
    kpi.forecast.length > 0
      ? kpi.forecast.map((p) => ({ x: monthIndex(p.month), y: p.value }))
      : kpi.targets.map((t) => {
          const months = quarterMonths(t.quarter).map(monthIndex);
          return kpiNature(kpi) === 'flow' ? { x: months[1]!, y: t.value / 3 } : { x: months[2]!, y: t.value };
        });
  return points.sort((a, b) => a.x - b.x).filter((p, i, all) => i === 0 || p.x !== all[i - 1]!.x);
}

/** Expected value of the KPI for one month, or null when the KPI has no sketch or targets. */
export function expectedForMonth(kpi: Kpi, month: string): number | null {
  const points = sketchPoints(kpi);
  if (points.length === 0) return null;
  return monotoneInterpolator(points.map((p) => p.x), points.map((p) => p.y))(monthIndex(month));
}

export interface CurvePoint {
  /** Month, or a fraction of one for the points between months. */
  month: string;
  x: number;
  expected: number;
  /** True at the months the user sketched (or derived from a target). */
  sketched: boolean;
}

/** The expected path from `fromMonth` to `toMonth`, `stepsPerMonth` points per month for drawing. */
export function forecastCurve(kpi: Kpi, fromMonth: string, toMonth: string, stepsPerMonth = 4): CurvePoint[] {
  const points = sketchPoints(kpi);
  if (points.length === 0) return [];
  const f = monotoneInterpolator(points.map((p) => p.x), points.map((p) => p.y));
  const sketched = new Set(points.map((p) => p.x));
  const out: CurvePoint[] = [];
  const start = monthIndex(fromMonth);
  const end = monthIndex(toMonth);
  for (let step = 0; step <= (end - start) * stepsPerMonth; step++) {
    const x = start + step / stepsPerMonth;
    out.push({ month: monthName(Math.floor(x)), x, expected: f(x), sketched: Number.isInteger(x) && sketched.has(x) });
  }
  return out;
}
