/**
 * Kysely types of the inbox: the triage of each mention (state, assignee, notes), the
 * history of who changed what, and the sentiment corrections people made.
 */
import type { Generated } from 'kysely';

/** One row per mention someone has triaged; a mention without a row is `new` and unassigned. */
export interface MentionTriageTable {
  mention_id: number;
  workspace_id: number;
  /** new | in_progress | done | ignored */
  state: string;
  assignee_id: number | null;
  notes: string;
  updated_at: number;
  /** The user who last changed it; null for the command line without --as. */
  updated_by: number | null;
}

/** Every change to a mention's triage or sentiment, oldest first by id. */
export interface MentionTriageEventsTable {
  id: Generated<number>;
  workspace_id: number;
  mention_id: number;
  user_id: number | null;
  /** state | assignee | notes | sentiment */
  field: string;
  old_value: string | null;
  new_value: string | null;
  at: number;
}

/**
 * A sentiment set by a person. It is also written onto the mention (so every reader sees it
 * at once); this row is what keeps enrichment and re-imports from overwriting it.
 */
export interface SentimentCorrectionsTable {
  mention_id: number;
  workspace_id: number;
  label: string;
  /** What the model said before the first correction (training data wants both). */
  original_label: string | null;
  user_id: number | null;
  at: number;
}

/** "Any mention matching `query` (the topic language) gets `tag`." */
export interface TagRulesTable {
  id: Generated<number>;
  workspace_id: number;
  tag: string;
  query: string;
  created_at: number;
  updated_at: number;
}

/**
 * A tag on a mention: put by hand (`rule_id` 0) or by a rule (its id), so a rule's tags
 * can be recomputed without touching the hand-made ones.
 */
export interface MentionTagsTable {
  mention_id: number;
  workspace_id: number;
  tag: string;
  rule_id: number;
  /** The mention's, for the per-tag Watch figures over a period. */
  published_at: number;
}

export interface InboxTables {
  mention_triage: MentionTriageTable;
  mention_triage_events: MentionTriageEventsTable;
  sentiment_corrections: SentimentCorrectionsTable;
  tag_rules: TagRulesTable;
  mention_tags: MentionTagsTable;
}
