/**
 * The plan document and every change to it, as zod schemas. A plan is validated as a
 * whole after each change, so cross-references (a task's owner is on the team, a channel
 * serves a known persona) can never be left dangling.
 */
import { z } from 'zod';
import { KPI_METRICS } from './metrics.ts';

export const GOAL_TYPES = ['awareness', 'sales', 'loyalty', 'service', 'custom'] as const;
export const TASK_STATUSES = ['todo', 'doing', 'blocked', 'done'] as const;

const text = (max = 2000) => z.string().trim().max(max);
const name = z.string().trim().min(1, 'must not be empty').max(200);
const date = z.iso.date({ message: 'expected a date as YYYY-MM-DD' });
const slug = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9_-]*$/, 'use lower-case letters, digits, "-" and "_" (e.g. "mentions-q1")');

export const GoalSchema = z
  .object({
    type: z.enum(GOAL_TYPES, { message: `expected one of ${GOAL_TYPES.join(', ')}` }),
    /** The goal in one sentence ("Be the bakery Lyon talks about"). */
    statement: text(500).default(''),
    justification: text().min(1, 'say why this goal comes first'),
  })
  .strict();

export const RoleSchema = z
  .object({ channel: z.string().trim().min(1).optional(), task: z.string().trim().min(1).optional(), role: name })
  .strict()
  .refine((r) => r.channel || r.task, { message: 'a role applies to a channel or a task' });

export const MemberSchema = z
  .object({ name, department: name, roles: z.array(RoleSchema).default([]) })
  .strict();

export const PersonaSchema = z
  .object({
    name,
    demographics: text().default(''),
    psychographics: text().default(''),
    behaviour: text().default(''),
    values: text().default(''),
    challenges: text().default(''),
    channels: z.array(z.string().trim().min(1)).default([]),
  })
  .strict();

export const ChannelPlanSchema = z
  .object({
    channel: name,
    reason: text().min(1, 'say why the brand is on this channel'),
    personas: z.array(name).default([]),
    contentPlan: text().default(''),
    resources: text().default(''),
    successMetric: text(200).default(''),
  })
  .strict();

const quarter = z.string().regex(/^\d{4}-Q[1-4]$/, 'expected a quarter as YYYY-Qn, e.g. 2026-Q1');
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'expected a month as YYYY-MM');

export const KpiSchema = z
  .object({
    id: slug,
    name,
    metric: z.enum(KPI_METRICS, {
      error: (issue) => `unknown metric ${JSON.stringify(issue.input)}: expected one of ${KPI_METRICS.join(', ')}`,
    }),
    /** Narrows a measured metric: a topic (by name), a source/channel, a campaign (utm_campaign). */
    scope: z
      .object({ topic: z.string().optional(), source: z.string().optional(), campaign: z.string().optional() })
      .strict()
      .default({}),
    /** For metric "entered": is the number summed per month (flow) or read at month end (level)? */
    nature: z.enum(['flow', 'level']).optional(),
    /** 'up' when more is better. */
    direction: z.enum(['up', 'down']).default('up'),
    /** Within ± this fraction of the expected value a KPI is "on track". */
    tolerance: z.number().min(0).max(1).default(0.05),
    targets: z.array(z.object({ quarter, value: z.number().finite() }).strict()).default([]),
    /** The user's sketch: expected monthly values at a few months; Murmur draws the path between them. */
    forecast: z.array(z.object({ month, value: z.number().finite() }).strict()).default([]),
  })
  .strict();

export const TaskSchema = z
  .object({
    id: slug,
    title: name,
    /** Exactly one owner per task, a member of the team. */
    owner: name,
    due: date,
    status: z.enum(TASK_STATUSES).default('todo'),
    doneOn: date.nullable().default(null),
    channel: z.string().trim().min(1).optional(),
  })
  .strict();

const PlanDocumentShape = z
  .object({
    name,
    startsOn: date,
    goal: GoalSchema.nullable().default(null),
    differentiator: text().default(''),
    team: z.array(MemberSchema).default([]),
    personas: z.array(PersonaSchema).default([]),
    channels: z.array(ChannelPlanSchema).default([]),
    kpis: z.array(KpiSchema).default([]),
    tasks: z.array(TaskSchema).default([]),
  })
  .strict();

function duplicates(values: string[]): Set<string> {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const v of values) (seen.has(v) ? twice : seen).add(v);
  return twice;
}

