/**
 * Tables of the Watch part (analytics rollups and alerts). Joined into `Database` in
 * src/store/schema.ts; created by migration 3001-watch.
 */
import type { Generated } from 'kysely';

/**
 * Per topic, per quarter-hour (UTC), per source and language: the sums every time series
 * needs. Quarter hours map exactly onto local hours and days in every time zone (see
 * time.ts), so one rollup serves all users. Rebuilt from `mentions` for the quarters that
 * ingest touched (see rollup.ts), never edited by hand.
 */
export interface WatchRollupTable {
  workspace_id: number;
  topic_id: number;
  /** Start of the quarter hour, UTC epoch ms. */
  bucket: number;
  source: string;
  /** 'und' when the language is unknown. */
  lang: string;
  mentions: number;
  negative: number;
  neutral: number;
  positive: number;
  /** Mentions whose sentiment is "not sure" (isNotSure; migration 5260). */
  not_sure: number;
  /** Sum of sentiment scores (positive − negative) of scored mentions. */
  score_sum: number;
  likes: number;
  shares: number;
  replies: number;
  /** Sum of the mentions' reach (figures.ts, mentionReach). */
  reach: number;
  views: number;
  /** Mentions that are replies or reposts of another post. */
  replies_or_reposts: number;
}

/** `watch_rollup` summed over sources and languages: what every time series reads. */
export type WatchRollupTotalTable = Omit<WatchRollupTable, 'source' | 'lang'>;

/** Per topic, the few columns author rankings and top posts need (kept by the rollup refresh). */
export interface WatchTopicMentionsTable {
  workspace_id: number;
  topic_id: number;
  published_at: number;
  mention_id: number;
  author_handle: string;
  source: string;
  sentiment: string | null;
  followers: number | null;
  /** likes + shares + replies */
  engagement: number;
  /** 1 for an original post, 0 for a reply or repost. */
  is_original: number;
  /** 1 when the text carries a link (migration 3003). */
  has_link: number;
  /** A feed item's or an import's host: the site it stands for (migration 5250); null for other networks. */
  domain: string | null;
}

/**
 * The topic copy's replies, reposts and mentions with a link, with what reply chains and
 * sites follow (root-cause.ts): kept by the rollup refresh (migration 5250). Apart from the
 * copy so its month scans stay as narrow as they were.
 */
export interface WatchTopicChainsTable {
  workspace_id: number;
  topic_id: number;
  published_at: number;
  mention_id: number;
  source: string;
  author_handle: string;
  sentiment: string | null;
  /** As in watch_topic_mentions: 0 for a reply or repost; has_link 1 when the text may carry a link. */
  is_original: number;
  has_link: number;
  external_id: string;
  parent_external_id: string | null;
  /** The post's own URL, and its host. */
  url: string | null;
  domain: string | null;
  /** Its link candidates (core/links.ts) as a JSON array when has_link is 1 (store/topic-chains.ts). */
  links: string | null;
}

/** Each hashtag of each topic mention (kept by the rollup refresh; migration 3003). */
export interface WatchTopicHashtagsTable {
  workspace_id: number;
  topic_id: number;
  published_at: number;
  tag: string;
  mention_id: number;
  sentiment: string | null;
}

/** Per topic, UTC month, author and network: sums for author rankings (author-months.ts; migration 3004). */
export interface WatchAuthorMonthsTable {
  workspace_id: number;
  topic_id: number;
  /** Start of the UTC calendar month, epoch ms. */
  month: number;
  author_handle: string;
  source: string;
  mentions: number;
  positive: number;
  negative: number;
  engagement: number;
  /** Followers summed over the mentions (a typical account where the network hides them, 0 for feeds). */
  audience: number;
  positive_reach: number;
  negative_reach: number;
  originals: number;
  /** audience + 10 × engagement: the influencer ranking. */
  influence: number;
}

/** The first mention of a topic by each author (kept by the rollup refresh). */
export interface WatchTopicAuthorsTable {
  workspace_id: number;
  topic_id: number;
  author_handle: string;
  first_at: number;
}

/** How far the rollup has read `mentions.updated_at`, per workspace. */
export interface WatchRollupStateTable {
  workspace_id: number;
  watermark: number;
  /** Topic count and last topic change when the rollup was built: a new or re-queried topic rebuilds it. */
  topics_version: string;
}

export interface WatchAlertRulesTable {
  id: Generated<number>;
  workspace_id: number;
  name: string;
  /** 'negative-spike' | 'volume-spike' | 'volume-drop' | 'negative-post' */
  kind: string;
  topic_id: number | null;
  /** JSON object of the rule's thresholds. */
  params: string;
  /** JSON array of delivery channels ({type:'webhook', url} | {type:'email', to}), sealed (secret-box.ts; older rows may be plaintext). */
  channels: string;
  enabled: number;
  created_at: number;
}

/** One delivery attempt of one alert to one channel: the record of what was sent. */
export interface WatchAlertsSentTable {
  id: Generated<number>;
  workspace_id: number;
  rule_id: number;
  /** Identifies the event (rule + topic + spike start, or the post): one event, one alert. */
  dedupe_key: string;
  /** 'webhook:<url>' or 'email:<address>'. */
  channel: string;
  status: string;
  error: string | null;
  title: string;
  /** JSON of the alert as delivered. */
  payload: string;
  sent_at: number;
}

/** A crisis item dismissed for a topic (dismissals.ts): kept with who, when and why, and reversible. */
export interface WatchCrisisDismissalsTable {
  workspace_id: number;
  topic_id: number;
  /** crisisItemKey: 'spike:day:<start ms>' or 'post:<mention id>'. */
  item_key: string;
  reason: string;
  dismissed_by: string;
  dismissed_at: number;
}

export interface WatchTables {
  watch_crisis_dismissals: WatchCrisisDismissalsTable;
  watch_rollup: WatchRollupTable;
  watch_rollup_total: WatchRollupTotalTable;
  watch_topic_authors: WatchTopicAuthorsTable;
  watch_topic_mentions: WatchTopicMentionsTable;
  watch_topic_chains: WatchTopicChainsTable;
  watch_topic_hashtags: WatchTopicHashtagsTable;
  watch_author_months: WatchAuthorMonthsTable;
  watch_rollup_state: WatchRollupStateTable;
  watch_alert_rules: WatchAlertRulesTable;
  watch_alerts_sent: WatchAlertsSentTable;
}
