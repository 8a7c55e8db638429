/**
 * Crisis scan: negative spikes and single posts with high reach and strongly negative
 * sentiment, ranked so the worst comes first, each with its evidence.
 */
import type { SpikeFigures } from './figures.ts';
import type { Post } from './read/model.ts';
import type { RootCause } from './root-cause.ts';
import type { SpikeSeverity, TopicSpike } from './spikes.ts';

export interface CrisisSpike {
  kind: 'negative-spike';
  spike: TopicSpike;
  cause: RootCause;
  figures: SpikeFigures;
  evidence: Post[];
}

export interface CrisisPost {
  kind: 'negative-post';
  post: Post;
  /** The post's reach (figures.ts): its author's audience. */
  reach: number;
  /** Why it is listed: its reach against the topic's own posts (ReachNorm). */
  reason: ReachNorm;
}

/**
 * What "high reach" means for one topic: the reach its original posts usually have, from
 * the days before the period. A post is high-reach when it reaches more than
 * `quantile` of them (and at least `floor`): 8K is high for a local café, not for a bank.
 */
export interface ReachNorm {
  /** The quantile of the topic's posts the post must exceed (0.99: the top 1 %). */
  quantile: number;
  /** The reach at that quantile. */
  threshold: number;
  /** Posts the distribution was measured on. */
  posts: number;
  /** Days before the period it covers. */
  days: number;
}

/** The reach at `quantile` of a sample (nearest rank). */
export function reachNorm(reaches: number[], quantile: number, days: number, floor: number): ReachNorm {
  const sorted = [...reaches].sort((a, b) => a - b);
  const at = sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1)]! : 0;
  return { quantile, threshold: Math.max(floor, at), posts: sorted.length, days };
}

export type CrisisItem = (CrisisSpike | CrisisPost) & {
  priority: number;
  /** What the item is dismissed under (dismissals.ts, crisisItemKey). */
  key: string;
  /** Set when a user dismissed it for this topic: then it is listed last. */
  dismissed?: { reason: string; by: string; at: number };
};

export interface CrisisOptions {
  /** A single post counts when its reach is above the topic's norm, and at least this. */
  minReach: number;
  /** …and its sentiment score (positive − negative) at most this. */
  maxScore: number;
}

export const DEFAULT_CRISIS_OPTIONS: CrisisOptions = { minReach: 1_000, maxScore: -0.5 };

/** The share of a topic's posts a high-reach post must out-reach, and the days it is measured on. */
export const REACH_QUANTILE = 0.99;
export const REACH_NORM_DAYS = 28;

const SEVERITY_RANK: Record<SpikeSeverity, number> = { critical: 4, high: 3, medium: 2, low: 1 };


/**
 * Ranks rising negative spikes by severity then size, and interleaves high-reach negative
 * posts by reach: a post seen by 100k people outranks a low-severity spike, not a critical one.
 */
export function rankCrisis(
  spikes: Omit<CrisisSpike, 'kind'>[],
  posts: Post[],
  options: CrisisOptions = DEFAULT_CRISIS_OPTIONS,
  norm: ReachNorm = { quantile: REACH_QUANTILE, threshold: options.minReach, posts: 0, days: 0 },
): CrisisItem[] {
  const items: CrisisItem[] = [];
  for (const s of spikes) {
    if (s.spike.direction !== 'rise') continue;
    items.push({ kind: 'negative-spike', ...s, key: `spike:${s.spike.granularity}:${s.spike.start}`, priority: SEVERITY_RANK[s.spike.severity] * 1e9 + Math.max(0, s.spike.excess) });
  }
  // A post already at the heart of a spike is shown there, not twice.
  const inSpikes = new Set(spikes.flatMap((s) => s.evidence.map((p) => p.id)));
  // One entry per author (their widest-reaching post): five posts by one account are one voice.
  const authors = new Set<string>();
  for (const post of [...posts].sort((a, b) => b.reach - a.reach)) {
    const reach = post.reach;
    if (reach <= norm.threshold || reach < options.minReach || (post.score ?? 0) > options.maxScore || inSpikes.has(post.id) || authors.has(post.authorHandle)) continue;
    authors.add(post.authorHandle);
    // Comparable with spikes: ten times the topic's norm ranks like a high spike, above it like a low one.
    const times = reach / Math.max(norm.threshold, 1);
    const level = times >= 10 ? 3 : times >= 3 ? 2 : 1;
    items.push({ kind: 'negative-post', post, reach, reason: norm, key: `post:${post.id}`, priority: level * 1e9 + reach / 1000 });
  }
  return items.sort((a, b) => b.priority - a.priority);
}
