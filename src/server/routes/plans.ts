/**
 * Plans (src/plan/): versioned strategy documents, their changes and history, the
 * monthly plan-vs-actual review, the editorial calendar, and JSON/YAML export.
 */
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { getUser } from '../../accounts/users.ts';
import { listCalendar } from '../../plan/calendar.ts';
import { PlanChangeSchema, PlanDocumentSchema } from '../../plan/plan-schema.ts';
import { changePlan, createPlan, getPlan, listPlans, planDiff, planHistory } from '../../plan/plans.ts';
import { enterKpiValue, kpiCurve, kpiTrack, listReviews, monthlyReview, recordReview, reviewsDue, ReviewInputSchema } from '../../plan/review.ts';
import { exportPlan, importPlan } from '../../plan/transfer.ts';
import { toEpoch } from '../../core/validation.ts';
import { callerOf, workspaceOf } from '../access.ts';
import { ErrorResponse, HttpError } from '../errors.ts';
import { DayOrTime, IdParam, IsoDate, libraryItems, libraryResult, WorkspaceParams } from '../schemas.ts';

const PlanParams = WorkspaceParams.extend({ id: IdParam });
const KpiParams = PlanParams.extend({ kpi: z.string().min(1).max(200) });
const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'expected YYYY-MM');
const MonthSpan = z.object({ from: Month.optional(), to: Month.optional() });

