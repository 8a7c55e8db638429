/** Kysely types of the NLP part: each workspace's sentiment adapter (adapt.ts). */

/** One row per workspace that has adapted: weights over the base model's hashed features. */
export interface SentimentAdaptersTable {
  workspace_id: number;
  /** `baseModelVersion` of the model it was trained for: another base model makes it stale. */
  base_version: string;
  /** How many corrections it was trained on. */
  corrections: number;
  /** `[bucket, wNegative, wNeutral, wPositive]` rows as JSON (adapter.ts). */
  weights: string;
  trained_at: number;
  /** Its held-out check (adapter.ts, `heldOutCheck`): corrections fixed and broken by adapters that had not seen them; null before migration 5270. */
  held_out_fixed: number | null;
  held_out_broken: number | null;
}

export interface NlpTables {
  sentiment_adapters: SentimentAdaptersTable;
}
