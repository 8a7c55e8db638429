/**
 * Root cause of a spike: which post (with its reposts and replies), author, source,
 * language, hashtag or site over-contributes compared with the days before it, and how
 * much of the spike each explains.
 *
 * For a value v of a dimension: expected_v = (v's count in the baseline window) scaled to
 * the spike window's length; excess_v = count_v − expected_v; it explains
 * excess_v / (spike total − expected total) of the spike. "Post" follows reply and repost
 * chains to their root, so one viral post and its cascade count as one cause.
 */
import type { MentionFact } from './read/model.ts';

export type CauseDimension = 'post' | 'author' | 'source' | 'lang' | 'hashtag' | 'domain';

export interface Cause {
  dimension: CauseDimension;
  /** The value: a root post's external id, a handle, a source, a language, a tag, a host. */
  value: string;
  /** For a post: its author. */
  author?: string;
  /** Mentions in the spike with this value. */
  count: number;
  /** Share of the spike's mentions with this value, in [0, 1]. */
  share: number;
  /** Share of the baseline's mentions with this value. */
  baselineShare: number;
  /** Mentions above what the baseline predicts. */
  excess: number;
  /** Share of the spike's extra volume this value explains, in [0, 1]. */
  explains: number;
}

export interface RootCause {
  total: number;
  expected: number;
  /** Causes ranked by how much of the spike they explain (those explaining ≥ 5 %). */
  causes: Cause[];
  /** The single cause that explains most. */
  main: Cause | null;
  /** Ids of the spike's mentions by engagement, highest first (the evidence to show). */
  topMentionIds: number[];
}

/**
 * What the baseline contributes: its size and, per dimension, how many of its mentions carry
 * each value. Only the values reaching `candidateFloor` in the spike need be counted: the others cannot
 * explain enough of the spike to be listed, whatever the baseline.
 */
export interface BaselineCounts {
  total: number;
  counts: Record<CauseDimension, Map<string, number>>;
}

/**
 * The spike's side as counts: every value of every dimension that reaches the candidate
 * floor (`candidateFloor`) with its count, and the spike's most engaging mentions.
 */
export interface SpikeCounts extends BaselineCounts {
  /** Ids of the spike's mentions by engagement, highest first. */
  topMentionIds: number[];
}

export interface RootCauseInput {
  /** The spike's mentions, or their counts (then `parents` carries every post reply chains need). */
  spike: MentionFact[] | SpikeCounts;
  spikeDuration: number;
  /** The baseline's mentions, or their counts (then `parents` carries every post reply chains need). */
  baseline: MentionFact[] | BaselineCounts;
  baselineDuration: number;
  /** Posts that spike mentions reply to or repost, when they are outside both windows. */
  parents?: MentionFact[];
  /** Expected mentions in the spike window (from the detector); defaults to the baseline rate. */
  expected?: number;
}

const engagement = (m: MentionFact) => m.likes + m.shares + m.replies;

/** The external id of the post at the root of `m`'s reply/repost chain (itself when original). */
export function rootOf(m: MentionFact, byExternalId: Map<string, MentionFact>): MentionFact {
  let current = m;
  const seen = new Set<string>();
  while (current.parentExternalId && !seen.has(current.externalId)) {
    seen.add(current.externalId);
    const parent = byExternalId.get(current.parentExternalId);
    if (!parent) break;
    current = parent;
  }
  return current;
}

function valuesOf(m: MentionFact, dimension: CauseDimension, byExternalId: Map<string, MentionFact>): string[] {
  switch (dimension) {
    case 'post':
      return [rootOf(m, byExternalId).externalId];
    case 'author':
      return [m.authorHandle];
    case 'source':
      return [m.source];
    case 'lang':
      return [m.lang];
    case 'hashtag':
      return m.hashtags;
    case 'domain':
      // On a social network the host is the network itself (already the source); for
      // feeds and imports it names the site that published.
      return m.domain && (m.source === 'rss' || m.source === 'import') ? [m.domain] : [];
  }
}

function count(facts: MentionFact[], dimension: CauseDimension, byExternalId: Map<string, MentionFact>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const m of facts) for (const v of valuesOf(m, dimension, byExternalId)) counts.set(v, (counts.get(v) ?? 0) + 1);
  return counts;
}

