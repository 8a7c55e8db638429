/**
 * KPI baselines: what a normal day looks like (mentions, shares, new authors, net
 * sentiment), from the days before it — the median of the same weekday and the usual
 * range (10th–90th percentile) — so a day can be read as below, within or above normal.
 */
import { quantileSorted } from 'simple-statistics';
import { median } from './esd.ts';

export type KpiName = 'mentions' | 'shares' | 'newAuthors' | 'netSentiment' | 'negativeShare' | 'engagement';

export interface DayKpis {
  date: string;
  weekday: number;
  values: Partial<Record<KpiName, number | null>>;
}

export interface KpiBaseline {
  kpi: KpiName;
  /** Median over the history days with a value. */
  median: number | null;
  /** Median of the same weekday as the compared day. */
  sameWeekday: number | null;
  low: number | null;
  high: number | null;
}

export interface KpiComparison extends KpiBaseline {
  value: number | null;
  /** value / sameWeekday (or median) − 1; null without a baseline. */
  change: number | null;
  status: 'below' | 'normal' | 'above' | 'unknown';
}

export const KPI_NAMES: KpiName[] = ['mentions', 'shares', 'engagement', 'newAuthors', 'netSentiment', 'negativeShare'];

export function kpiBaseline(history: DayKpis[], kpi: KpiName, weekday?: number): KpiBaseline {
  const values = history.map((d) => d.values[kpi]).filter((v): v is number => v != null);
  const same = history.filter((d) => d.weekday === weekday).map((d) => d.values[kpi]).filter((v): v is number => v != null);
  if (values.length === 0) return { kpi, median: null, sameWeekday: null, low: null, high: null };
  const sorted = [...values].sort((a, b) => a - b);
  return {
    kpi,
    median: median(values),
    sameWeekday: same.length >= 2 ? median(same) : null,
    low: quantileSorted(sorted, 0.1),
    high: quantileSorted(sorted, 0.9),
  };
}

/** Compares one day with the baseline of the days before it. */
export function compareDay(day: DayKpis, history: DayKpis[]): KpiComparison[] {
  return KPI_NAMES.map((kpi) => {
    const b = kpiBaseline(history, kpi, day.weekday);
    const value = day.values[kpi] ?? null;
    const reference = b.sameWeekday ?? b.median;
    // Net sentiment is on [-100, 100] and crosses zero: report a difference, not a ratio.
    const signed = kpi === 'netSentiment';
    const change = value == null || reference == null ? null : signed ? value - reference : reference === 0 ? null : value / reference - 1;
    let status: KpiComparison['status'] = 'unknown';
    if (value != null && b.low != null && b.high != null) {
      // The usual range, widened around the same-weekday norm when weekdays differ a lot.
      const low = Math.min(b.low, reference ?? b.low);
      const high = Math.max(b.high, reference ?? b.high);
      status = value < low ? 'below' : value > high ? 'above' : 'normal';
    }
    return { ...b, value, change, status };
  });
}
