/**
 * Tables of part 4, Experiments. The experiment's metric, baseline and guardrails are
 * small JSON specs (validated by zod in experiment-schema.ts) so new metric kinds need
 * no migration.
 */
import type { Generated } from 'kysely';

export type Verdict = 'adopt' | 'iterate' | 'drop';

export interface ExperimentsTable {
  id: Generated<number>;
  workspace_id: number;
  name: string;
  hypothesis: string;
  /** The new channel or tactic being tried. */
  tactic: string;
  /** The established channel the experiment rides on. */
  rides_on: string;
  campaign_id: number | null;
  start_at: number;
  end_at: number;
  budget_money: number;
  budget_hours: number;
  /** JSON ExperimentMetric: the short-term success metric. */
  metric: string;
  /** JSON Baseline: pre-period or control arm. */
  baseline: string;
  /** JSON Guardrail[] on the core channels. */
  guardrails: string;
  /** Significance level and the number of looks planned, for the sequential correction. */
  alpha: number;
  planned_looks: number;
  /** JSON FeedbackQuestion[]. */
  feedback_questions: string;
  /** Unguessable token of the public feedback link. */
  feedback_token: string;
  verdict: Verdict | null;
  /** JSON: the analysis the verdict was taken on, plus the reasoning. */
  verdict_evidence: string | null;
  verdict_at: number | null;
  /** Free text: how easily competitors may copy the tactic. */
  competitors_may_copy: string | null;
  author: string;
  created_at: number;
  updated_at: number;
}

/** Counts of a rate metric per arm and day, entered by the user or an integration. */
export interface ExperimentObservationsTable {
  id: Generated<number>;
  experiment_id: number;
  arm: 'baseline' | 'variant';
  observed_at: number;
  successes: number;
  trials: number;
  created_at: number;
}

/** One answer to the public feedback form: no name, address or IP is stored. */
export interface ExperimentFeedbackTable {
  id: Generated<number>;
  experiment_id: number;
  /** JSON Record<questionId, number | string>. */
  answers: string;
  created_at: number;
}

export interface ExperimentTables {
  experiments: ExperimentsTable;
  experiment_observations: ExperimentObservationsTable;
  experiment_feedback: ExperimentFeedbackTable;
}
