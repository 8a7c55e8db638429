/** Kysely types of replies to mentions (src/listen/replies/). */
import type { Generated } from 'kysely';

/**
 * A reply Murmur posts (or is asked to post) to a mention with a workspace's account.
 * One row per idempotency key: submitting the same key again returns this row, and every
 * send of it passes the key to the network, so the reply is never posted twice.
 */
export interface MentionRepliesTable {
  id: Generated<number>;
  workspace_id: number;
  mention_id: number;
  /** The publishing account (a Mastodon or Bluesky source of the workspace). */
  source_id: number;
  idempotency_key: string;
  text: string;
  /** awaiting_approval | sending | retrying | sent | failed */
  status: string;
  url: string | null;
  external_id: string | null;
  error: string | null;
  /** Epoch ms the network asked to wait until (a 429), when retrying. */
  retry_at: number | null;
  attempts: number;
  requested_by: string;
  requested_at: number;
  approved_by: string | null;
  approved_at: number | null;
  sent_at: number | null;
  updated_at: number;
}

export interface ReplyTables {
  mention_replies: MentionRepliesTable;
}