export const PlanDocumentSchema = PlanDocumentShape.superRefine((plan, ctx) => {
  const unique = (list: string[], path: (string | number)[], what: string) => {
    const twice = duplicates(list);
    list.forEach((value, i) => {
      if (twice.has(value)) ctx.addIssue({ code: 'custom', path: [...path, i], message: `duplicate ${what} "${value}"` });
    });
  };
  unique(plan.team.map((m) => m.name), ['team'], 'team member');
  unique(plan.personas.map((p) => p.name), ['personas'], 'persona');
  unique(plan.channels.map((c) => c.channel), ['channels'], 'channel');
  unique(plan.kpis.map((k) => k.id), ['kpis'], 'KPI id');
  unique(plan.tasks.map((t) => t.id), ['tasks'], 'task id');

  const members = new Set(plan.team.map((m) => m.name));
  const personas = new Set(plan.personas.map((p) => p.name));
  plan.tasks.forEach((task, i) => {
    if (!members.has(task.owner))
      ctx.addIssue({ code: 'custom', path: ['tasks', i, 'owner'], message: `"${task.owner}" is not on the team` });
    if (task.status === 'done' && !task.doneOn)
      ctx.addIssue({ code: 'custom', path: ['tasks', i, 'doneOn'], message: 'a done task needs the date it was done' });
  });
  plan.channels.forEach((channel, i) =>
    channel.personas.forEach((persona, j) => {
      if (!personas.has(persona))
        ctx.addIssue({ code: 'custom', path: ['channels', i, 'personas', j], message: `unknown persona "${persona}"` });
    }),
  );
  plan.kpis.forEach((kpi, i) => {
    if (kpi.metric === 'entered' && !kpi.nature)
      ctx.addIssue({ code: 'custom', path: ['kpis', i, 'nature'], message: 'say whether the entered metric is a flow or a level' });
    if (kpi.targets.length === 0 && kpi.forecast.length === 0)
      ctx.addIssue({ code: 'custom', path: ['kpis', i, 'targets'], message: 'give at least one quarterly target or forecast point' });
    unique(kpi.targets.map((t) => t.quarter), ['kpis', i, 'targets'], 'quarter');
  });
});

export type PlanDocument = z.output<typeof PlanDocumentSchema>;
export type PlanDocumentInput = z.input<typeof PlanDocumentSchema>;
export type Goal = z.output<typeof GoalSchema>;
export type Member = z.output<typeof MemberSchema>;
export type Persona = z.output<typeof PersonaSchema>;
export type ChannelPlan = z.output<typeof ChannelPlanSchema>;
export type Kpi = z.output<typeof KpiSchema>;
export type Task = z.output<typeof TaskSchema>;

/** Every change the CLI, the API or a review can make to a plan: one route, one audit trail. */
export const PlanChangeSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('set-start'), startsOn: date }),
  z.object({ op: z.literal('set-goal'), goal: GoalSchema }),
  z.object({ op: z.literal('set-differentiator'), differentiator: text().min(1) }),
  z.object({ op: z.literal('add-member'), member: MemberSchema }),
  z.object({ op: z.literal('add-role'), member: name, role: RoleSchema }),
  // An update names the item as it is now; `value` is the whole item after the edit.
  z.object({ op: z.literal('update-member'), member: name, value: MemberSchema }),
  z.object({ op: z.literal('remove-member'), member: name }),
  z.object({ op: z.literal('add-persona'), persona: PersonaSchema }),
  z.object({ op: z.literal('update-persona'), persona: name, value: PersonaSchema }),
  z.object({ op: z.literal('remove-persona'), persona: name }),
  z.object({ op: z.literal('add-channel'), channel: ChannelPlanSchema }),
  z.object({ op: z.literal('update-channel'), channel: name, value: ChannelPlanSchema }),
  z.object({ op: z.literal('remove-channel'), channel: name }),
  z.object({ op: z.literal('add-kpi'), kpi: KpiSchema }),
  z.object({ op: z.literal('update-kpi'), kpi: slug, value: KpiSchema }),
  z.object({ op: z.literal('set-kpi-targets'), kpi: slug, targets: KpiSchema.shape.targets, forecast: KpiSchema.shape.forecast.optional() }),
  z.object({ op: z.literal('remove-kpi'), kpi: slug }),
  z.object({ op: z.literal('add-task'), task: TaskSchema }),
  z.object({ op: z.literal('update-task'), task: slug, value: TaskSchema }),
  z.object({ op: z.literal('set-task-status'), task: slug, status: z.enum(TASK_STATUSES), on: date.optional() }),
  z.object({ op: z.literal('remove-task'), task: slug }),
  z.object({ op: z.literal('replace'), document: PlanDocumentShape }),
]);
export type PlanChange = z.input<typeof PlanChangeSchema>;
export type PlanChangeOp = PlanChange['op'];