export const planRoutes: FastifyPluginAsyncZod = async (app) => {
  const store = app.store;
  const tags = ['plan'];
  const author = async (request: FastifyRequest) => (await getUser(store, callerOf(request).userId)).email;
  const latestPlanId = async (workspaceId: number) => {
    const [latest] = (await listPlans(store, workspaceId)).sort((a, b) => b.updatedAt - a.updatedAt);
    if (!latest) throw new HttpError(404, 'no plan in this workspace yet');
    return latest.id;
  };

  app.get(
    '/workspaces/:ws/plans',
    { config: { access: 'viewer' }, schema: { tags, summary: 'Plans with their current version', params: WorkspaceParams, response: { 200: libraryItems('{ id, name, version, updatedAt }[]') } } },
    async (request) => ({ items: await listPlans(store, workspaceOf(request).id) }),
  );

  app.get(
    '/workspaces/:ws/plan',
    { config: { access: 'viewer' }, schema: { tags, summary: 'The most recently updated plan (what the dashboard shows)', params: WorkspaceParams, response: { 200: libraryResult('PlanView', 'PlanView from src/plan/plans.ts'), 404: ErrorResponse } } },
    async (request) => {
      const ws = workspaceOf(request);
      return getPlan(store, ws.id, await latestPlanId(ws.id));
    },
  );

  app.get(
    '/workspaces/:ws/plan/review',
    { config: { access: 'viewer' }, schema: { tags, summary: 'Monthly review of the most recently updated plan', params: WorkspaceParams, querystring: z.object({ month: Month }), response: { 200: libraryResult('LatestPlanReview', 'MonthlyReview from src/plan/review.ts'), 404: ErrorResponse } } },
    async (request) => {
      const ws = workspaceOf(request);
      return monthlyReview(store, ws.id, await latestPlanId(ws.id), request.query.month);
    },
  );

  app.post(
    '/workspaces/:ws/plans',
    { config: { access: 'editor' }, schema: { tags, summary: 'Create a plan (version 1)', params: WorkspaceParams, body: PlanDocumentSchema, response: { 201: libraryResult('CreatedPlan', 'PlanView'), 400: ErrorResponse } } },
    async (request, reply) => reply.code(201).send(await createPlan(store, workspaceOf(request).id, request.body, await author(request))),
  );

  app.get(
    '/workspaces/:ws/plans/:id',
    {
      config: { access: 'viewer' },
      schema: { tags, summary: 'A plan, at its current or a given version', params: PlanParams, querystring: z.object({ version: z.coerce.number().int().positive().optional() }), response: { 200: libraryResult('PlanAtVersion', 'PlanView'), 404: ErrorResponse } },
    },
    async (request) => getPlan(store, workspaceOf(request).id, request.params.id, request.query.version),
  );

  app.post(
    '/workspaces/:ws/plans/:id/changes',
    {
      config: { access: 'editor' },
      schema: { tags, summary: 'Change a plan: a new version, the previous one kept', params: PlanParams, body: z.object({ change: PlanChangeSchema, note: z.string().max(2000).optional() }), response: { 200: libraryResult('ChangedPlan', 'PlanView'), 400: ErrorResponse, 404: ErrorResponse } },
    },
    async (request) => changePlan(store, workspaceOf(request).id, request.params.id, request.body.change, await author(request), Date.now(), request.body.note),
  );

  app.get(
    '/workspaces/:ws/plans/:id/history',
    { config: { access: 'viewer' }, schema: { tags, summary: 'Every version: who changed what, when', params: PlanParams, response: { 200: libraryItems('PlanVersionInfo[]'), 404: ErrorResponse } } },
    async (request) => ({ items: await planHistory(store, workspaceOf(request).id, request.params.id) }),
  );

  app.get(
    '/workspaces/:ws/plans/:id/diff',
    {
      config: { access: 'viewer' },
      schema: { tags, summary: 'What changed between two versions, field by field', params: PlanParams, querystring: z.object({ from: z.coerce.number().int().positive(), to: z.coerce.number().int().positive().optional() }), response: { 200: libraryResult('PlanDiff', '{ from, to, changes: PlanDifference[] } from src/plan/diff.ts'), 404: ErrorResponse } },
    },
    async (request) => planDiff(store, workspaceOf(request).id, request.params.id, request.query.from, request.query.to),
  );

  app.get(
    '/workspaces/:ws/plans/:id/kpis/:kpi/curve',
    { config: { access: 'viewer' }, schema: { tags, summary: 'The expected path of a KPI drawn through its targets or sketch, month by month', params: KpiParams, querystring: MonthSpan, response: { 200: libraryItems('CurvePoint[] from src/plan/forecast.ts'), 400: ErrorResponse, 404: ErrorResponse } } },
    async (request) => ({ items: await kpiCurve(store, workspaceOf(request).id, request.params.id, request.params.kpi, request.query.from, request.query.to) }),
  );

  app.get(
    '/workspaces/:ws/plans/:id/kpis/:kpi/track',
    { config: { access: 'viewer' }, schema: { tags, summary: 'A KPI month by month: expected next to actual', params: KpiParams, querystring: MonthSpan.required(), response: { 200: libraryResult('KpiTrack', '{ kpi, points: KpiTrackPoint[] } from src/plan/review.ts'), 400: ErrorResponse, 404: ErrorResponse } } },
    async (request) => kpiTrack(store, workspaceOf(request).id, request.params.id, request.params.kpi, request.query.from, request.query.to),
  );

  app.post(
    '/workspaces/:ws/plans/:id/kpis/:kpi/entries',
    { config: { access: 'editor' }, schema: { tags, summary: 'Enter a value of a user-entered KPI (followers, entered)', params: KpiParams, body: z.object({ value: z.number().finite(), on: DayOrTime.optional().describe('when it was measured (default now)') }), response: { 201: libraryResult('KpiEntry', '{ kpi, value, measuredAt }'), 400: ErrorResponse, 404: ErrorResponse } } },
    async (request, reply) => {
      const { value, on } = request.body;
      const entry = await enterKpiValue(store, workspaceOf(request).id, request.params.id, request.params.kpi, value, on ? toEpoch(on) : Date.now(), await author(request));
      return reply.code(201).send(entry);
    },
  );

  app.post(
    '/workspaces/:ws/plans/import',
    { config: { access: 'editor' }, schema: { tags, summary: 'Import a plan file (JSON or YAML, as exported); a plan of that name gets a new version', params: WorkspaceParams, body: z.object({ text: z.string().min(1).max(2_000_000), format: z.enum(['json', 'yaml']) }), response: { 200: libraryResult('ImportedPlan', 'ImportedPlan from src/plan/transfer.ts'), 400: ErrorResponse } } },
    async (request) => importPlan(store, workspaceOf(request).id, request.body.text, request.body.format, await author(request)),
  );

  app.get(
    '/workspaces/:ws/plans/reviews-due',
    { config: { access: 'viewer' }, schema: { tags, summary: "Plans whose last month's review is not recorded yet", params: WorkspaceParams, response: { 200: libraryItems('{ planId, name, month }[]') } } },
    async (request) => ({ items: await reviewsDue(store, workspaceOf(request).id) }),
  );

  app.get(
    '/workspaces/:ws/plans/:id/review',
    { config: { access: 'viewer' }, schema: { tags, summary: 'Monthly review: every KPI plan-vs-actual, tasks done and late per person', params: PlanParams, querystring: z.object({ month: Month }), response: { 200: libraryResult('MonthlyReview', 'MonthlyReview from src/plan/review.ts'), 404: ErrorResponse } } },
    async (request) => monthlyReview(store, workspaceOf(request).id, request.params.id, request.query.month),
  );

  app.get(
    '/workspaces/:ws/plans/:id/reviews',
    { config: { access: 'viewer' }, schema: { tags, summary: 'Recorded reviews and their decisions', params: PlanParams, response: { 200: libraryItems('RecordedReview[]'), 404: ErrorResponse } } },
    async (request) => ({ items: await listReviews(store, workspaceOf(request).id, request.params.id) }),
  );

  app.post(
    '/workspaces/:ws/plans/:id/reviews',
    { config: { access: 'editor' }, schema: { tags, summary: 'Record a monthly review with its decisions and plan revisions', params: PlanParams, body: ReviewInputSchema, response: { 201: libraryResult('RecordedReview', 'RecordedReview'), 400: ErrorResponse, 404: ErrorResponse } } },
    async (request, reply) => reply.code(201).send(await recordReview(store, workspaceOf(request).id, request.params.id, request.body, await author(request))),
  );

  app.get(
    '/workspaces/:ws/plans/:id/export',
    { config: { access: 'viewer' }, schema: { tags, summary: 'The whole plan and its calendar as a JSON or YAML file', params: PlanParams, querystring: z.object({ format: z.enum(['json', 'yaml']).default('json') }) } },
    async (request, reply) => {
      const { format } = request.query;
      const text = await exportPlan(store, workspaceOf(request).id, request.params.id, format);
      return reply
        .type(format === 'json' ? 'application/json; charset=utf-8' : 'application/yaml; charset=utf-8')
        .header('content-disposition', `attachment; filename="plan-${request.params.id}.${format}"`)
        .send(text);
    },
  );

  app.get(
    '/workspaces/:ws/calendar',
    {
      config: { access: 'viewer' },
      schema: {
        tags,
        summary: 'Editorial calendar; overdue items flagged',
        params: WorkspaceParams,
        querystring: z.object({ plan: z.coerce.number().int().positive().optional(), channel: z.string().max(50).optional(), from: IsoDate.optional(), to: IsoDate.optional(), overdue: z.enum(['true', 'false']).optional() }),
        response: { 200: libraryItems('CalendarItem[] from src/plan/calendar.ts') },
      },
    },
    async (request) => {
      const q = request.query;
      return {
        items: await listCalendar(store, workspaceOf(request).id, {
          ...(q.plan !== undefined ? { planId: q.plan } : {}),
          ...(q.channel ? { channel: q.channel } : {}),
          ...(q.from ? { from: Date.parse(q.from) } : {}),
          ...(q.to ? { to: Date.parse(q.to) } : {}),
          overdueOnly: q.overdue === 'true',
        }),
      };
    },
  );
};
