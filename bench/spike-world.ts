/**
 * A second, independent generator of mention streams with known events, for
 * `npm run bench:spikes`. It was written without reading the detector's thresholds and
 * shares no model with src/watch/synthetic-series.ts (only its PRNG): it makes mentions (not counts), one by
 * one, on a local wall clock, and the series are folded from them as the rollup does.
 *
 * Its own model of a topic:
 * - a level drawn per stream (400–2,500 mentions a day), a slow random-walk trend and a
 *   day-to-day wobble (log-normal, so counts are over-dispersed, not plain Poisson);
 * - a weekly rhythm with a random peak day and depth, and a two-humped day (a late-morning
 *   and an evening peak at random hours) over a night floor — all in LOCAL time, so a DST
 *   change moves the UTC hours the crowd posts at;
 * - five networks with random shares, languages, Zipf authors and hashtags, links to a pool
 *   of sites, replies with parent ids, and a negative share with its own daily wobble.
 *
 * Each stream has eight events, one a week in a shuffled order, and a control week with
 * nothing in it starting on the day of a DST change (or, in a zone without DST, that date):
 * a viral post whose reposts and quotes carry its URL but no parent id; a review whose URL
 * many people share (positive); a surge on one network only; a day-long outage of the
 * biggest network; a few hours with nothing collected at all; a campaign that raises volume
 * while the negative share falls; a negative crisis; and a ×1.5 positive day. Every volume
 * event changes its busiest local day by at least half the usual volume, drawn at random
 * above that.
 */
import type { MentionFact } from '../src/watch/read/model.ts';
import { mulberry32 } from '../src/watch/synthetic-series.ts';
import { addDays, DAY, HOUR, localDateKey, localParts, MINUTE, startOfLocalDay, type DateKey } from '../src/watch/time.ts';

export type EventKind = 'viral-repost' | 'review-url' | 'one-network' | 'outage' | 'collector-down' | 'campaign' | 'crisis' | 'rise-1.5';

/** What root cause should name for an event: a dimension and its value. */
export interface ExpectedCause {
  dimension: 'post' | 'domain' | 'source' | 'hashtag';
  value: string;
}

export interface WorldEvent {
  kind: EventKind;
  /** UTC ms: first instant with event mentions (or silence), and the end (exclusive) of its body. */
  from: number;
  to: number;
  direction: 'rise' | 'drop';
  /** What the total volume's root cause should name, and the negative volume's (crisis only); null: nothing in particular. */
  cause: ExpectedCause | null;
  /** A spike the negative detector must raise. */
  negative: boolean;
  /**
   * Whether the daily and the hourly volume detectors must raise it. A change spread evenly
   * over a whole day (the ×1.5 day, a network silent all day) is the daily detector's; a few
   * hours of silence are the hourly one's. Elsewhere a detection on it is neither right nor wrong.
   */
  daily: boolean;
  hourly: boolean;
}

export interface World {
  seed: number;
  timeZone: string;
  /** Local dates of the stream, first and last. */
  first: DateKey;
  last: DateKey;
  facts: MentionFact[];
  events: WorldEvent[];
  /** The control week: [from, to) in UTC ms, nothing injected. */
  control: { from: number; to: number };
}

// The same PRNG as the first generator (a PRNG, not a model: the two share nothing else).
const rng = mulberry32;
type Rand = () => number;

function gaussian(r: Rand): number {
  return Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
}

function poisson(r: Rand, lambda: number): number {
  if (lambda <= 0) return 0;
  if (lambda > 40) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * gaussian(r)));
  const limit = Math.exp(-lambda);
  let k = 0;
  for (let p = r(); p > limit; p *= r()) k++;
  return k;
}

/** Index drawn with weights. */
function pick<T>(r: Rand, items: readonly T[], weights: readonly number[]): T {
  let x = r() * weights.reduce((a, b) => a + b, 0);
  for (let i = 0; i < items.length; i++) if ((x -= weights[i]!) <= 0) return items[i]!;
  return items[items.length - 1]!;
}

