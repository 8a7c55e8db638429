/**
 * Root cause of a spike: which post (with its replies, reposts and quotes), author,
 * source, language, hashtag or site over-contributes compared with the days before it,
 * and how much of the spike's extra volume each explains.
 *
 * For a value v of a dimension: expected_v = (v's share of the baseline window) × the
 * spike's expected volume; excess_v = count_v − expected_v; it explains
 * excess_v / (spike total − expected total) of the spike. "Post" follows reply and repost
 * chains to their root — by parent id, or, for a repost or quote that carries no parent id,
 * by the link to the post it shares — so one viral post and its cascade count as one
 * cause. "Site" is the host a mention links to (any network), or a feed item's own host.
 * A cause needs MIN_SUPPORT extra mentions: three mentions do not make a cause.
 *
 * A drop is explained by what went silent: the networks whose volume fell, each with its
 * share of the missing volume.
 */
import type { ChainFact, MentionFact } from './read/model.ts';

export type CauseDimension = 'post' | 'author' | 'source' | 'lang' | 'hashtag' | 'domain';

export interface Cause {
  dimension: CauseDimension;
  /** The value: a root post's external id, a handle, a source, a language, a tag, a host. */
  value: string;
  /** For a post: its author, and its mention id (to show it). */
  author?: string;
  mentionId?: number;
  /** Mentions in the spike with this value (for a drop: fewer than expected). */
  count: number;
  /** Share of the spike's mentions with this value, in [0, 1]. */
  share: number;
  /** Share of the baseline's mentions with this value. */
  baselineShare: number;
  /** Mentions above what the baseline predicts (for a drop: below, as a positive number). */
  excess: number;
  /** Share of the spike's extra (for a drop: missing) volume this value explains, in [0, 1]. */
  explains: number;
  /** A drop's cause: this value went (partly) silent. */
  silent?: boolean;
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
  parents?: ChainFact[];
  /** Expected mentions in the spike window (from the detector); defaults to the baseline rate. */
  expected?: number;
  /** A drop is explained by what went silent; default a rise. */
  direction?: 'rise' | 'drop';
}

const engagement = (m: MentionFact) => m.likes + m.shares + m.replies;

/** Known posts by external id, and by their own URL (reposts and quotes without a parent id link to it). */
export interface Chains extends Map<string, ChainFact> {
  byUrl?: Map<string, ChainFact>;
}

/** A link as compared: no fragment, no trailing slash, host in lower case. */
export function normalizeLink(raw: string): string | null {
  try {
    const url = new URL(raw);
    url.hash = '';
    url.hostname = url.hostname.toLowerCase();
    return url.toString().replace(/\/$/, '');
  } catch {
    return null;
  }
}

/**
 * A pure function of a string, remembered for the last few thousand strings: links repeat
 * (a viral post's, a few sites') and parsing them was most of a root cause's own work.
 */
function remembered<T>(fn: (s: string) => T, size = 10_000): (s: string) => T {
  const seen = new Map<string, T>();
  return (s) => {
    if (seen.has(s)) return seen.get(s)!;
    if (seen.size >= size) seen.clear();
    const value = fn(s);
    seen.set(s, value);
    return value;
  };
}

const normalizedLink = remembered(normalizeLink);

/** Link candidates (core/links.ts) normalized, each once (what is not a URL after all is left out). */
export function normalizedLinks(candidates: string[]): string[] {
  return [...new Set(candidates.flatMap((raw) => normalizedLink(raw) ?? []))];
}

const hostOf = remembered((link: string) => {
  try {
    return new URL(link).hostname.replace(/^www\./, '');
  } catch {
    return null;
  }
});

/** The post `m` shares without saying so: the first of its links that is a known post's URL. */
function linkedPost(m: ChainFact, chains: Chains): ChainFact | undefined {
  if (!m.links || !chains.byUrl) return undefined;
  for (const link of m.links) {
    const post = chains.byUrl.get(link);
    if (post && post.externalId !== m.externalId) return post;
  }
  return undefined;
}

/** The post at the root of `m`'s reply/repost/quote chain (itself when original). */
export function rootOf(m: ChainFact, byExternalId: Chains): ChainFact {
  let current = m;
  const seen = new Set<string>();
  while (!seen.has(current.externalId)) {
    seen.add(current.externalId);
    const parent = current.parentExternalId ? byExternalId.get(current.parentExternalId) : linkedPost(current, byExternalId);
    if (!parent) break;
    current = parent;
  }
  return current;
}

/**
 * Sites a mention stands for: the hosts it links to — other than its own network's and
 * those of posts it reposts — or, for a feed item or an imported article, its own host.
 */
export function sitesOf(m: ChainFact, chains?: Chains): string[] {
  const sites = new Set<string>();
  if (m.domain && (m.source === 'rss' || m.source === 'import')) sites.add(m.domain);
  for (const link of m.links ?? []) {
    if (chains?.byUrl?.has(link)) continue;
    const host = hostOf(link);
    if (host && host !== m.domain) sites.add(host);
  }
  return [...sites];
}

