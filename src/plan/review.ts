/**
 * The monthly review: every KPI plan-vs-actual, tasks done and late per person,
 * the calendar's month, and the decisions taken. A review may revise the plan; the
 * revision is an ordinary new plan version noted with the review's month.
 */
import { z } from 'zod';
import type { Store } from '../store/store.ts';
import { listCalendar } from './calendar.ts';
import { expectedForMonth, forecastCurve, kpiNature, type CurvePoint, monthIndex, monthName, monthRange, quarterMonths, quarterOf } from './forecast.ts';
import { addKpiEntry, enteredMetric, followersMetric, measureMetric, measureNetSentiment, type Window } from './measure.ts';
import { isMeasured } from './metrics.ts';
import { PlanChangeSchema, type Kpi, type PlanDocument } from './plan-schema.ts';
import { changePlan, getPlan, type PlanView } from './plans.ts';
import { parseInput, toIsoDate, ValidationError } from '../core/validation.ts';

export type KpiStatus = 'ahead' | 'on track' | 'behind' | 'no target' | 'no data';

export interface KpiReview {
  id: string;
  name: string;
  metric: string;
  nature: 'flow' | 'level';
  /** Expected value for the part of the month elapsed (flows are pro-rated in the current month). */
  expected: number | null;
  actual: number | null;
  gap: number | null;
  gapPct: number | null;
  status: KpiStatus;
  quarter: { quarter: string; target: number | null; actualToDate: number | null };
  /** A net_sentiment KPI's not-sure share over the month measured, shown beside `actual` (docs/figures.md). */
  notSureShare?: number | null;
}

export interface PersonTasks {
  owner: string;
  done: number;
  doneLate: number;
  /** Open tasks whose due date has passed. */
  late: number;
  open: number;
  lateTasks: string[];
}

export interface MonthlyReview {
  planId: number;
  planVersion: number;
  month: string;
  /** Fraction of the month elapsed at review time (1 for past months). */
  elapsed: number;
  kpis: KpiReview[];
  tasks: PersonTasks[];
  calendar: { planned: number; published: number; overdue: number };
}

export function kpiStatus(kpi: Pick<Kpi, 'direction' | 'tolerance'>, expected: number | null, actual: number | null): KpiStatus {
  if (expected === null) return 'no target';
  if (actual === null) return 'no data';
  const sign = kpi.direction === 'up' ? 1 : -1;
  const band = Math.abs(expected) * kpi.tolerance;
  const diff = sign * (actual - expected);
  if (diff > band) return 'ahead';
  if (diff < -band) return 'behind';
  return 'on track';
}

async function actualFor(store: Store, workspaceId: number, planId: number, kpi: Kpi, window: Window) {
  if (isMeasured(kpi.metric)) return measureMetric(store, workspaceId, kpi.metric, kpi.scope, window);
  if (kpi.metric === 'followers') return followersMetric(store, workspaceId, planId, kpi.id, kpi.scope, window);
  return enteredMetric(store, planId, kpi.id, kpiNature(kpi), window);
}

export function tasksPerPerson(plan: PlanDocument, monthEnd: number, now: number): PersonTasks[] {
  const cutoff = toIsoDate(Math.min(monthEnd, now) - 1);
  const byOwner = new Map<string, PersonTasks>();
  for (const member of plan.team) byOwner.set(member.name, { owner: member.name, done: 0, doneLate: 0, late: 0, open: 0, lateTasks: [] });
  for (const task of plan.tasks) {
    const person = byOwner.get(task.owner)!;
    if (task.status === 'done' && task.doneOn && task.doneOn <= cutoff) {
      person.done++;
      if (task.doneOn > task.due) person.doneLate++;
    } else {
      person.open++;
      if (task.due < cutoff) {
        person.late++;
        person.lateTasks.push(task.id);
      }
    }
  }
  return [...byOwner.values()];
}

