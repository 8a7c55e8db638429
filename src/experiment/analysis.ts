/**
 * Analysing an experiment: the primary metric against its baseline (rates: z-test and
 * Bayesian probability to beat the control; counts: seasonal pre-period comparison),
 * the peeking-corrected decision, the guardrails on the core channels, the audience
 * feedback, and a suggested verdict with the reasons for it.
 */
import { sql } from 'kysely';
import { foldText } from '../core/text.ts';
import { ValidationError } from '../core/validation.ts';
import type { Store } from '../store/store.ts';
import { DAY_MS, fillDays, NotEnoughBaseline, seasonalComparison, type CountComparison } from './counts.ts';
import { normalQuantile } from './distributions.ts';
import type { Guardrail } from './experiment-schema.ts';
import { getExperiment, type Experiment } from './experiments.ts';
import { feedbackSummary, type FeedbackSummary } from './feedback.ts';
import { minimumDetectableEffect, probabilityToBeat, sampleSizePerArm, twoProportionTest, type RateArm, type RateTest } from './rates.ts';
import { sequentialLook, type SequentialLook } from './sequential.ts';

export type Decision = 'not started' | 'not enough data yet' | 'significant' | 'no detectable effect';

export interface GuardrailResult {
  name: string;
  measure: string;
  maxDropPct: number;
  /** Change against the seasonal baseline, in percent (negative = drop); null when unknown. */
  changePct: number | null;
  breached: boolean;
  note: string;
}

export interface PlanningResult {
  sampleSizePerArm: number;
  daysNeeded: number;
  runDays: number;
  /** Smallest absolute lift the planned run can detect. */
  detectableLift: number;
  warning: string | null;
}

export interface ExperimentAnalysis {
  experimentId: number;
  name: string;
  status: 'planned' | 'running' | 'ended';
  analysedAt: number;
  /** Share of the run (or planned sample) observed. */
  informationFraction: number;
  decision: Decision;
  direction: 'better' | 'worse' | 'flat' | null;
  rate: (RateTest & { baseline: RateArm; variant: RateArm; probabilityToBeat: number }) | null;
  count: (Omit<CountComparison, 'days'> & { days: CountComparison['days']; detectableLift: number }) | null;
  sequential: SequentialLook | null;
  planning: PlanningResult | null;
  guardrails: GuardrailResult[];
  /** Set when a guardrail is breached: "you are diverting energy from what works". */
  guardrailFlag: string | null;
  feedback: FeedbackSummary;
  suggestedVerdict: 'adopt' | 'iterate' | 'drop' | null;
  reasons: string[];
}

async function topicIdOf(store: Store, workspaceId: number, name: string): Promise<number> {
  const row = await store.db.selectFrom('topics').select('id').where('workspace_id', '=', workspaceId).where('name', '=', name).executeTakeFirst();
  if (!row) throw new ValidationError(`scope.topic: no topic named "${name}"`);
  return row.id;
}