function valuesOf(m: MentionFact, dimension: CauseDimension, byExternalId: Chains): string[] {
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
      return sitesOf(m, byExternalId);
  }
}

function count(facts: MentionFact[], dimension: CauseDimension, byExternalId: Chains): Map<string, number> {
  const counts = new Map<string, number>();
  for (const m of facts) for (const v of valuesOf(m, dimension, byExternalId)) counts.set(v, (counts.get(v) ?? 0) + 1);
  return counts;
}

const DIMENSIONS: CauseDimension[] = ['post', 'author', 'hashtag', 'source', 'lang', 'domain'];

/** Least share of the spike's extra volume a cause must explain to be listed. */
const MIN_EXPLAINS = 0.05;

/** Least extra (or missing) mentions a cause must account for to be named at all. */
export const MIN_SUPPORT = 5;

/**
 * The least count a value of a spike of `total` mentions needs to be a cause: a value
 * explains at most its own count over the spike's extra volume, so below MIN_EXPLAINS
 * of it, it never is.
 */
export const candidateFloor = (total: number, expected: number) => Math.max(MIN_SUPPORT, MIN_EXPLAINS * Math.max(total - expected, 1));

/** A fact's own URL, normalized once: a root cause builds its chain map twice over the same facts. */
const ownLinks = new WeakMap<ChainFact, string | null>();
function ownLink(m: ChainFact): string | null {
  let link = ownLinks.get(m);
  if (link === undefined) ownLinks.set(m, (link = m.url ? normalizeLink(m.url) : null));
  return link;
}

/** The chain map: later facts win, as the spike's own mentions should. */
export function chainMap(...facts: ChainFact[][]): Chains {
  const byExternalId: Chains = new Map<string, ChainFact>();
  const byUrl = new Map<string, ChainFact>();
  for (const list of facts) {
    for (const m of list) {
      byExternalId.set(m.externalId, m);
      const url = ownLink(m);
      if (url) byUrl.set(url, m);
    }
  }
  byExternalId.byUrl = byUrl;
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
export function countBaseline(facts: MentionFact[], byExternalId: Chains): BaselineCounts {
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
  if (input.direction === 'drop') return explainDrop(spike, baseline, expected);
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
      if (excess < MIN_SUPPORT) continue;
      const cause: Cause = {
        dimension,
        value,
        count: n,
        share: total ? n / total : 0,
        baselineShare: baseline.total ? baseCount / baseline.total : 0,
        excess,
        explains: Math.min(1, excess / extra),
      };
      if (dimension === 'post') {
        const root = byExternalId.get(value);
        cause.author = root?.authorHandle ?? value;
        if (root) cause.mentionId = root.id;
      }
      causes.push(cause);
    }
  }
  // Ranked by what a cause explains that the baseline did not already carry: a value in
  // every mention (English on an English topic) "explains" any rise, and says nothing.
  const specific = (c: Cause) => c.explains * (1 - c.baselineShare);
  const ranked = causes
    .filter((c) => c.explains >= MIN_EXPLAINS)
    // A post cascade is the most specific explanation; prefer it over its author on a tie.
    // Then the bigger count, then the value: the order never depends on the order counted.
    .sort((a, b) => specific(b) - specific(a) || DIMENSIONS.indexOf(a.dimension) - DIMENSIONS.indexOf(b.dimension) || b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
  return { total, expected, causes: ranked.slice(0, 25), main: ranked[0] ?? null, topMentionIds: spike.topMentionIds };
}

/** Dimensions that can go silent: a network, a feed or a site that stopped. */
const SILENT_DIMENSIONS: CauseDimension[] = ['source', 'domain'];

/**
 * A drop: the values whose volume fell, each with its share of the missing volume. Only a
 * value that was expected with at least MIN_SUPPORT mentions more than it got is named.
 */
function explainDrop(spike: SpikeCounts, baseline: BaselineCounts, expected: number): RootCause {
  const missing = Math.max(expected - spike.total, 1);
  const causes: Cause[] = [];
  for (const dimension of SILENT_DIMENSIONS) {
    for (const [value, baseCount] of baseline.counts[dimension]) {
      const expectedV = baseline.total > 0 ? (baseCount / baseline.total) * expected : 0;
      const n = spike.counts[dimension].get(value) ?? 0;
      const lost = expectedV - n;
      if (lost < MIN_SUPPORT || lost / missing < MIN_EXPLAINS) continue;
      causes.push({ dimension, value, count: n, share: spike.total ? n / spike.total : 0, baselineShare: baseCount / baseline.total, excess: lost, explains: Math.min(1, lost / missing), silent: true });
    }
  }
  causes.sort((a, b) => b.explains - a.explains || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
  return { total: spike.total, expected, causes, main: causes[0] ?? null, topMentionIds: [] };
}
