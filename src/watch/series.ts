/**
 * Volume and sentiment over time: quarter-hour rollup rows folded into local hours or
 * days of the user's time zone, with every empty bucket present (a day with no data is
 * a zero, not a gap — the spike detector depends on it).
 */
import { netSentimentOf, notSureShareOf } from './figure-definitions.ts';
import {
  dateKeysBetween,
  DAY,
  HOUR,
  QUARTER,
  localDateKey,
  localParts,
  startOfLocalDay,
  startOfLocalHour,
  type DateKey,
  type Interval,
} from './time.ts';

export type Granularity = 'hour' | 'day';

/** Additive counts over a set of mentions. */
export interface Measures {
  mentions: number;
  negative: number;
  neutral: number;
  positive: number;
  /** Mentions whose sentiment is "not sure" (isNotSure in figure-definitions.ts). */
  notSure: number;
  /** Sum of sentiment scores (positive − negative probability) of scored mentions. */
  scoreSum: number;
  likes: number;
  shares: number;
  replies: number;
  /** Sum of author followers. */
  reach: number;
  views: number;
  repliesOrReposts: number;
}

export const MEASURE_KEYS = [
  'mentions',
  'negative',
  'neutral',
  'positive',
  'notSure',
  'scoreSum',
  'likes',
  'shares',
  'replies',
  'reach',
  'views',
  'repliesOrReposts',
] as const satisfies readonly (keyof Measures)[];

export function emptyMeasures(): Measures {
  return { mentions: 0, negative: 0, neutral: 0, positive: 0, notSure: 0, scoreSum: 0, likes: 0, shares: 0, replies: 0, reach: 0, views: 0, repliesOrReposts: 0 };
}

export function addMeasures(into: Measures, from: Measures): Measures {
  for (const key of MEASURE_KEYS) into[key] += from[key];
  return into;
}

/** Net sentiment of a bucket (figures.ts, docs/figures.md). */
export const netSentiment = (m: Measures): number | null => netSentimentOf(m);

/** Not-sure share of a bucket, beside its net sentiment (figure-definitions.ts, docs/figures.md). */
export const notSureShare = (m: Measures): number | null => notSureShareOf(m);

/** Share of scored mentions that are negative, in [0, 1]; null when nothing is scored. */
export function negativeShare(m: Measures): number | null {
  const scored = m.negative + m.neutral + m.positive;
  return scored === 0 ? null : m.negative / scored;
}

/** Engagement of a set of mentions: likes + shares + replies. */
export const engagementOf = (m: Pick<Measures, 'likes' | 'shares' | 'replies'>) => m.likes + m.shares + m.replies;

/** One rollup row: a quarter hour of one topic, optionally split by source or language. */
export interface QuarterRow extends Measures {
  topicId: number;
  bucket: number;
  source?: string;
  lang?: string;
}

export interface SeriesBucket extends Measures {
  /** UTC ms of the bucket's local start. */
  start: number;
  /** Local label: `2026-03-29` for days, `2026-03-29 02:00` for hours (ambiguous hours repeat). */
  label: string;
  /** Local date of the bucket. */
  date: DateKey;
  /** Local weekday, 0 = Monday. */
  weekday: number;
  /** Local hour of day (0 for day buckets). */
  hour: number;
}

export interface SeriesSpec {
  interval: Interval;
  timeZone: string;
  granularity: Granularity;
}

/** Start of the local bucket that holds instant `ms`. */
export function bucketStart(ms: number, spec: Pick<SeriesSpec, 'timeZone' | 'granularity'>): number {
  return spec.granularity === 'hour'
    ? startOfLocalHour(ms, spec.timeZone)
    : startOfLocalDay(localDateKey(ms, spec.timeZone), spec.timeZone);
}

/** Every bucket start in the interval, in order (DST days have 23 or 25 hourly buckets). */
export function bucketStarts(spec: SeriesSpec): number[] {
  const { interval, timeZone } = spec;
  if (interval.to <= interval.from) return [];
  if (spec.granularity === 'hour') {
    const starts: number[] = [];
    // Local hours are exactly one UTC hour apart, whatever the offset or DST.
    for (let t = startOfLocalHour(interval.from, timeZone); t < interval.to; t += HOUR) starts.push(t);
    return starts;
  }
  const first = localDateKey(interval.from, timeZone);
  const last = localDateKey(interval.to - 1, timeZone);
  return dateKeysBetween(first, last).map((k) => startOfLocalDay(k, timeZone));
}

/**
 * The coarsest UTC unit (day, hour or quarter hour) whose buckets each fall inside one
 * bucket of `spec`: rollup rows summed to it in SQL give the same series, with a 24th or a
 * 4th of the rows to carry out of the store.
 */
export function nestingUnit(spec: SeriesSpec): number {
  const edges = [...bucketStarts(spec), spec.interval.from, spec.interval.to];
  return [DAY, HOUR].find((unit) => edges.every((t) => t % unit === 0)) ?? QUARTER;
}

function describeBucket(start: number, spec: SeriesSpec): Omit<SeriesBucket, keyof Measures> {
  const p = localParts(start, spec.timeZone);
  const date = localDateKey(start, spec.timeZone);
  const hour = spec.granularity === 'hour' ? p.hour : 0;
  const label = spec.granularity === 'hour' ? `${date} ${String(hour).padStart(2, '0')}:00` : date;
  return { start, label, date, weekday: p.weekday, hour };
}

/** Index of the last start ≤ t in sorted `starts`, or -1. */
function bucketIndex(starts: readonly number[], t: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (starts[mid]! <= t) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** Folds rows (any granularity finer than the target) into a complete local series. */
export function buildSeries(rows: Iterable<Pick<QuarterRow, 'bucket'> & Measures>, spec: SeriesSpec): SeriesBucket[] {
  const starts = bucketStarts(spec);
  const buckets: SeriesBucket[] = starts.map((s) => ({ ...describeBucket(s, spec), ...emptyMeasures() }));
  // Bucket boundaries are computed once (time-zone lookups are slow); rows find theirs by binary search.
  for (const row of rows) {
    if (row.bucket < spec.interval.from || row.bucket >= spec.interval.to) continue;
    const i = bucketIndex(starts, row.bucket);
    if (i >= 0) addMeasures(buckets[i]!, row);
  }
  return buckets;
}

export function totalOf(rows: Iterable<Measures>): Measures {
  const total = emptyMeasures();
  for (const row of rows) addMeasures(total, row);
  return total;
}
