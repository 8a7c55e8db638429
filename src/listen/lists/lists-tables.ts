/**
 * Kysely types of the mention lists (src/listen/lists/): per-topic mutes.
 */
import type { Generated } from 'kysely';

/**
 * An author, site or term muted in a topic: its mentions leave the topic (its links in
 * `mention_topics`, so every list and Watch figure) until it is unmuted. Unmuting keeps
 * the row, with who and when, so the history of a topic's exclusions stays readable.
 */
export interface TopicMutesTable {
  id: Generated<number>;
  workspace_id: number;
  topic_id: number;
  /** author | site | term */
  kind: string;
  /** Normalised: a handle without @, a lower-case domain, or a query-language term. */
  value: string;
  reason: string | null;
  created_by: string;
  created_at: number;
  removed_by: string | null;
  removed_at: number | null;
}

export interface ListsTables {
  topic_mutes: TopicMutesTable;
}
