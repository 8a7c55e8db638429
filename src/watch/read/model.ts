/**
 * What Watch reads from the store, as plain types: the analytics compute on these and never
 * see the store. The readers beside this file fill them.
 */
import type { Granularity } from '../series.ts';
import type { Interval } from '../time.ts';

/** What every mention-level record carries. */
export interface MentionCore {
  id: number;
  source: string;
  authorHandle: string;
  followers: number;
  /** The mention's reach (figures.ts, mentionReach): its author's audience where it was posted. */
  reach: number;
  publishedAt: number;
  lang: string;
  sentiment: 'negative' | 'neutral' | 'positive' | null;
  score: number | null;
  likes: number;
  shares: number;
  replies: number;
}

/** A mention reduced to what the analytics compare (no text). */
export interface MentionFact extends MentionCore {
  externalId: string;
  parentExternalId: string | null;
  /** The post's own URL, and its host. */
  url: string | null;
  domain: string | null;
  hashtags: string[];
  /** Links in its text (figures.ts, normalizeLink), when they were read; undefined when not. */
  links?: string[];
}

/**
 * What reply and repost chains follow (root-cause.ts): a mention's ids, own URL and links,
 * with what names a root post. Read from a topic's chain rows for a window's replies and
 * mentions with links (read/mentions.ts, loadReplyFacts and loadLinkedFacts); a MentionFact is one too.
 */
export type ChainFact = Pick<MentionFact, 'id' | 'source' | 'authorHandle' | 'publishedAt' | 'sentiment' | 'externalId' | 'parentExternalId' | 'url' | 'domain' | 'links'>;

/** A post to show as evidence: with its text and link. */
export interface Post extends MentionCore {
  url: string | null;
  authorName: string | null;
  text: string;
  views: number | null;
  engagement: number;
}

export interface PostQuery {
  topicId: number;
  interval: Interval;
  limit: number;
  sentiment?: 'negative' | 'neutral' | 'positive';
  /** Only posts whose author has at least this many followers. */
  minFollowers?: number;
  /** Only these mention ids. */
  ids?: number[];
  /** Only original posts (not replies or reposts). */
  originalOnly?: boolean;
  /** Only posts by these authors. */
  authors?: string[];
}

/** One author on one network over an interval. */
export interface AuthorStat {
  handle: string;
  name: string | null;
  source: string;
  mentions: number;
  positive: number;
  negative: number;
  followers: number;
  engagement: number;
  /** Reach summed over the author's mentions (figures.ts). */
  reach: number;
  /** Reach summed over the author's positive (negative) mentions. */
  positiveReach: number;
  negativeReach: number;
  /** Mentions that are original posts (not replies or reposts). */
  originals: number;
}

export type CountedDimension = 'author' | 'hashtag' | 'source' | 'lang' | 'domain';

export interface RollupQuery {
  topicIds: number[];
  interval: Interval;
  /** Split rows by source or language as well as by quarter. */
  by?: 'source' | 'lang';
  source?: string;
  lang?: string;
  /** Sum rows to buckets of this many ms (a day or an hour; see nestingUnit) instead of quarter hours. */
  unit?: number;
}

export interface SeriesQuery {
  topicId: number;
  interval: Interval;
  timeZone: string;
  granularity: Granularity;
  source?: string;
  lang?: string;
}

export type DimensionTotal = { topicId: number; source?: string; lang?: string; mentions: number; reach: number };