/** Per-day totals of mentions or engagement over [from, to), every day present. */
export async function dailyMeasure(
  store: Store,
  workspaceId: number,
  measure: 'mentions' | 'engagement',
  scope: { topic?: string; source?: string; hashtag?: string },
  from: number,
  to: number,
) {
  const topic = scope.topic ? await topicIdOf(store, workspaceId, scope.topic) : null;
  const value = measure === 'mentions' ? sql<number>`count(*)` : sql<number>`coalesce(sum(mentions.likes + mentions.shares + mentions.replies), 0)`;
  const day = sql<number>`mentions.published_at / ${sql.lit(DAY_MS)}`;
  const rows = await store.db
    .selectFrom('mentions')
    .select([day.as('day'), value.as('value')])
    .where('mentions.workspace_id', '=', workspaceId)
    .where('mentions.published_at', '>=', from)
    .where('mentions.published_at', '<', to)
    .$if(Boolean(scope.source), (q) => q.where('mentions.source', '=', scope.source!))
    .$if(topic !== null, (q) =>
      q.where((eb) => eb.exists(eb.selectFrom('mention_topics').select('mention_id').whereRef('mention_topics.mention_id', '=', 'mentions.id').where('mention_topics.topic_id', '=', topic!))),
    )
    .$if(Boolean(scope.hashtag), (q) =>
      q.where((eb) =>
        eb.exists(
          eb.selectFrom('mention_hashtags').select('mention_id').whereRef('mention_hashtags.mention_id', '=', 'mentions.id').where('mention_hashtags.tag', '=', foldText(scope.hashtag!.replace(/^#/, ''))),
        ),
      ),
    )
    .groupBy(day)
    .execute();
  return fillDays(from, to, new Map(rows.map((r) => [Number(r.day) * DAY_MS, Number(r.value)])));
}

/** Comparison of [start, until) with the `preDays` before start. */
async function compareWithPrePeriod(
  store: Store,
  workspaceId: number,
  measure: 'mentions' | 'engagement',
  scope: Guardrail['scope'],
  start: number,
  until: number,
  preDays: number,
  alpha: number,
) {
  const pre = await dailyMeasure(store, workspaceId, measure, scope, start - preDays * DAY_MS, start);
  // Only whole days of the run: today's partial count would look like a drop.
  const lastFullDay = Math.floor(until / DAY_MS) * DAY_MS;
  const run = lastFullDay > start ? await dailyMeasure(store, workspaceId, measure, scope, start, lastFullDay) : [];
  return { pre, comparison: seasonalComparison(pre, run, alpha) };
}

async function guardrailResults(store: Store, workspaceId: number, e: Experiment, until: number): Promise<GuardrailResult[]> {
  const results: GuardrailResult[] = [];
  for (const g of e.guardrails) {
    try {
      const { comparison } = await compareWithPrePeriod(store, workspaceId, g.measure, g.scope, e.startAt, until, 28, e.alpha);
      const changePct = 100 * comparison.lift;
      const breached = changePct < -g.maxDropPct;
      results.push({
        name: g.name,
        measure: g.measure,
        maxDropPct: g.maxDropPct,
        changePct,
        breached,
        note: `${g.measure} ${changePct >= 0 ? 'up' : 'down'} ${Math.abs(changePct).toFixed(1)}% against the same weekdays before the run (limit −${g.maxDropPct}%)`,
      });
    } catch (error) {
      if (!(error instanceof NotEnoughBaseline)) throw error;
      results.push({ name: g.name, measure: g.measure, maxDropPct: g.maxDropPct, changePct: null, breached: false, note: error.message });
    }
  }
  return results;
}

async function rateArms(store: Store, e: Experiment, until: number): Promise<{ baseline: RateArm; variant: RateArm }> {
  const rows = await store.db
    .selectFrom('experiment_observations')
    .select(['arm', sql<number>`sum(successes)`.as('successes'), sql<number>`sum(trials)`.as('trials')])
    .where('experiment_id', '=', e.id)
    .where('observed_at', '<', until)
    .groupBy('arm')
    .execute();
  const arm = (name: string): RateArm => {
    const r = rows.find((x) => x.arm === name);
    return { successes: Number(r?.successes ?? 0), trials: Number(r?.trials ?? 0) };
  };
  return { baseline: arm('baseline'), variant: arm('variant') };
}

function planningFor(e: Experiment): PlanningResult | null {
  if (!e.planning) return null;
  const p = e.planning;
  const n = sampleSizePerArm(p.baselineRate, Math.min(0.999, p.baselineRate + p.minimumLift), e.alpha, p.power);
  const runDays = Math.round((e.endAt - e.startAt) / DAY_MS);
  const daysNeeded = Math.ceil(n / p.trialsPerDayPerArm);
  const detectableLift = minimumDetectableEffect(p.baselineRate, p.trialsPerDayPerArm * runDays, e.alpha, p.power);
  const warning =
    daysNeeded > runDays
      ? `the run is too short: detecting +${(100 * p.minimumLift).toFixed(1)} pt needs ${n} trials per arm (${daysNeeded} days); in ${runDays} days only +${(100 * detectableLift).toFixed(1)} pt is detectable`
      : null;
  return { sampleSizePerArm: n, daysNeeded, runDays, detectableLift, warning };
}

export async function analyzeExperiment(store: Store, workspaceId: number, ref: number | string, now = Date.now()): Promise<ExperimentAnalysis> {
  const e = await getExperiment(store, workspaceId, ref);
  const status = now < e.startAt ? 'planned' : now >= e.endAt ? 'ended' : 'running';
  const until = Math.min(now, e.endAt);
  const timeFraction = Math.min(1, Math.max(0, (until - e.startAt) / (e.endAt - e.startAt)));
  const planning = planningFor(e);
  const reasons: string[] = [];
  const base: ExperimentAnalysis = {
    experimentId: e.id, name: e.name, status, analysedAt: now, informationFraction: 0, decision: 'not started', direction: null,
    rate: null, count: null, sequential: null, planning, guardrails: [], guardrailFlag: null,
    feedback: await feedbackSummary(store, e.id, e.feedbackQuestions), suggestedVerdict: null, reasons,
  };
  if (status === 'planned') {
    reasons.push(`starts on ${new Date(e.startAt).toISOString().slice(0, 10)}`);
    if (planning?.warning) reasons.push(planning.warning);
    return base;
  }

  let z: number | null = null;
  let fraction = timeFraction;
  let probability: number | null = null;
  if (e.metric.kind === 'rate') {
    const { baseline, variant } = await rateArms(store, e, until);
    if (baseline.trials > 0 && variant.trials > 0) {
      const test = twoProportionTest(baseline, variant, e.alpha);
      probability = probabilityToBeat(baseline, variant);
      base.rate = { ...test, baseline, variant, probabilityToBeat: probability };
      if (test.test.status === 'tested') z = test.test.z;
      else reasons.push(test.test.reason);
      if (planning) fraction = Math.max(fraction, Math.min(1, Math.min(baseline.trials, variant.trials) / planning.sampleSizePerArm));
    } else reasons.push('no observations in one of the arms yet: add them with `murmur experiment observe`');
  } else {
    const preDays = e.baseline.kind === 'pre-period' ? e.baseline.days : 28;
    try {
      const { comparison } = await compareWithPrePeriod(store, workspaceId, e.metric.measure, e.metric.scope, e.startAt, until, preDays, e.alpha);
      // What this run can detect: (z_{α/2} + z_{0.8}) standard deviations of the total, relative to the expected total.
      const sd = comparison.expected > 0 ? ((comparison.ci[1] - comparison.ci[0]) / 2 / normalQuantile(1 - e.alpha / 2)) : NaN;
      base.count = { ...comparison, detectableLift: (normalQuantile(1 - e.alpha / 2) + normalQuantile(0.8)) * sd };
      z = comparison.z;
    } catch (error) {
      if (!(error instanceof NotEnoughBaseline)) throw error;
      reasons.push(error.message);
    }
  }
  base.informationFraction = fraction;

  if (z === null) base.decision = 'not enough data yet';
  else {
    const look = sequentialLook(z, fraction, e.plannedLooks, e.alpha);
    base.sequential = look;
    base.direction = Math.abs(z) < 1e-9 ? 'flat' : z > 0 ? 'better' : 'worse';
    if (look.crossed) {
      base.decision = 'significant';
      reasons.push(`|z| = ${Math.abs(z).toFixed(2)} crosses the peeking-corrected boundary ${look.boundary.toFixed(2)} at ${(100 * fraction).toFixed(0)}% of the run`);
    } else if (fraction < 1) {
      base.decision = 'not enough data yet';
      reasons.push(`|z| = ${Math.abs(z).toFixed(2)} is below the boundary ${look.boundary.toFixed(2)} at ${(100 * fraction).toFixed(0)}% of the run: keep running; stopping now would be peeking`);
    } else {
      base.decision = 'no detectable effect';
      reasons.push(`at the end |z| = ${Math.abs(z).toFixed(2)} stays below ${look.boundary.toFixed(2)}`);
    }
  }

  base.guardrails = await guardrailResults(store, workspaceId, e, until);
  const breached = base.guardrails.filter((g) => g.breached);
  if (breached.length > 0) {
    base.guardrailFlag = `${breached.map((g) => `${g.name}: ${g.note}`).join('; ')} — you are diverting energy from what works`;
    reasons.push(base.guardrailFlag);
  }
  if (probability !== null) reasons.push(`probability the variant beats the control: ${(100 * probability).toFixed(1)}%`);
  const useful = base.feedback.questions.find((q) => q.type === 'scale');
  if (base.feedback.responses > 0 && useful?.type === 'scale' && useful.mean !== null)
    reasons.push(`${base.feedback.responses} audience answers, "${useful.label}" ${useful.mean.toFixed(1)}/${Object.keys(useful.distribution).length}`);
  base.suggestedVerdict = suggestVerdict(base);
  const gain = plausibleGain(base);
  if (base.decision === 'no detectable effect' && gain !== null)
    reasons.push(
      gain >= WORTHWHILE_LIFT
        ? `inconclusive: the run cannot rule out a gain of up to ${(100 * gain).toFixed(0)}%; run it longer or on more traffic`
        : `a gain of ${(100 * WORTHWHILE_LIFT).toFixed(0)}% or more is ruled out (at most ${(100 * gain).toFixed(0)}%)`,
    );
  if (base.count && base.count.excludedDays.length > 0)
    reasons.push(`${base.count.excludedDays.length} pre-period day(s) set aside as outliers: ${base.count.excludedDays.map((d) => new Date(d).toISOString().slice(0, 10)).join(', ')}`);
  return base;
}

/** A gain smaller than this is not worth a new tactic's effort; an inconclusive run that cannot rule it out is iterated, not dropped. */
export const WORTHWHILE_LIFT = 0.1;

/** The highest relative gain the interval still allows, or null when unknown. */
export function plausibleGain(a: Pick<ExperimentAnalysis, 'rate' | 'count'>): number | null {
  if (a.count) return Number.isFinite(a.count.ci[1]) ? a.count.ci[1] : null;
  if (a.rate && a.rate.baselineRate > 0) return a.rate.ci[1] / a.rate.baselineRate;
  return null;
}

/**
 * Adopt what clearly works without hurting the core; drop what clearly hurts or cannot
 * be worth it; iterate on the rest (a real gain that hurts the core, or an inconclusive run).
 */
export function suggestVerdict(a: Pick<ExperimentAnalysis, 'decision' | 'direction' | 'guardrails' | 'rate' | 'count'>): 'adopt' | 'iterate' | 'drop' | null {
  const hurtsCore = a.guardrails.some((g) => g.breached);
  if (a.decision === 'significant') {
    if (a.direction === 'worse') return 'drop';
    return hurtsCore ? 'iterate' : 'adopt';
  }
  if (hurtsCore) return 'drop';
  if (a.decision === 'no detectable effect') {
    const gain = plausibleGain(a);
    return gain !== null && gain >= WORTHWHILE_LIFT ? 'iterate' : 'drop';
  }
  return null;
}
