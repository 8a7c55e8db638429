/**
 * The domain model every part of Murmur shares. Kept deliberately small:
 * a Mention is one public post or comment, a Topic a named boolean query.
 */

/** Where a mention came from: the networks of the connectors, then file imports, the push API and the demo. */
export const SOURCE_NAMES = ['mastodon', 'bluesky', 'reddit', 'hackernews', 'rss', 'lemmy', 'youtube', 'tumblr', 'import', 'webhook', 'demo'] as const;

/** Connectors and importers each use their own name; one not listed above is still stored as it is. */
export type SourceName = (typeof SOURCE_NAMES)[number] | (string & {});

export interface Author {
  /** Network handle without a leading '@', e.g. `alice@mastodon.social`. */
  handle: string;
  displayName: string | null;
  /** Follower count when the network tells us; null when unknown (not zero). */
  followers: number | null;
}

export interface Engagement {
  likes: number;
  /** Shares, reposts, boosts, retweets. */
  shares: number;
  replies: number;
  /** Views or impressions when the network reports them. */
  views: number | null;
}

export type SentimentLabel = 'negative' | 'neutral' | 'positive';

export interface Sentiment {
  label: SentimentLabel;
  /** Calibrated class probabilities; they sum to 1. */
  probabilities: Record<SentimentLabel, number>;
  /** positive − negative, in [-1, 1]: the single number charts use. */
  score: number;
}

export interface LanguageGuess {
  /** ISO 639-1 code, or 'und' when the text carries no language. */
  lang: string;
  confidence: number;
  /** Script subtag where it matters, e.g. 'Latn' for romanized Hindi. */
  script?: string;
}

/**
 * Fills `lang`, `langConfidence` and `sentiment` in place on mentions that lack them.
 * Here, below both, so that nlp/ implements what listen/ calls without importing it.
 */
export interface Enricher {
  enrich(batch: MentionInput[]): void;
}

/** A mention as a connector or importer produces it, before it is stored. */
export interface MentionInput {
  source: SourceName;
  /** The network's own id; unique per source. Re-importing the same id updates the row. */
  externalId: string;
  url: string | null;
  author: Author;
  text: string;
  publishedAt: Date;
  engagement: Engagement;
  /** Language hint from the network (e.g. Mastodon's `language`); detection may override it. */
  langHint?: string | null;
  /** The parent post's external id for replies and reposts. */
  parentExternalId?: string | null;
  /** Set by enrichment; null until then. */
  lang?: string | null;
  langConfidence?: number | null;
  sentiment?: Sentiment | null;
}

/** A stored mention; `langHint` is the network's tag as stored (BCP 47 case), null when it gave none. */
export interface Mention extends Required<MentionInput> {
  id: number;
  workspaceId: number;
  hashtags: string[];
  /** Handles @-mentioned in the text, lower-cased, without '@'. */
  mentioned: string[];
  /** Host of `url`, without `www.`; null when there is no url. */
  domain: string | null;
  /** Ids of the topics this mention matched. */
  topicIds: number[];
}

export const TOPIC_ROLES = ['brand', 'competitor', 'other'] as const;
export type TopicRole = (typeof TOPIC_ROLES)[number];

export interface Topic {
  id: number;
  workspaceId: number;
  name: string;
  /** Boolean query in Murmur's (Brandwatch-compatible) syntax. */
  query: string;
  role: TopicRole;
  createdAt: Date;
  updatedAt: Date;
}
