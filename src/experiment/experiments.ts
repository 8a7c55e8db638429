/** Experiments in the store: create, read, observe a rate, record the verdict. */
import { randomBytes } from 'node:crypto';
import { sql, type Selectable } from 'kysely';
import { z } from 'zod';
import { parseInput, toEpoch, ValidationError } from '../core/validation.ts';
import { getCampaign } from '../roi/campaigns.ts';
import type { Store } from '../store/store.ts';
import { NotFoundError } from '../store/workspaces.ts';
import {
  BaselineSchema,
  ExperimentInputSchema,
  FeedbackQuestionSchema,
  GuardrailSchema,
  MetricSchema,
  ObservationSchema,
  VerdictInputSchema,
  type Baseline,
  type ExperimentInput,
  type ExperimentMetric,
  type FeedbackQuestion,
  type Guardrail,
  type ObservationInput,
  type VerdictInput,
} from './experiment-schema.ts';
import type { ExperimentsTable, Verdict } from './experiment-tables.ts';

export interface Experiment {
  id: number;
  name: string;
  hypothesis: string;
  tactic: string;
  ridesOn: string;
  campaignId: number | null;
  startAt: number;
  endAt: number;
  budgetMoney: number;
  budgetHours: number;
  metric: ExperimentMetric;
  /** Sample-size planning of a rate experiment, when given. */
  planning: Planning | null;
  baseline: Baseline;
  guardrails: Guardrail[];
  alpha: number;
  plannedLooks: number;
  feedbackQuestions: FeedbackQuestion[];
  feedbackToken: string;
  verdict: Verdict | null;
  verdictEvidence: unknown;
  verdictAt: number | null;
  competitorsMayCopy: string | null;
  author: string;
  createdAt: number;
}

type Planning = NonNullable<z.output<typeof ExperimentInputSchema>['planning']>;

function toExperiment(row: Selectable<ExperimentsTable>): Experiment {
  // The planning is stored with the metric: one JSON column, no migration.
  const { planning, ...metric } = JSON.parse(row.metric) as ExperimentMetric & { planning?: Planning };
  return {
    id: row.id,
    name: row.name,
    hypothesis: row.hypothesis,
    tactic: row.tactic,
    ridesOn: row.rides_on,
    campaignId: row.campaign_id,
    startAt: row.start_at,
    endAt: row.end_at,
    budgetMoney: Number(row.budget_money),
    budgetHours: Number(row.budget_hours),
    metric: MetricSchema.parse(metric),
    planning: planning ?? null,
    baseline: BaselineSchema.parse(JSON.parse(row.baseline)),
    guardrails: z.array(GuardrailSchema).parse(JSON.parse(row.guardrails)),
    alpha: Number(row.alpha),
    plannedLooks: row.planned_looks,
    feedbackQuestions: z.array(FeedbackQuestionSchema).parse(JSON.parse(row.feedback_questions)),
    feedbackToken: row.feedback_token,
    verdict: row.verdict,
    verdictEvidence: row.verdict_evidence ? JSON.parse(row.verdict_evidence) : null,
    verdictAt: row.verdict_at,
    competitorsMayCopy: row.competitors_may_copy,
    author: row.author,
    createdAt: row.created_at,
  };
}

/**
 * Every topic a count metric or guardrail is scoped to must be one of this workspace's:
 * refused now, with its path, rather than failing at every analysis later.
 */
async function checkScopes(store: Store, workspaceId: number, e: { metric: { kind: string; scope?: { topic?: string } }; guardrails: { scope: { topic?: string } }[] }): Promise<void> {
  const wanted = [
    ...(e.metric.kind === 'count' && e.metric.scope?.topic ? [{ path: 'metric.scope.topic', topic: e.metric.scope.topic }] : []),
    ...e.guardrails.flatMap((g, i) => (g.scope.topic ? [{ path: `guardrails.${i}.scope.topic`, topic: g.scope.topic }] : [])),
  ];
  if (wanted.length === 0) return;
  const names = new Set((await store.db.selectFrom('topics').select('name').where('workspace_id', '=', workspaceId).execute()).map((t) => t.name));
  const issues = wanted.filter((w) => !names.has(w.topic)).map((w) => `${w.path}: no topic named "${w.topic}" in this workspace`);
  if (issues.length > 0) throw new ValidationError(`experiment: ${issues.join('; ')}`, issues);
}

