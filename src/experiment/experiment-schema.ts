/** What an experiment is made of, as zod schemas (CLI, API and demo share them). */
import { z } from 'zod';

const scope = z
  .object({ topic: z.string().min(1).optional(), source: z.string().min(1).optional(), hashtag: z.string().min(1).optional() })
  .strict()
  .default({});

/** Counted from the store per day (mentions, engagement) or entered as successes/trials per arm. */
export const MetricSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('count'),
      measure: z.enum(['mentions', 'engagement'], { message: 'a count metric measures mentions or engagement' }),
      scope,
    })
    .strict(),
  z
    .object({
      kind: z.literal('rate'),
      /** What a success and a trial are, e.g. "clicks / impressions". */
      name: z.string().trim().min(1),
    })
    .strict(),
]);
export type ExperimentMetric = z.output<typeof MetricSchema>;

export const BaselineSchema = z.discriminatedUnion('kind', [
  /** Count metrics: the same weekdays in the `days` before the start. */
  z.object({ kind: z.literal('pre-period'), days: z.number().int().min(14, 'at least two weeks, to see each weekday twice').max(364).default(28) }).strict(),
  /** Rate metrics: a control arm observed during the run. */
  z.object({ kind: z.literal('control'), description: z.string().trim().default('') }).strict(),
]);
export type Baseline = z.output<typeof BaselineSchema>;

export const GuardrailSchema = z
  .object({
    name: z.string().trim().min(1),
    /** A core channel's metric, compared with its own pre-period. */
    measure: z.enum(['mentions', 'engagement']),
    scope,
    /** Flag when the metric falls more than this many percent below its seasonal baseline. */
    maxDropPct: z.number().gt(0).max(100).default(20),
  })
  .strict();
export type Guardrail = z.output<typeof GuardrailSchema>;

export const FeedbackQuestionSchema = z.discriminatedUnion('type', [
  z.object({ id: z.string().regex(/^[a-z][a-z0-9_]*$/), type: z.literal('scale'), label: z.string().min(1), min: z.number().int().default(1), max: z.number().int().default(5) }).strict(),
  z.object({ id: z.string().regex(/^[a-z][a-z0-9_]*$/), type: z.literal('choice'), label: z.string().min(1), options: z.array(z.string().min(1)).min(2) }).strict(),
  z.object({ id: z.string().regex(/^[a-z][a-z0-9_]*$/), type: z.literal('text'), label: z.string().min(1), maxLength: z.number().int().max(2000).default(500) }).strict(),
]);
export type FeedbackQuestion = z.output<typeof FeedbackQuestionSchema>;

export const DEFAULT_FEEDBACK_QUESTIONS: FeedbackQuestion[] = [
  { id: 'useful', type: 'scale', label: 'How useful was this to you?', min: 1, max: 5 },
  { id: 'more', type: 'choice', label: 'Would you like to see more of it?', options: ['yes', 'maybe', 'no'] },
  { id: 'comment', type: 'text', label: 'Anything you would change?', maxLength: 500 },
];

const date = z.iso.date({ message: 'expected a date as YYYY-MM-DD' });
const MAX_RUN_DAYS = 180;

export const ExperimentInputSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    hypothesis: z.string().trim().min(1, 'state what you expect and why'),
    /** The new channel or tactic. */
    tactic: z.string().trim().min(1),
    /** The established channel it rides on. */
    ridesOn: z.string().trim().min(1),
    /** Campaign (id, name or utm_campaign) the experiment runs on. */
    campaign: z.union([z.number().int().positive(), z.string().min(1)]).optional(),
    start: date,
    end: date.optional(),
    budgetMoney: z.number().min(0).default(0),
    budgetHours: z.number().min(0).default(0),
    metric: MetricSchema,
    baseline: BaselineSchema.optional(),
    guardrails: z.array(GuardrailSchema).default([]),
    alpha: z.number().gt(0).max(0.2).default(0.05),
    /** How many times the team will look before the end: sets the peeking correction. */
    plannedLooks: z.number().int().min(1).max(50).default(5),
    /** Planning of a rate experiment: the expected baseline rate and traffic. */
    planning: z
      .object({
        baselineRate: z.number().gt(0).lt(1),
        /** Absolute lift to detect (0.01 = one percentage point). */
        minimumLift: z.number().gt(0).lt(1),
        trialsPerDayPerArm: z.number().gt(0),
        power: z.number().gt(0.5).lt(1).default(0.8),
      })
      .strict()
      .optional(),
    feedbackQuestions: z.array(FeedbackQuestionSchema).min(1).max(10).default(DEFAULT_FEEDBACK_QUESTIONS),
    competitorsMayCopy: z.string().trim().max(2000).optional(),
  })
  .strict()
  .superRefine((e, ctx) => {
    if (!e.end) {
      ctx.addIssue({ code: 'custom', path: ['end'], message: 'an experiment is time-boxed: give its end date (YYYY-MM-DD)' });
      return;
    }
    const days = (Date.parse(e.end) - Date.parse(e.start)) / 86_400_000;
    if (days < 1) ctx.addIssue({ code: 'custom', path: ['end'], message: 'must be at least one day after the start' });
    if (days > MAX_RUN_DAYS) ctx.addIssue({ code: 'custom', path: ['end'], message: `a safe experiment runs at most ${MAX_RUN_DAYS} days; split it` });
    const baseline = e.baseline ?? (e.metric.kind === 'count' ? { kind: 'pre-period' } : { kind: 'control' });
    if (e.metric.kind === 'count' && baseline.kind !== 'pre-period')
      ctx.addIssue({ code: 'custom', path: ['baseline', 'kind'], message: 'a count metric is compared with its pre-period' });
    if (e.metric.kind === 'rate' && baseline.kind !== 'control')
      ctx.addIssue({ code: 'custom', path: ['baseline', 'kind'], message: 'a rate metric is compared with a control arm' });
    const ids = e.feedbackQuestions.map((q) => q.id);
    ids.forEach((id, i) => {
      if (ids.indexOf(id) !== i) ctx.addIssue({ code: 'custom', path: ['feedbackQuestions', i, 'id'], message: `duplicate question id "${id}"` });
    });
  });
export type ExperimentInput = z.input<typeof ExperimentInputSchema>;

/** A day of a rate metric for one arm (e.g. clicks and impressions from the platform). */
export const ObservationSchema = z
  .object({
    arm: z.enum(['baseline', 'variant']),
    on: z.iso.date(),
    successes: z.number().int().min(0),
    trials: z.number().int().min(1),
  })
  .strict()
  .refine((o) => o.successes <= o.trials, { path: ['successes'], message: 'cannot exceed trials' });
export type ObservationInput = z.input<typeof ObservationSchema>;

/** The decision at the end of the time box. */
export const VerdictInputSchema = z
  .object({
    verdict: z.enum(['adopt', 'iterate', 'drop']),
    reasoning: z.string().trim().min(1, 'say why'),
    competitorsMayCopy: z.string().trim().max(2000).optional(),
  })
  .strict();
export type VerdictInput = z.input<typeof VerdictInputSchema>;
