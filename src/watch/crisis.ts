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
}

export type CrisisItem = (CrisisSpike | CrisisPost) & { priority: number };

export interface CrisisOptions {
  /** A single post counts when its reach is at least this. */
  minReach: number;
  /** …and its sentiment score (positive − negative) at most this. */
  maxScore: number;
}

export const DEFAULT_CRISIS_OPTIONS: CrisisOptions = { minReach: 10_000, maxScore: -0.5 };

const SEVERITY_RANK: Record<SpikeSeverity, number> = { critical: 4, high: 3, medium: 2, low: 1 };


/**
 * Ranks rising negative spikes by severity then size, and interleaves high-reach negative
 * posts by reach: a post seen by 100k people outranks a low-severity spike, not a critical one.
 */
export function rankCrisis(spikes: Omit<CrisisSpike, 'kind'>[], posts: Post[], options: CrisisOptions = DEFAULT_CRISIS_OPTIONS): CrisisItem[] {
  const items: CrisisItem[] = [];
  for (const s of spikes) {
    if (s.spike.direction !== 'rise') continue;
    items.push({ kind: 'negative-spike', ...s, priority: SEVERITY_RANK[s.spike.severity] * 1e9 + Math.max(0, s.spike.excess) });
  }
  // A post already at the heart of a spike is shown there, not twice.
  const inSpikes = new Set(spikes.flatMap((s) => s.evidence.map((p) => p.id)));
  // One entry per author (their widest-reaching post): five posts by one account are one voice.
  const authors = new Set<string>();
  for (const post of [...posts].sort((a, b) => b.reach - a.reach)) {
    const reach = post.reach;
    if (reach < options.minReach || (post.score ?? 0) > options.maxScore || inSpikes.has(post.id) || authors.has(post.authorHandle)) continue;
    authors.add(post.authorHandle);
    // Comparable with spikes: 100k reach ranks like a high spike, 10k like a low one.
    const level = reach >= 100_000 ? 3 : reach >= 30_000 ? 2 : 1;
    items.push({ kind: 'negative-post', post, reach, priority: level * 1e9 + reach / 1000 });
  }
  return items.sort((a, b) => b.priority - a.priority);
}
