/**
 * The plan forms' drafts (strings, as typed) and the plan changes they become. The rules
 * are not restated here: a change is checked with the library's own `applyChange` (the
 * zod schemas of src/plan/plan-schema.ts and the whole-plan rules) before it is sent, so
 * the form names the same field and problem the API would.
 */
import { ValidationError } from '../../../src/core/validation.ts';
import { applyChange } from '../../../src/plan/plan-changes.ts';
import type { ChannelPlan, Kpi, Member, Persona, PlanChange, PlanDocument, Task } from '../../../src/plan/plan-schema.ts';

/** What the API would refuse in `change`, as `path: problem` lines; none when it would accept it. */
export function problemsOf(document: PlanDocument, change: PlanChange, today: string): string[] {
  try {
    applyChange(document, change, today);
    return [];
  } catch (error) {
    if (error instanceof ValidationError) return error.issues;
    throw error;
  }
}

export const splitList = (text: string) => text.split(',').map((s) => s.trim()).filter(Boolean);

/** A typed number; blank or not a number stays NaN, which the schema names as the problem. */
const numberOf = (text: string) => (text.trim() === '' ? Number.NaN : Number(text));
const optional = (text: string) => (text.trim() === '' ? undefined : text.trim());

export interface RoleDraft {
  on: 'channel' | 'task';
  target: string;
  role: string;
}
export interface MemberDraft {
  name: string;
  department: string;
  roles: RoleDraft[];
}

export const memberDraft = (m?: Member): MemberDraft => ({
  name: m?.name ?? '',
  department: m?.department ?? '',
  roles: (m?.roles ?? []).map((r) => (r.channel ? { on: 'channel', target: r.channel, role: r.role } : { on: 'task', target: r.task ?? '', role: r.role })),
});

export const memberOf = (d: MemberDraft): Member => ({
  name: d.name,
  department: d.department,
  roles: d.roles.map((r) => ({ [r.on]: r.target, role: r.role })),
});

export type PersonaDraft = Record<'name' | 'demographics' | 'psychographics' | 'behaviour' | 'values' | 'challenges' | 'channels', string>;

export const personaDraft = (p?: Persona): PersonaDraft => ({
  name: p?.name ?? '',
  demographics: p?.demographics ?? '',
  psychographics: p?.psychographics ?? '',
  behaviour: p?.behaviour ?? '',
  values: p?.values ?? '',
  challenges: p?.challenges ?? '',
  channels: (p?.channels ?? []).join(', '),
});

export const personaOf = (d: PersonaDraft): Persona => ({ ...d, channels: splitList(d.channels) });

export type ChannelDraft = Omit<ChannelPlan, 'personas'> & { personas: string[] };

export const channelDraft = (c?: ChannelPlan): ChannelDraft => ({
  channel: c?.channel ?? '',
  reason: c?.reason ?? '',
  personas: c?.personas ?? [],
  contentPlan: c?.contentPlan ?? '',
  resources: c?.resources ?? '',
  successMetric: c?.successMetric ?? '',
});

export interface PointDraft {
  at: string;
  value: string;
}
export interface KpiDraft {
  id: string;
  name: string;
  metric: string;
  topic: string;
  source: string;
  campaign: string;
  nature: string;
  direction: 'up' | 'down';
  tolerance: string;
  targets: PointDraft[];
  forecast: PointDraft[];
}

export const kpiDraft = (k?: Kpi): KpiDraft => ({
  id: k?.id ?? '',
  name: k?.name ?? '',
  metric: k?.metric ?? 'mentions',
  topic: k?.scope.topic ?? '',
  source: k?.scope.source ?? '',
  campaign: k?.scope.campaign ?? '',
  nature: k?.nature ?? '',
  direction: k?.direction ?? 'up',
  tolerance: String(k?.tolerance ?? 0.05),
  targets: (k?.targets ?? []).map((t) => ({ at: t.quarter, value: String(t.value) })),
  forecast: (k?.forecast ?? []).map((f) => ({ at: f.month, value: String(f.value) })),
});

/** Rows left wholly blank are dropped; a half-filled row is kept for the schema to name. */
const filled = (rows: PointDraft[]) => rows.filter((r) => r.at.trim() !== '' || r.value.trim() !== '');

export const kpiOf = (d: KpiDraft): Kpi => ({
  id: d.id,
  name: d.name,
  metric: d.metric as Kpi['metric'],
  scope: Object.fromEntries(Object.entries({ topic: optional(d.topic), source: optional(d.source), campaign: optional(d.campaign) }).filter(([, v]) => v !== undefined)),
  ...(d.nature ? { nature: d.nature as 'flow' | 'level' } : {}),
  direction: d.direction,
  tolerance: numberOf(d.tolerance),
  targets: filled(d.targets).map((t) => ({ quarter: t.at.trim(), value: numberOf(t.value) })),
  forecast: filled(d.forecast).map((f) => ({ month: f.at.trim(), value: numberOf(f.value) })),
});

export type TaskDraft = Record<'id' | 'title' | 'owner' | 'due' | 'channel', string> & { status: Task['status'] };

export const taskDraft = (t?: Task): TaskDraft => ({
  id: t?.id ?? '',
  title: t?.title ?? '',
  owner: t?.owner ?? '',
  due: t?.due ?? '',
  channel: t?.channel ?? '',
  status: t?.status ?? 'todo',
});

/** A task as edited: a done task keeps the day it was done, else is done `today` (as set-task-status does). */
export const taskOf = (d: TaskDraft, today: string, before?: Task): Task => ({
  id: d.id,
  title: d.title,
  owner: d.owner,
  due: d.due,
  status: d.status,
  doneOn: d.status === 'done' ? (before?.doneOn ?? today) : null,
  ...(optional(d.channel) ? { channel: d.channel.trim() } : {}),
});