export async function monthlyReview(
  store: Store,
  workspaceId: number,
  planRef: number | string,
  month: string,
  now = Date.now(),
): Promise<MonthlyReview> {
  parseInput(z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'expected YYYY-MM'), month, 'review month', 'month');
  const plan = await getPlan(store, workspaceId, planRef);
  const { from, to } = monthRange(month);
  const end = Math.min(to, now);
  const elapsed = end <= from ? 0 : (end - from) / (to - from);
  const kpis: KpiReview[] = [];
  for (const kpi of plan.document.kpis) {
    const nature = kpiNature(kpi);
    const monthly = expectedForMonth(kpi, month);
    const expected = monthly === null ? null : nature === 'flow' ? monthly * elapsed : monthly;
    // A net_sentiment KPI's value and its not-sure share come from one count.
    const sentiment = kpi.metric === 'net_sentiment' && elapsed > 0 ? await measureNetSentiment(store, workspaceId, kpi.scope, { from, to: end }) : null;
    const actual = elapsed === 0 ? null : sentiment ? sentiment.value : await actualFor(store, workspaceId, plan.id, kpi, { from, to: end });
    const quarter = quarterOf(month);
    const target = kpi.targets.find((t) => t.quarter === quarter)?.value ?? null;
    const qStart = monthRange(quarterMonths(quarter)[0]!).from;
    const actualToDate = nature === 'flow' && elapsed > 0 ? await actualFor(store, workspaceId, plan.id, kpi, { from: qStart, to: end }) : actual;
    const gap = expected !== null && actual !== null ? actual - expected : null;
    kpis.push({
      id: kpi.id,
      name: kpi.name,
      metric: kpi.metric,
      nature,
      expected,
      actual,
      gap,
      gapPct: gap !== null && expected ? (100 * gap) / Math.abs(expected) : null,
      status: kpiStatus(kpi, expected, actual),
      quarter: { quarter, target, actualToDate },
      ...(kpi.metric === 'net_sentiment' ? { notSureShare: sentiment?.notSureShare ?? null } : {}),
    });
  }
  const calendar = await listCalendar(store, workspaceId, { planId: plan.id, from, to }, now);
  return {
    planId: plan.id,
    planVersion: plan.version,
    month,
    elapsed,
    kpis,
    tasks: tasksPerPerson(plan.document, to, now),
    calendar: {
      planned: calendar.length,
      published: calendar.filter((i) => i.status === 'published').length,
      overdue: calendar.filter((i) => i.overdue).length,
    },
  };
}

export const ReviewInputSchema = z
  .object({
    month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'expected YYYY-MM'),
    decisions: z.array(z.string().trim().min(1)).min(1, 'record at least one decision'),
    /** Revisions of the plan decided in the review. */
    changes: z.array(PlanChangeSchema).default([]),
  })
  .strict();
export type ReviewInput = z.input<typeof ReviewInputSchema>;

export interface RecordedReview {
  id: number;
  review: MonthlyReview;
  decisions: string[];
  author: string;
  createdAt: number;
  /** The plan version after the review's revisions (equal to review.planVersion when none). */
  planVersionAfter: number;
}

/** Runs the review, applies the revisions it decided, and stores both. */
export async function recordReview(
  store: Store,
  workspaceId: number,
  planRef: number | string,
  input: ReviewInput,
  author: string,
  now = Date.now(),
): Promise<RecordedReview> {
  const parsed = parseInput(ReviewInputSchema, input, 'review');
  const review = await monthlyReview(store, workspaceId, planRef, parsed.month, now);
  let version = review.planVersion;
  for (const change of parsed.changes) {
    version = (await changePlan(store, workspaceId, review.planId, change, author, now, `review ${parsed.month}`)).version;
  }
  const row = await store.db
    .insertInto('plan_reviews')
    .values({
      workspace_id: workspaceId,
      plan_id: review.planId,
      month: parsed.month,
      plan_version: review.planVersion,
      result: JSON.stringify(review),
      decisions: JSON.stringify(parsed.decisions),
      author,
      created_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, review, decisions: parsed.decisions, author, createdAt: now, planVersionAfter: version };
}

export async function listReviews(store: Store, workspaceId: number, planRef: number | string) {
  const plan = await getPlan(store, workspaceId, planRef);
  const rows = await store.db
    .selectFrom('plan_reviews')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('plan_id', '=', plan.id)
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    month: r.month,
    planVersion: r.plan_version,
    review: JSON.parse(r.result) as MonthlyReview,
    decisions: JSON.parse(r.decisions) as string[],
    author: r.author,
    createdAt: r.created_at,
  }));
}