export async function createExperiment(store: Store, workspaceId: number, input: ExperimentInput, author = 'cli', now = Date.now()): Promise<Experiment> {
  const e = parseInput(ExperimentInputSchema, input, 'experiment');
  const campaignId = e.campaign === undefined ? null : (await getCampaign(store, workspaceId, e.campaign)).id;
  const clash = await store.db.selectFrom('experiments').select('id').where('workspace_id', '=', workspaceId).where('name', '=', e.name).executeTakeFirst();
  if (clash) throw new ValidationError(`name: an experiment named "${e.name}" already exists (id ${clash.id})`);
  await checkScopes(store, workspaceId, e);
  const baseline = e.baseline ?? (e.metric.kind === 'count' ? BaselineSchema.parse({ kind: 'pre-period' }) : BaselineSchema.parse({ kind: 'control' }));
  const row = await store.db
    .insertInto('experiments')
    .values({
      workspace_id: workspaceId,
      name: e.name,
      hypothesis: e.hypothesis,
      tactic: e.tactic,
      rides_on: e.ridesOn,
      campaign_id: campaignId,
      start_at: toEpoch(e.start),
      end_at: toEpoch(e.end!),
      budget_money: e.budgetMoney,
      budget_hours: e.budgetHours,
      metric: JSON.stringify(e.planning ? { ...e.metric, planning: e.planning } : e.metric),
      baseline: JSON.stringify(baseline),
      guardrails: JSON.stringify(e.guardrails),
      alpha: e.alpha,
      planned_looks: e.plannedLooks,
      feedback_questions: JSON.stringify(e.feedbackQuestions),
      feedback_token: randomBytes(18).toString('base64url'),
      verdict: null,
      verdict_evidence: null,
      verdict_at: null,
      competitors_may_copy: e.competitorsMayCopy ?? null,
      author,
      created_at: now,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toExperiment(row);
}

export async function getExperiment(store: Store, workspaceId: number, ref: number | string): Promise<Experiment> {
  let q = store.db.selectFrom('experiments').selectAll().where('workspace_id', '=', workspaceId);
  // A string of digits may be an id or a name: either matches, the id first.
  q =
    typeof ref === 'number'
      ? q.where('id', '=', ref)
      : /^\d+$/.test(ref)
        ? q.where((eb) => eb.or([eb('id', '=', Number(ref)), eb('name', '=', ref)])).orderBy(sql`case when name = ${ref} then 1 else 0 end`)
        : q.where('name', '=', ref);
  const row = await q.executeTakeFirst();
  if (!row) throw new NotFoundError(`no experiment "${ref}" in this workspace`);
  return toExperiment(row);
}

export async function listExperiments(store: Store, workspaceId: number): Promise<Experiment[]> {
  const rows = await store.db.selectFrom('experiments').selectAll().where('workspace_id', '=', workspaceId).orderBy('start_at', 'desc').execute();
  return rows.map(toExperiment);
}


/** Records a day of a rate metric for one arm (e.g. clicks and impressions from the platform). */
export async function addObservation(store: Store, workspaceId: number, ref: number | string, input: ObservationInput, now = Date.now()): Promise<void> {
  const o = parseInput(ObservationSchema, input, 'observation');
  const experiment = await getExperiment(store, workspaceId, ref);
  if (experiment.metric.kind !== 'rate') throw new ValidationError(`experiment "${experiment.name}" measures a count from the store; observations are for rate metrics`);
  await store.db
    .insertInto('experiment_observations')
    .values({ experiment_id: experiment.id, arm: o.arm, observed_at: toEpoch(o.on), successes: o.successes, trials: o.trials, created_at: now })
    .execute();
}


/** Stores the verdict with the evidence it was taken on (the analysis at that moment). */
export async function recordVerdict(
  store: Store,
  workspaceId: number,
  id: number,
  input: VerdictInput,
  evidence: unknown,
  now = Date.now(),
): Promise<Experiment> {
  const v = parseInput(VerdictInputSchema, input, 'verdict');
  const row = await store.db
    .updateTable('experiments')
    .set({
      verdict: v.verdict,
      verdict_evidence: JSON.stringify({ reasoning: v.reasoning, analysis: evidence }),
      verdict_at: now,
      ...(v.competitorsMayCopy !== undefined ? { competitors_may_copy: v.competitorsMayCopy } : {}),
      updated_at: now,
    })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
  if (!row) throw new NotFoundError(`no experiment #${id} in this workspace`);
  return toExperiment(row);
}