function shuffle<T>(r: Rand, items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

const NETWORKS = ['x', 'reddit', 'bluesky', 'mastodon', 'rss'] as const;
const NETWORK_HOST: Record<string, string> = { x: 'x.com', reddit: 'reddit.com', bluesky: 'bsky.app', mastodon: 'mastodon.social', rss: 'news.example.org' };
const SITES = Array.from({ length: 40 }, (_, i) => `site${i}.example.com`);
const TAGS = Array.from({ length: 30 }, (_, i) => `tag${i}`);
const WEEKS = 16;

/** The zone's DST change on or nearest `date`, or `date` itself in a zone without one. */
export interface Scenario {
  timeZone: string;
  /** Local date the control week starts on: a DST change day. */
  change: DateKey;
  name: string;
}

export const SCENARIOS: Scenario[] = [
  { timeZone: 'Europe/Paris', change: '2026-03-29', name: 'Paris, spring forward' },
  { timeZone: 'Europe/Paris', change: '2026-10-25', name: 'Paris, fall back' },
  { timeZone: 'America/New_York', change: '2026-03-08', name: 'New York, spring forward' },
  { timeZone: 'America/New_York', change: '2026-11-01', name: 'New York, fall back' },
  { timeZone: 'Asia/Kolkata', change: '2026-03-29', name: 'Kolkata (+05:30, no DST)' },
];

/** Mentions per local hour of day, two humps over a floor, summing to 1. */
function dayShape(r: Rand): number[] {
  const morning = 9.5 + r() * 3.5;
  const evening = 18 + r() * 3.5;
  const eveningWeight = 0.6 + r() * 0.8;
  const raw = Array.from({ length: 24 }, (_, h) => 0.08 + Math.exp(-(((h - morning) / 2.6) ** 2) / 2) + eveningWeight * Math.exp(-(((h - evening) / 2.1) ** 2) / 2));
  const sum = raw.reduce((a, b) => a + b, 0);
  return raw.map((v) => v / sum);
}

function weekShape(r: Rand): number[] {
  const peak = Math.floor(r() * 7);
  const depth = 0.1 + r() * 0.4;
  const raw = Array.from({ length: 7 }, (_, d) => Math.max(0.2, 1 + depth * Math.cos((2 * Math.PI * (d - peak)) / 7) + 0.06 * gaussian(r)));
  const mean = raw.reduce((a, b) => a + b, 0) / 7;
  return raw.map((v) => v / mean);
}

interface Draft {
  source: string;
  author: string;
  sentiment: 'negative' | 'neutral' | 'positive';
  lang: string;
  hashtags: string[];
  links: string[];
  parentExternalId: string | null;
  url?: string;
  followers?: number;
  likes?: number;
}

/** A body of extra mentions: how many per UTC hour, and how to make one. */
interface Injection {
  event: WorldEvent;
  perHour: (t: number) => number;
  make: (r: Rand) => Draft;
  /** Drafts posted once, at `from` (the post a cascade grows from). */
  seed?: Draft;
}

export function generateWorld(seed: number, scenario: Scenario): World {
  const r = rng(seed * 1_000_003 + [...scenario.name].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7));
  const tz = scenario.timeZone;
  // The control week starts on the change day, the last day of week 9 (weeks start on the stream's first day).
  const first = addDays(scenario.change, -(9 * 7 + 6));
  const last = addDays(first, WEEKS * 7 - 1);
  const dayStart = (i: number) => startOfLocalDay(addDays(first, i), tz);
  const from = dayStart(0);
  const to = dayStart(WEEKS * 7);

  const level = Math.exp(Math.log(400) + r() * Math.log(2500 / 400));
  const hours = dayShape(r);
  const week = weekShape(r);
  const driftPerDay = (r() - 0.35) * 0.008;
  const trend: number[] = [];
  let walk = 0;
  for (let d = 0; d < WEEKS * 7 + 1; d++) {
    walk += driftPerDay + 0.012 * gaussian(r);
    trend.push(Math.exp(walk + 0.07 * gaussian(r)));
  }
  const negShare = 0.12 + r() * 0.16;
  const negWobble = Array.from({ length: WEEKS * 7 + 1 }, () => Math.exp(0.15 * gaussian(r)));
  const netShares = [0.4 + r() * 0.15, 0.1 + r() * 0.1, 0.06 + r() * 0.12, 0.05 + r() * 0.1, 0.04 + r() * 0.08];
  const langs = tz === 'Europe/Paris' ? ['fr', 'en', 'de'] : tz === 'Asia/Kolkata' ? ['en', 'hi', 'ta'] : ['en', 'es', 'fr'];
  const langWeights = [0.7, 0.22, 0.08];
  const authorCount = Math.round(level * 3);
  const authorWeights = Array.from({ length: authorCount }, (_, i) => 1 / (i + 1) ** 0.9);
  const authorIds = Array.from({ length: authorCount }, (_, i) => i);
  const tagWeights = TAGS.map((_, i) => 1 / (i + 1));
  const siteWeights = SITES.map((_, i) => 1 / (i + 1));

  const localDayIndex = (t: number) => Math.round((Date.parse(`${localDateKey(t, tz)}T00:00:00Z`) - Date.parse(`${first}T00:00:00Z`)) / DAY);
  /** Expected background mentions in the UTC hour starting at t. */
  const baseRate = (t: number) => {
    const mid = localParts(t + 30 * MINUTE, tz);
    const d = localDayIndex(t + 30 * MINUTE);
    return level * trend[d]! * week[mid.weekday]! * hours[mid.hour]!;
  };
  const sentimentOf = (pNeg: number, pPos: number): Draft['sentiment'] => {
    const x = r();
    return x < pNeg ? 'negative' : x < pNeg + pPos ? 'positive' : 'neutral';
  };
  const background = (d: number): Draft => {
    const tags = r() < 0.3 ? [pick(r, TAGS, tagWeights)] : [];
    return {
      source: pick(r, NETWORKS, netShares),
      author: `user${pick(r, authorIds, authorWeights)}`,
      sentiment: sentimentOf(Math.min(0.9, negShare * negWobble[d]!), 0.35),
      lang: pick(r, langs, langWeights),
      hashtags: tags,
      links: r() < 0.2 ? [`https://${pick(r, SITES, siteWeights)}/a/${Math.floor(r() * 1e6)}`] : [],
      parentExternalId: null,
    };
  };

  // Eight events, one a week in weeks 6–8 and 11–15, from Monday to Thursday, in a shuffled order.
  const slots = shuffle(r, [6, 7, 8, 11, 12, 13, 14, 15]);
  const kinds: EventKind[] = shuffle(r, ['viral-repost', 'review-url', 'one-network', 'outage', 'collector-down', 'campaign', 'crisis', 'rise-1.5']);
  const injections: Injection[] = [];
  const silenced: { networks: string[]; from: number; to: number }[] = [];
  const decay = (start: number, halfLife: number) => (t: number) => (t < start ? 0 : (1 - Math.exp(-Math.LN2 / halfLife)) * Math.exp((-Math.LN2 * (t - start)) / HOUR / halfLife));
  /** Where a decaying body falls below 5 % of its first hour. */
  const decayEnd = (start: number, halfLife: number) => start + Math.ceil(halfLife * Math.log2(20)) * HOUR;
  /** Expected mentions on local day `d` without events. */
  const dayExpected = (d: number) => level * trend[d]! * week[localParts(dayStart(d) + 12 * HOUR, tz).weekday]!;
  /**
   * The total that puts `factor` × the day's usual volume on the body's busiest local day:
   * every volume event changes its busiest day by at least half (×1.5 is the weakest rise
   * a manager must be told of), however its hours straddle midnight.
   */
  const sized = (shape: (t: number) => number, day: number, factor: number) => {
    let best = 0;
    for (let d = day; d < day + 4; d++) {
      let sum = 0;
      for (let t = dayStart(d); t < dayStart(d + 1); t += HOUR) sum += shape(t);
      best = Math.max(best, sum);
    }
    return (factor * dayExpected(day)) / Math.max(best, 1e-9);
  };
  const scaled = (shape: (t: number) => number, total: number) => (t: number) => total * shape(t);
  for (const [i, kind] of kinds.entries()) {
    const day = slots[i]! * 7 + Math.floor(r() * 4);
    const startHour = 8 + Math.floor(r() * 9);
    const start = dayStart(day) + startHour * HOUR;
    const base = { kind, direction: 'rise' as const, negative: false, daily: true, hourly: true };
    const factor = 0.5 + r() * 0.8;
    switch (kind) {
      case 'viral-repost': {
        const id = `x:viral${seed}`;
        const url = `https://x.com/viral_${seed}/status/${seed}`;
        const halfLife = 2 + r() * 3;
        const shape = decay(start, halfLife);
        injections.push({
          event: { ...base, from: start, to: decayEnd(start, halfLife), cause: { dimension: 'post', value: id } },
          perHour: scaled(shape, sized(shape, day, factor)),
          make: (rr) => ({ source: rr() < 0.7 ? 'x' : pick(rr, NETWORKS, netShares), author: `fan${Math.floor(rr() * 1e7)}`, sentiment: sentimentOf(negShare, 0.4), lang: pick(rr, langs, langWeights), hashtags: [], links: [url], parentExternalId: null }),
          seed: { source: 'x', author: `viral_${seed}`, sentiment: 'positive', lang: langs[0]!, hashtags: [], links: [], parentExternalId: null, url, followers: 250_000, likes: 40_000 },
        });
        break;
      }
      case 'review-url': {
        const host = `review${seed}.example.net`;
        const link = `https://${host}/brand-review`;
        const halfLife = 6 + r() * 8;
        const shape = decay(start, halfLife);
        injections.push({
          event: { ...base, from: start, to: decayEnd(start, halfLife), cause: { dimension: 'domain', value: host } },
          perHour: scaled(shape, sized(shape, day, factor)),
          make: (rr) => ({ source: pick(rr, NETWORKS.slice(0, 4), netShares.slice(0, 4)), author: `reader${Math.floor(rr() * 1e7)}`, sentiment: sentimentOf(0.05, 0.7), lang: pick(rr, langs, langWeights), hashtags: [], links: [link], parentExternalId: null }),
        });
        break;
      }
      case 'one-network': {
        // A discussion spread over many threads of one network: no post, link or tag in common.
        const network = 'reddit';
        const length = 8 + Math.floor(r() * 8);
        const end = start + length * HOUR;
        const shape = (t: number) => (t >= start && t < end ? Math.sin((Math.PI * ((t - start) / HOUR + 0.5)) / length) : 0);
        injections.push({
          event: { ...base, from: start, to: end, cause: { dimension: 'source', value: network } },
          perHour: scaled(shape, sized(shape, day, factor)),
          make: (rr) => ({ source: network, author: `redditor${Math.floor(rr() * 1e7)}`, sentiment: sentimentOf(negShare, 0.35), lang: pick(rr, langs, langWeights), hashtags: rr() < 0.3 ? [pick(rr, TAGS, tagWeights)] : [], links: [], parentExternalId: null }),
        });
        break;
      }
      case 'outage': {
        // The biggest network goes silent from around midnight for a day or so.
        const outFrom = dayStart(day) + Math.floor(r() * 3) * HOUR;
        const outTo = outFrom + (24 + Math.floor(r() * 5)) * HOUR;
        silenced.push({ networks: ['x'], from: outFrom, to: outTo });
        injections.push({ event: { ...base, hourly: false, direction: 'drop', from: outFrom, to: outTo, cause: { dimension: 'source', value: 'x' } }, perHour: () => 0, make: () => background(day) });
        break;
      }
      case 'collector-down': {
        // Nothing is collected for a few daytime hours: every network at once, so nothing in particular is the cause.
        const outTo = start + (4 + Math.floor(r() * 5)) * HOUR;
        silenced.push({ networks: [...NETWORKS], from: start, to: outTo });
        injections.push({ event: { ...base, daily: false, direction: 'drop', from: start, to: outTo, cause: null }, perHour: () => 0, make: () => background(day) });
        break;
      }
      case 'campaign': {
        // Launch day and a smaller second day; a well-received campaign lowers the negative share.
        const tag = `brandsummer${seed}`;
        const launch = dayStart(day) + 9 * HOUR;
        const end = dayStart(day + 2);
        const shape = (t: number) => (t < launch || t >= end ? 0 : (t < dayStart(day + 1) ? 1 : 0.4) * hours[localParts(t, tz).hour]!);
        injections.push({
          event: { ...base, from: launch, to: end, cause: { dimension: 'hashtag', value: tag } },
          perHour: scaled(shape, sized(shape, day, factor + 0.5)),
          make: (rr) => ({ source: pick(rr, NETWORKS.slice(0, 4), netShares.slice(0, 4)), author: `participant${Math.floor(rr() * 1e7)}`, sentiment: sentimentOf(0.03, 0.7), lang: pick(rr, langs, langWeights), hashtags: rr() < 0.9 ? [tag] : [], links: [], parentExternalId: null }),
        });
        break;
      }
      case 'crisis': {
        const tag = `brandfail${seed}`;
        const halfLife = 5 + r() * 6;
        const shape = decay(start, halfLife);
        injections.push({
          event: { ...base, negative: true, from: start, to: decayEnd(start, halfLife), cause: { dimension: 'hashtag', value: tag } },
          perHour: scaled(shape, sized(shape, day, factor)),
          make: (rr) => ({ source: pick(rr, NETWORKS, netShares), author: `angry${Math.floor(rr() * 1e7)}`, sentiment: sentimentOf(0.85, 0.03), lang: pick(rr, langs, langWeights), hashtags: rr() < 0.75 ? [tag] : [], links: [], parentExternalId: null }),
        });
        break;
      }
      case 'rise-1.5': {
        // Half as many mentions again all day (a TV mention replayed), spread like the day itself.
        const tag = `brandontv${seed}`;
        const dFrom = dayStart(day);
        const dTo = dayStart(day + 1);
        injections.push({
          event: { ...base, hourly: false, from: dFrom, to: dTo, cause: { dimension: 'hashtag', value: tag } },
          perHour: (t) => (t >= dFrom && t < dTo ? 0.5 * baseRate(t) : 0),
          make: (rr) => ({ source: pick(rr, NETWORKS, netShares), author: `viewer${Math.floor(rr() * 1e7)}`, sentiment: sentimentOf(0.05, 0.75), lang: pick(rr, langs, langWeights), hashtags: [tag], links: [], parentExternalId: null }),
        });
        break;
      }
    }
  }

  const facts: MentionFact[] = [];
  let nextId = 1;
  const recent: MentionFact[] = [];
  const emit = (d: Draft, t: number, externalId?: string) => {
    const id = nextId++;
    const host = NETWORK_HOST[d.source]!;
    const fact: MentionFact = {
      id,
      source: d.source,
      authorHandle: d.author,
      followers: d.followers ?? Math.round(Math.exp(4 + 2 * Math.abs(gaussian(r)))),
      reach: d.followers ?? 0,
      publishedAt: t,
      lang: d.lang,
      sentiment: d.sentiment,
      score: d.sentiment === 'negative' ? -0.8 : d.sentiment === 'positive' ? 0.8 : 0,
      likes: d.likes ?? Math.floor(r() * 20),
      shares: Math.floor(r() * 4),
      replies: Math.floor(r() * 3),
      externalId: externalId ?? `${d.source}:${id}`,
      parentExternalId: d.parentExternalId,
      url: d.url ?? `https://${host}/p/${id}`,
      domain: host,
      hashtags: d.hashtags,
      links: d.links,
    };
    fact.reach = fact.followers;
    facts.push(fact);
    return fact;
  };
  for (let t = from; t < to; t += HOUR) {
    const d = localDayIndex(t + 30 * MINUTE);
    for (const inj of injections) if (inj.seed && t <= inj.event.from && inj.event.from < t + HOUR) emit(inj.seed, inj.event.from, inj.event.cause?.value);
    const drafts: Draft[] = [];
    const n = poisson(r, baseRate(t) * Math.exp(0.05 * gaussian(r)));
    for (let k = 0; k < n; k++) drafts.push(background(d));
    for (const inj of injections) {
      const m = poisson(r, inj.perHour(t));
      for (let k = 0; k < m; k++) drafts.push(inj.make(r));
    }
    for (const d of drafts) {
      const at = t + Math.floor(r() * HOUR);
      if (silenced.some((s) => s.networks.includes(d.source) && at >= s.from && at < s.to)) continue;
      // Some background posts are replies, with a parent id, to a post of the last hours.
      if (d.parentExternalId == null && d.links.length === 0 && d.author.startsWith('user') && recent.length > 0 && r() < 0.08) d.parentExternalId = recent[Math.floor(r() * recent.length)]!.externalId;
      const f = emit(d, at);
      if (d.author.startsWith('user')) {
        recent.push(f);
        if (recent.length > 200) recent.shift();
      }
    }
  }
  facts.sort((a, b) => a.publishedAt - b.publishedAt || a.id - b.id);
  return {
    seed,
    timeZone: tz,
    first,
    last,
    facts,
    events: injections.map((i) => i.event),
    control: { from: dayStart(9 * 7 + 6), to: dayStart(10 * 7 + 6) },
  };
}
