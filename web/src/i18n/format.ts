/** Numbers and dates through Intl in the UI language, so 12 345,6 and 12,345.6 are both right. */
import type { Instant } from '../api/types.ts';

export function toDate(value: Instant): Date {
  return new Date(typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value);
}

export function formatNumber(locale: string, value: number | null | undefined, digits = 0): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '–';
  return new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value);
}

export function formatCompact(locale: string, value: number | null | undefined): string {
  if (value === null || value === undefined) return '–';
  return new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 }).format(value);
}

export function formatPercent(locale: string, value: number | null | undefined, digits = 0): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '–';
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: digits }).format(value);
}

/** A change as a percent with its sign (+12 %, −3 %), so a rise and a fall read apart. */
export function formatSignedPercent(locale: string, value: number | null | undefined, digits = 0): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '–';
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: digits, signDisplay: 'exceptZero' }).format(value);
}

/** A difference of two percentages, in percentage points with its sign (+1.2 pt). */
export function formatSignedPoints(locale: string, points: number | null | undefined, digits = 2): string {
  if (points === null || points === undefined || Number.isNaN(points)) return '–';
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: digits, signDisplay: 'exceptZero' }).format(points)} pt`;
}

/**
 * A KPI value in its metric's unit: counts are whole (a forecast of 19,768.4 mentions
 * reads 19,768), share of voice is a percent, net sentiment in points from −100 to 100.
 */
export function formatMetric(locale: string, metric: string, value: number | null | undefined): string {
  if (metric === 'share_of_voice') return formatPercent(locale, value == null ? value : value / 100, 1);
  if (metric === 'net_sentiment') return formatNumber(locale, value, 1);
  if (metric === 'revenue' || metric === 'entered') return formatNumber(locale, value, 2);
  return formatNumber(locale, value == null ? value : Math.round(value));
}

/** A gap between two KPI values: share of voice and net sentiment move in points. */
export function formatMetricGap(locale: string, metric: string, gap: number | null | undefined): string {
  if (metric === 'share_of_voice' || metric === 'net_sentiment') return formatSignedPoints(locale, gap, 1);
  return formatMetric(locale, metric, gap);
}

export function formatDateTime(locale: string, value: Instant | null | undefined): string {
  if (value === null || value === undefined) return '–';
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(toDate(value));
}

export function formatDate(locale: string, value: Instant | null | undefined): string {
  if (value === null || value === undefined) return '–';
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(toDate(value));
}

export function formatHour(locale: string, value: Instant): string {
  return new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' }).format(toDate(value));
}

/** "3 hours ago" in the UI language. */
export function formatRelative(locale: string, value: Instant, now = Date.now()): string {
  const seconds = (toDate(value).getTime() - now) / 1000;
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const steps: Array<[Intl.RelativeTimeFormatUnit, number]> = [
    ['year', 31_536_000],
    ['month', 2_592_000],
    ['day', 86_400],
    ['hour', 3_600],
    ['minute', 60],
  ];
  for (const [unit, size] of steps) {
    if (Math.abs(seconds) >= size) return rtf.format(Math.round(seconds / size), unit);
  }
  return rtf.format(Math.round(seconds), 'second');
}
