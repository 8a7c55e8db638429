/**
 * Tables of the connectors (part 1, Listen): the configured sources with their
 * cursor and health, and the hashtag volume series Mastodon gives for free.
 */
import type { Generated } from 'kysely';

export type SourceStatus = 'new' | 'ok' | 'unhealthy';

export interface SourcesTable {
  id: Generated<number>;
  workspace_id: number;
  /** A `Network` (connector.ts). */
  network: string;
  name: string;
  /** JSON of the connector's non-secret options. */
  config: string;
  /** AES-256-GCM envelope of the JSON secrets (see secret-box.ts); null when there are none. */
  secrets: string | null;
  interval_ms: number;
  /** 0/1. */
  enabled: number;
  /** JSON cursor owned by the connector; null before the first poll. */
  cursor: string | null;
  status: SourceStatus;
  consecutive_failures: number;
  last_error: string | null;
  last_polled_at: number | null;
  last_success_at: number | null;
  next_poll_at: number;
  /** A poller holds the source until then, so two schedulers never poll it at once. */
  lease_until: number | null;
  /** JSON of the last poll's counts. */
  last_result: string | null;
  created_at: number;
  updated_at: number;
}

/** One day of a hashtag's use on one Mastodon instance (Tag.history). */
export interface HashtagVolumeTable {
  workspace_id: number;
  source_id: number;
  /** Host of the instance, e.g. `mastodon.social`. */
  instance: string;
  /** Lower-cased, without '#'. */
  tag: string;
  /** Start of the day, epoch ms UTC. */
  day: number;
  uses: number;
  accounts: number;
  updated_at: number;
}

/** A post of the brand's own account, with the engagement counts of the latest poll. */
export interface OwnPostsTable {
  id: Generated<number>;
  workspace_id: number;
  /** Null once the source is removed (the posts stay). */
  source_id: number | null;
  network: string;
  /** The account's handle, lower-cased, e.g. `brewly@mastodon.social`, `brewly.bsky.social`. */
  account: string;
  external_id: string;
  url: string | null;
  text: string;
  published_at: number;
  likes: number;
  shares: number;
  replies: number;
  views: number | null;
  first_seen_at: number;
  updated_at: number;
}

/** An own account's follower count on one UTC day (the day's last poll wins). */
export interface FollowerCountsTable {
  workspace_id: number;
  source_id: number | null;
  network: string;
  account: string;
  /** Start of the UTC day, epoch ms. */
  day: number;
  followers: number;
  updated_at: number;
}

export interface ConnectorTables {
  sources: SourcesTable;
  hashtag_volume: HashtagVolumeTable;
  own_posts: OwnPostsTable;
  follower_counts: FollowerCountsTable;
}
