/**
 * Seeded count series with known spikes, for tests and for `npm run bench:spikes`:
 * weekly seasonality (profile chosen per stream), a trend, Poisson noise, and injected
 * rises and drops whose days are the ground truth.
 */
import type { SeriesPoint } from './spikes.ts';
import { DAY, HOUR } from './time.ts';

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Poisson sample (Knuth for small means, normal approximation for large ones). */
export function poisson(mean: number, random: () => number): number {
  if (mean <= 0) return 0;
  if (mean > 50) {
    const u = Math.max(random(), 1e-12);
    const normal = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
    return Math.max(0, Math.round(mean + Math.sqrt(mean) * normal));
  }
  const limit = Math.exp(-mean);
  let k = 0;
  let p = 1;
  do {
    k++;
    p *= random();
  } while (p > limit);
  return k - 1;
}

/** Multipliers Monday…Sunday. */
export const WEEKDAY_PROFILES = {
  /** B2B brand: busy weekdays, quiet weekends. */
  office: [1.2, 1.25, 1.2, 1.15, 1.0, 0.55, 0.5],
  /** Consumer / entertainment: weekend peaks. */
  weekend: [0.8, 0.75, 0.8, 0.9, 1.15, 1.45, 1.4],
} as const;

export interface InjectedEvent {
  /** Index of the first affected bucket. */
  index: number;
  length: number;
  direction: 'rise' | 'drop';
  /** Multiplier of the normal mean at the event's first bucket (decays after it). */
  factor: number;
}

export interface SyntheticStream {
  points: SeriesPoint[];
  events: InjectedEvent[];
}

export interface StreamOptions {
  seed: number;
  days: number;
  base: number;
  profile: readonly number[];
  /** Relative growth over the whole stream (0.5 = +50 %). */
  trend?: number;
  /** Extra day-to-day noise beyond Poisson (overdispersion), as a relative σ. */
  overdispersion?: number;
  events?: number;
  /** The UTC start of day 0 (a Monday). */
  origin?: number;
}

/** A daily stream with `events` rises or drops placed after the first five weeks. */
export function dailyStream(o: StreamOptions): SyntheticStream {
  const random = mulberry32(o.seed);
  const origin = o.origin ?? Date.UTC(2026, 0, 5);
  const events: InjectedEvent[] = [];
  const count = o.events ?? 3;
  const slots = Math.floor((o.days - 35) / Math.max(count, 1));
  for (let e = 0; e < count; e++) {
    const index = 35 + e * slots + Math.floor(random() * Math.max(1, slots - 4));
    const drop = random() < 0.3;
    events.push({
      index,
      length: 1 + Math.floor(random() * 3),
      direction: drop ? 'drop' : 'rise',
      factor: drop ? 0.05 + random() * 0.25 : 2.5 + random() * 6,
    });
  }
  const points: SeriesPoint[] = [];
  for (let d = 0; d < o.days; d++) {
    let mean = o.base * o.profile[d % 7]! * (1 + (o.trend ?? 0) * (d / o.days));
    mean *= Math.exp((o.overdispersion ?? 0.08) * gaussian(random));
    for (const ev of events) {
      if (d >= ev.index && d < ev.index + ev.length) {
        const decay = Math.pow(0.45, d - ev.index);
        mean *= ev.direction === 'rise' ? 1 + (ev.factor - 1) * decay : ev.factor;
      }
    }
    const start = origin + d * DAY;
    points.push({ start, label: new Date(start).toISOString().slice(0, 10), value: poisson(mean, random) });
  }
  return { points, events };
}

/** An hourly stream with a daily curve on top of the weekly profile, events lasting hours. */
export function hourlyStream(o: StreamOptions): SyntheticStream {
  const random = mulberry32(o.seed);
  const origin = o.origin ?? Date.UTC(2026, 0, 5);
  const hours = o.days * 24;
  const events: InjectedEvent[] = [];
  const count = o.events ?? 3;
  const slots = Math.floor((hours - 35 * 24) / Math.max(count, 1));
  for (let e = 0; e < count; e++) {
    const index = 35 * 24 + e * slots + Math.floor(random() * Math.max(1, slots - 24));
    const drop = random() < 0.3;
    events.push({
      index,
      length: drop ? 4 + Math.floor(random() * 6) : 1 + Math.floor(random() * 4),
      direction: drop ? 'drop' : 'rise',
      factor: drop ? 0.02 : 4 + random() * 8,
    });
  }
  const points: SeriesPoint[] = [];
  for (let h = 0; h < hours; h++) {
    const hourOfDay = h % 24;
    const dayCurve = 0.25 + 1.5 * Math.exp(-((hourOfDay - 14) ** 2) / 18);
    let mean = (o.base / 24) * o.profile[Math.floor(h / 24) % 7]! * dayCurve * (1 + (o.trend ?? 0) * (h / hours));
    mean *= Math.exp((o.overdispersion ?? 0.08) * gaussian(random));
    for (const ev of events) {
      if (h >= ev.index && h < ev.index + ev.length) {
        const decay = Math.pow(0.6, h - ev.index);
        mean *= ev.direction === 'rise' ? 1 + (ev.factor - 1) * decay : ev.factor;
      }
    }
    const start = origin + h * HOUR;
    points.push({ start, label: new Date(start).toISOString().slice(0, 13), value: poisson(mean, random) });
  }
  return { points, events };
}

function gaussian(random: () => number): number {
  return Math.sqrt(-2 * Math.log(Math.max(random(), 1e-12))) * Math.cos(2 * Math.PI * random());
}

/** Precision and recall of detected spans against injected events (overlap = a match). */
export function scoreDetections(
  detected: { first: number; last: number }[],
  events: InjectedEvent[],
): { truePositives: number; falsePositives: number; missed: number; precision: number; recall: number } {
  const overlaps = (d: { first: number; last: number }, e: InjectedEvent) => d.first <= e.index + e.length - 1 && d.last >= e.index;
  const truePositives = detected.filter((d) => events.some((e) => overlaps(d, e))).length;
  const found = events.filter((e) => detected.some((d) => overlaps(d, e))).length;
  return {
    truePositives,
    falsePositives: detected.length - truePositives,
    missed: events.length - found,
    precision: detected.length === 0 ? 1 : truePositives / detected.length,
    recall: events.length === 0 ? 1 : found / events.length,
  };
}
