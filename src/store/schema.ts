/**
 * Table types for Kysely. Each part of Murmur declares its own tables in its own
 * `*-tables.ts` file and they are joined here, so no single file grows with every feature.
 *
 * Conventions that hold on both SQLite and PostgreSQL:
 * - timestamps are integer epoch milliseconds (UTC) — cheap to compare and bucket in both;
 * - lists and small objects are JSON text columns;
 * - booleans are integers 0/1.
 */
import type { Generated, Kysely } from 'kysely';
import type { AccountsTables } from '../accounts/accounts-tables.ts';
import type { ConnectorTables } from '../listen/connectors/connector-tables.ts';
import type { DigestTables } from '../reports/digests/digest-tables.ts';
import type { InboxTables } from '../inbox/inbox-tables.ts';
import type { NlpTables } from '../nlp/nlp-tables.ts';
import type { ExperimentTables } from '../experiment/experiment-tables.ts';
import type { ListsTables } from '../listen/lists/lists-tables.ts';
import type { ReplyTables } from '../listen/replies/reply-tables.ts';
import type { PlanTables } from '../plan/plan-tables.ts';
import type { RoiTables } from '../roi/roi-tables.ts';
import type { WatchTables } from '../watch/watch-tables.ts';

export interface WorkspacesTable {
  id: Generated<number>;
  slug: string;
  name: string;
  created_at: number;
}

export interface TopicsTable {
  id: Generated<number>;
  workspace_id: number;
  name: string;
  query: string;
  role: string;
  created_at: number;
  updated_at: number;
}

export interface MentionsTable {
  id: Generated<number>;
  workspace_id: number;
  source: string;
  external_id: string;
  url: string | null;
  domain: string | null;
  author_handle: string;
  author_name: string | null;
  author_followers: number | null;
  text: string;
  /** foldText(text): what full-text search indexes. */
  text_norm: string;
  published_at: number;
  /** The published_at a re-import moved this mention from, until the Watch rollup recomputed it (rollup.ts). */
  previous_published_at: number | null;
  lang: string | null;
  lang_confidence: number | null;
  /** The network's own language tag (BCP 47, e.g. `pt-BR`), whatever detection says. */
  source_lang: string | null;
  sentiment: string | null;
  sentiment_score: number | null;
  sentiment_neg: number | null;
  sentiment_neu: number | null;
  sentiment_pos: number | null;
  likes: number;
  shares: number;
  replies: number;
  views: number | null;
  parent_external_id: string | null;
  /** JSON array of folded hashtags. */
  hashtags: string;
  /** JSON array of @-handles. */
  mentioned: string;
  first_seen_at: number;
  updated_at: number;
}

export interface MentionHashtagsTable {
  mention_id: number;
  workspace_id: number;
  tag: string;
  published_at: number;
}

export interface MentionTopicsTable {
  mention_id: number;
  topic_id: number;
  published_at: number;
}

/** A demo or first import started and not finished (see src/store/unfinished-loads.ts). */
export interface UnfinishedLoadsTable {
  workspace_id: number;
  kind: string;
  detail: string;
  started_at: number;
}

export interface CoreTables {
  workspaces: WorkspacesTable;
  topics: TopicsTable;
  mentions: MentionsTable;
  mention_hashtags: MentionHashtagsTable;
  mention_topics: MentionTopicsTable;
  unfinished_loads: UnfinishedLoadsTable;
}

/** Every table Murmur stores. Parts add their tables by extending this interface. */
export interface Database extends CoreTables, ConnectorTables, PlanTables, RoiTables, ExperimentTables, AccountsTables, WatchTables, DigestTables, InboxTables, ListsTables, ReplyTables, NlpTables {}

/**
 * What the mention modules need of a store: its Kysely handle. Naming it (not `Store`)
 * keeps them below store.ts, which reaches them through its driver.
 */
export interface StoreDb {
  readonly db: Kysely<Database>;
}