const DIMENSIONS: CauseDimension[] = ['post', 'author', 'hashtag', 'source', 'lang', 'domain'];

/** Least share of the spike's extra volume a cause must explain to be listed. */
const MIN_EXPLAINS = 0.05;

/**
 * The least count a value of a spike of `total` mentions needs to be a cause: a value
 * explains at most its own count over the spike's extra volume, so below MIN_EXPLAINS
 * of it, it never is.
 */
export const candidateFloor = (total: number, expected: number) => MIN_EXPLAINS * Math.max(total - expected, 1);

/** The chain map: later facts win, as the spike's own mentions should. */
export function chainMap(...facts: MentionFact[][]): Map<string, MentionFact> {
  const byExternalId = new Map<string, MentionFact>();
  for (const list of facts) for (const m of list) byExternalId.set(m.externalId, m);
  return byExternalId;
}

/** How many of the spike's mentions explainSpike shows as evidence. */
export const EVIDENCE_POSTS = 10;

const topByEngagement = (facts: MentionFact[]) =>
  [...facts]
    .sort((a, b) => engagement(b) - engagement(a) || a.id - b.id)
    .slice(0, EVIDENCE_POSTS)
    .map((m) => m.id);

/** Counts of every value of every dimension in `facts`. */
export function countBaseline(facts: MentionFact[], byExternalId: Map<string, MentionFact>): BaselineCounts {
  const counts = Object.fromEntries(DIMENSIONS.map((d) => [d, count(facts, d, byExternalId)])) as BaselineCounts['counts'];
  return { total: facts.length, counts };
}

export function explainSpike(input: RootCauseInput): RootCause {
  const baselineFacts = Array.isArray(input.baseline) ? input.baseline : [];
  const spikeFacts = Array.isArray(input.spike) ? input.spike : [];
  const byExternalId = chainMap(input.parents ?? [], baselineFacts, spikeFacts);
  const baseline = Array.isArray(input.baseline) ? countBaseline(input.baseline, byExternalId) : input.baseline;
  const spike: SpikeCounts = Array.isArray(input.spike)
    ? { ...countBaseline(input.spike, byExternalId), topMentionIds: topByEngagement(input.spike) }
    : input.spike;
  const total = spike.total;
  const scale = input.baselineDuration > 0 ? input.spikeDuration / input.baselineDuration : 0;
  const expected = input.expected ?? baseline.total * scale;
  const extra = Math.max(total - expected, 1);
  const causes: Cause[] = [];
  for (const dimension of DIMENSIONS) {
    const inSpike = spike.counts[dimension];
    const inBaseline = baseline.counts[dimension];
    for (const [value, n] of inSpike) {
      // A lone post is not a cascade: a post counts once it drew replies or reposts.
      if (dimension === 'post' && n < 2) continue;
      const baseCount = inBaseline.get(value) ?? 0;
      // The baseline rate scaled to the expected volume, so a busier day is not "excess".
      const expectedV = baseline.total > 0 ? (baseCount / baseline.total) * expected : 0;
      const excess = n - expectedV;
      if (excess <= 0) continue;
      const cause: Cause = {
        dimension,
        value,
        count: n,
        share: total ? n / total : 0,
        baselineShare: baseline.total ? baseCount / baseline.total : 0,
        excess,
        explains: Math.min(1, excess / extra),
      };
      if (dimension === 'post') cause.author = byExternalId.get(value)?.authorHandle ?? value;
      causes.push(cause);
    }
  }
  const ranked = causes
    .filter((c) => c.explains >= MIN_EXPLAINS)
    // A post cascade is the most specific explanation; prefer it over its author on a tie.
    // Then the bigger count, then the value: the order never depends on the order counted.
    .sort((a, b) => b.explains - a.explains || DIMENSIONS.indexOf(a.dimension) - DIMENSIONS.indexOf(b.dimension) || b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
  return { total, expected, causes: ranked.slice(0, 25), main: ranked[0] ?? null, topMentionIds: spike.topMentionIds };
}
