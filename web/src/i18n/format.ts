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