export interface KpiTrackPoint {
  month: string;
  /** Expected monthly value from the forecast curve. */
  expected: number | null;
  /** Measured (or entered) value; null for months not started yet. */
  actual: number | null;
  status: KpiStatus;
}

/** The KPI `kpiId` of a plan, or a ValidationError naming it. */
export function planKpi(plan: PlanView, kpiId: string): Kpi {
  const kpi = plan.document.kpis.find((k) => k.id === kpiId);
  if (!kpi) throw new ValidationError(`kpi: no KPI "${kpiId}" in plan "${plan.name}"`);
  return kpi;
}

/** The expected path of a KPI month by month, from the plan's start (default) over a year (default). */
export async function kpiCurve(store: Store, workspaceId: number, planRef: number | string, kpiId: string, fromMonth?: string, toMonth?: string): Promise<CurvePoint[]> {
  const plan = await getPlan(store, workspaceId, planRef);
  const kpi = planKpi(plan, kpiId);
  const from = fromMonth ?? plan.document.startsOn.slice(0, 7);
  const to = toMonth ?? monthName(monthIndex(from) + 11);
  if (monthIndex(to) < monthIndex(from) || monthIndex(to) - monthIndex(from) > 60) throw new ValidationError('to: expected 0 to 60 months after from');
  return forecastCurve(kpi, from, to, 1);
}

/** Records a value of a user-entered KPI (followers, entered) of a plan. */
export async function enterKpiValue(store: Store, workspaceId: number, planRef: number | string, kpiId: string, value: number, measuredAt: number, author: string, now = Date.now()) {
  const plan = await getPlan(store, workspaceId, planRef);
  planKpi(plan, kpiId);
  await addKpiEntry(store, workspaceId, plan.id, kpiId, value, measuredAt, author, now);
  return { kpi: kpiId, value, measuredAt };
}

/** One KPI month by month, expected next to actual: what a plan-vs-actual chart draws. */
export async function kpiTrack(
  store: Store,
  workspaceId: number,
  planRef: number | string,
  kpiId: string,
  fromMonth: string,
  toMonth: string,
  now = Date.now(),
): Promise<{ kpi: Kpi; points: KpiTrackPoint[] }> {
  const plan = await getPlan(store, workspaceId, planRef);
  const kpi = planKpi(plan, kpiId);
  const first = monthIndex(fromMonth);
  const last = monthIndex(toMonth);
  if (last < first || last - first > 60) throw new ValidationError('to: expected 1 to 60 months after from');
  const points: KpiTrackPoint[] = [];
  for (let i = first; i <= last; i++) {
    const month = monthName(i);
    const { from, to } = monthRange(month);
    const expected = expectedForMonth(kpi, month);
    // Months not over yet are left empty: a partial month would always look behind.
    const actual = to <= now ? await actualFor(store, workspaceId, plan.id, kpi, { from, to }) : null;
    points.push({ month, expected, actual, status: to <= now ? kpiStatus(kpi, expected, actual) : 'no data' });
  }
  return { kpi, points };
}

/** Plans whose review of last month is not recorded yet: what the monthly checklist shows as due. */
export async function reviewsDue(store: Store, workspaceId: number, now = Date.now()): Promise<{ planId: number; name: string; month: string }[]> {
  const month = previousMonth(now);
  const plans = await store.db
    .selectFrom('plans')
    .select(['id', 'name'])
    .where('workspace_id', '=', workspaceId)
    .where('created_at', '<', monthRange(month).to)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('plan_reviews').select('plan_reviews.id').whereRef('plan_reviews.plan_id', '=', 'plans.id').where('plan_reviews.month', '=', month))))
    .orderBy('id')
    .execute();
  return plans.map((p) => ({ planId: p.id, name: p.name, month }));
}

/** The month before the one containing `now`: what a scheduled review looks at. */
export function previousMonth(now: number): string {
  return monthName(monthIndex(new Date(now).toISOString().slice(0, 7)) - 1);
}

