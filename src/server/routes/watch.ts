/**
 * Watch: the analytics of src/watch/loaders.ts over HTTP, per topic and period. The
 * answers are the loaders' own results (epoch-ms numbers as the watch types have them);
 * their shapes are documented by those types, so the schemas here stay open.
 */
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { resolveTopic } from '../../listen/topics.ts';
import type { Store } from '../../store/store.ts';
import { describeUnfinishedLoad, unfinishedLoads } from '../../store/unfinished-loads.ts';
import {
  loadActivation,
  loadAdvocacy,
  loadBaseline,
  loadCampaignShape,
  loadCrisis,
  loadInfluencers,
  loadShareOfVoice,
  loadSpikeReport,
  loadTopContent,
} from '../../watch/loaders.ts';
import type { SentAlert } from '../../watch/alerts/evaluate.ts';
import { loadSeries } from '../../watch/read/index.ts';
import { maskSentChannel } from './alerts.ts';
import { addDays, localDaysInterval } from '../../watch/time.ts';
import { getUser } from '../../accounts/users.ts';
import { checkHourlySpan, workspaceTimeZone } from '../../watch/params.ts';
import { dismissCrisisItem, restoreCrisisItem } from '../../watch/dismissals.ts';
import { callerOf, workspaceOf } from '../access.ts';
import { ErrorResponse, HttpError } from '../errors.ts';
import { RollupGate } from '../rollup-gate.ts';
import { libraryItems, libraryResult, NoContent, WorkspaceParams } from '../schemas.ts';
import { inQuerystring, Limit, PeriodQuery, periodOf, TopicDayQuery, TopicPeriodQuery, TopicRef, yesterdayIn, type Period } from '../watch-params.ts';

/** The median of each local hour of day over a history of hourly buckets. */
export function medianByHour(buckets: { hour: number; mentions: number }[]): number[] {
  const byHour: number[][] = Array.from({ length: 24 }, () => []);
  for (const b of buckets) byHour[b.hour]?.push(b.mentions);
  return byHour.map((values) => {
    if (values.length === 0) return 0;
    const sorted = values.sort((a, b) => a - b);
    const mid = sorted.length >> 1;
    return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  });
}

/** Alerts sent during a day, shaped as src/watch's SentAlert; webhook URLs masked (the answer is shared by every role). */
async function alertsOn(store: Store, workspaceId: number, from: number, to: number): Promise<SentAlert[]> {
  const rows = await store.db
    .selectFrom('watch_alerts_sent')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('sent_at', '>=', from)
    .where('sent_at', '<', to)
    .orderBy('sent_at', 'desc')
    .limit(50)
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    ruleId: Number(r.rule_id),
    dedupeKey: r.dedupe_key,
    channel: maskSentChannel(r.channel),
    status: r.status,
    error: r.error,
    title: r.title,
    sentAt: Number(r.sent_at),
  }));
}

export const watchRoutes: FastifyPluginAsyncZod = async (app) => {
  const store = app.store;
  const viewer = { access: 'viewer' as const };
  const tags = ['watch'];
  const gate = new RollupGate(store);
  // A refresh still catching up with an import stops between two of its chunks (each whole).
  app.addHook('onClose', async () => gate.close());
  // Answers are cached per request URL, the days it resolved to (a defaulted period moves
  // at midnight) and the rollup watermark they were read at, until the workspace's data
  // changes. The gate refreshes the rollup or, while a refresh runs, lets the answer come
  // from the last consistent one (see rollup-gate.ts).
  const answer = async <T>(request: FastifyRequest, days: Period | string, compute: () => Promise<T>): Promise<T> => {
    const ws = workspaceOf(request);
    const watermark = await gate.refresh(ws.id);
    // The zone too: a request without `tz` is answered in the workspace's, which a restart may change.
    const key = `${request.url}\u0000${typeof days === 'string' ? days : `${days.first}/${days.last}`}\u0000${workspaceTimeZone()}\u0000${watermark}`;
    return app.answers.get(ws.id, key, () => gate.read(compute));
  };
  // An id or a name; a topic of another workspace is answered as missing, before any analytic runs.
  const topicOf = async (workspaceId: number, ref: string | undefined) => (await resolveTopic(store, workspaceId, ref)).id;
  const dayOf = (q: { date?: string; tz: string }) => q.date ?? yesterdayIn(q.tz);

  app.get(
    '/workspaces/:ws/watch/overview',
    {
      config: viewer,
      schema: {
        tags,
        summary: 'One day of a topic: KPIs against a normal day, hourly volume against the usual hour, crisis scan, alerts sent',
        params: WorkspaceParams,
        querystring: TopicDayQuery,
        response: {
          200: libraryResult(
            'Overview',
            '{ date, kpis: KpiComparison[], notSureShare: number | null (the day\'s not-sure share, beside net sentiment), hourly: SeriesBucket[], normalHourly: number[24], crisis: CrisisItem[] (top 3, last 7 days), alerts, warnings: string[] (a demo or first import that did not finish: the data is incomplete) }',
          ),
          404: ErrorResponse,
        },
      },
    },
    async (request) => {
      const ws = workspaceOf(request);
      const { tz } = request.query;
      const date = dayOf(request.query);
      const history = localDaysInterval(addDays(date, -28), addDays(date, -1), tz);
      const day = localDaysInterval(date, date, tz);
      // Outside the cached answer: finishing a load clears its marker without writing a mention.
      const warnings = (await unfinishedLoads(store, ws.id)).map(describeUnfinishedLoad);
      const overview = await answer(request, date, async () => {
        const topic = await topicOf(ws.id, request.query.topic);
        const [baseline, hourly, past, crisis, alerts] = await Promise.all([
          loadBaseline(store, ws.id, { topicId: topic, date, timeZone: tz }),
          loadSeries(store, ws.id, { topicId: topic, interval: day, timeZone: tz, granularity: 'hour' }),
          loadSeries(store, ws.id, { topicId: topic, interval: history, timeZone: tz, granularity: 'hour' }),
          loadCrisis(store, ws.id, { topicId: topic, first: addDays(date, -6), last: date, timeZone: tz }),
          alertsOn(store, ws.id, day.from, day.to),
        ]);
        return { date, kpis: baseline.kpis, notSureShare: baseline.notSureShare, hourly, normalHourly: medianByHour(past), crisis: crisis.slice(0, 3), alerts };
      });
      return { ...overview, warnings };
    },
  );

  app.get(
    '/workspaces/:ws/watch/baseline',
    {
      config: viewer,
      schema: { tags, summary: 'A day against the 28 days before it (KPI baseline)', params: WorkspaceParams, querystring: TopicDayQuery, response: { 200: libraryResult('DayBaseline', 'DayBaseline from src/watch/loaders.ts'), 404: ErrorResponse } },
    },
    async (request) => {
      const ws = workspaceOf(request);
      const date = dayOf(request.query);
      return answer(request, date, async () => loadBaseline(store, ws.id, { topicId: await topicOf(ws.id, request.query.topic), date, timeZone: request.query.tz }));
    },
  );

  app.get(
    '/workspaces/:ws/watch/series',
    {
      config: viewer,
      schema: {
        tags,
        summary: 'Volume and sentiment over time, hourly or daily, optionally for one source or language',
        params: WorkspaceParams,
        querystring: TopicPeriodQuery.extend({ granularity: z.enum(['hour', 'day']).default('day'), source: z.string().max(40).optional(), lang: z.string().max(10).optional() }),
        response: { 200: libraryItems('SeriesBucket[] from src/watch/series.ts', 'Series'), 404: ErrorResponse },
      },
    },
    async (request) => {
      const ws = workspaceOf(request);
      const q = request.query;
      const topicId = await topicOf(ws.id, q.topic);
      const p = periodOf(q, 30);
      if (q.granularity === 'hour') inQuerystring(() => checkHourlySpan(p));
      return answer(request, p, async () => ({
        items: await loadSeries(store, ws.id, {
        topicId,
        interval: localDaysInterval(p.first, p.last, p.timeZone),
        timeZone: p.timeZone,
        granularity: q.granularity,
        ...(q.source ? { source: q.source } : {}),
        ...(q.lang ? { lang: q.lang } : {}),
        }),
      }));
    },
  );

  app.get(
    '/workspaces/:ws/watch/spikes',
    {
      config: viewer,
      schema: {
        tags,
        summary: 'Spikes (rises and drops) with their root cause and top posts',
        params: WorkspaceParams,
        querystring: TopicPeriodQuery.extend({ metric: z.enum(['mentions', 'negative']).default('mentions'), granularity: z.enum(['hour', 'day']).default('day') }),
        response: { 200: libraryResult('SpikesAnswer', '{ series: SeriesBucket[], history: HistoryState, items: ExplainedSpike[] }'), 404: ErrorResponse },
      },
    },
    async (request) => {
      const ws = workspaceOf(request);
      const p = periodOf(request.query, 30);
      return answer(request, p, async () => {
        const q = { ...p, topicId: await topicOf(ws.id, request.query.topic), metric: request.query.metric, granularity: request.query.granularity };
        const { series, history, items } = await loadSpikeReport(store, ws.id, q);
        return { series, history, items };
      });
    },
  );

  const DismissalTarget = z.object({ topic: TopicRef, key: z.string().min(1).max(60).describe('The item\'s key as the crisis scan lists it (spike:day:<ms>, post:<id>)') });
  app.post(
    '/workspaces/:ws/watch/crisis/dismissals',
    {
      config: { access: 'editor' },
      schema: { tags, summary: 'Dismiss a crisis item for a topic, with the reason kept (who and when are recorded)', params: WorkspaceParams, body: DismissalTarget.extend({ reason: z.string().min(1).max(500) }), response: { 201: libraryResult('Dismissal', 'Dismissal from src/watch/dismissals.ts'), 400: ErrorResponse, 404: ErrorResponse } },
    },
    async (request, reply) => {
      const ws = workspaceOf(request);
      const user = await getUser(store, callerOf(request).userId);
      const dismissal = await dismissCrisisItem(store, ws.id, { topicId: await topicOf(ws.id, request.body.topic), key: request.body.key, reason: request.body.reason, by: user.email });
      return reply.code(201).send(dismissal);
    },
  );

  app.delete(
    '/workspaces/:ws/watch/crisis/dismissals',
    {
      config: { access: 'editor' },
      schema: { tags, summary: 'Bring back a dismissed crisis item', params: WorkspaceParams, querystring: DismissalTarget, response: { 204: NoContent, 404: ErrorResponse } },
    },
    async (request, reply) => {
      const ws = workspaceOf(request);
      const restored = await restoreCrisisItem(store, ws.id, await topicOf(ws.id, request.query.topic), request.query.key);
      if (!restored) throw new HttpError(404, `${request.query.key} is not dismissed for this topic`);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/workspaces/:ws/watch/crisis',
    {
      config: viewer,
      schema: { tags, summary: 'Crisis scan: negative spikes and high-reach negative posts, ranked, with evidence', params: WorkspaceParams, querystring: TopicPeriodQuery, response: { 200: libraryItems('CrisisItem[] from src/watch/crisis.ts', 'CrisisItems'), 404: ErrorResponse } },
    },
    async (request) => {
      const ws = workspaceOf(request);
      const p = periodOf(request.query, 7);
      return answer(request, p, async () => ({ items: await loadCrisis(store, ws.id, { ...p, topicId: await topicOf(ws.id, request.query.topic) }) }));
    },
  );

  app.get(
    '/workspaces/:ws/watch/advocacy',
    {
      config: viewer,
      schema: { tags, summary: 'Advocates and detractors with their channels and posts', params: WorkspaceParams, querystring: TopicPeriodQuery.extend({ limit: Limit }), response: { 200: libraryResult('Advocacy', 'AdvocacyResult & { posts } from src/watch/loaders.ts'), 404: ErrorResponse } },
    },
    async (request) => {
      const ws = workspaceOf(request);
      const p = periodOf(request.query, 30);
      return answer(request, p, async () => loadAdvocacy(store, ws.id, { ...p, topicId: await topicOf(ws.id, request.query.topic), limit: request.query.limit }));
    },
  );

  app.get(
    '/workspaces/:ws/watch/influencers',
    {
      config: viewer,
      schema: { tags, summary: 'Authors ranked by reach and engagement on the topic', params: WorkspaceParams, querystring: TopicPeriodQuery.extend({ limit: Limit }), response: { 200: libraryItems('Influencer[] from src/watch/influencers.ts', 'Influencers'), 404: ErrorResponse } },
    },
    async (request) => {
      const ws = workspaceOf(request);
      const p = periodOf(request.query, 30);
      return answer(request, p, async () => ({ items: await loadInfluencers(store, ws.id, { ...p, topicId: await topicOf(ws.id, request.query.topic), limit: request.query.limit }) }));
    },
  );

  app.get(
    '/workspaces/:ws/watch/top-content',
    {
      config: viewer,
      schema: { tags, summary: 'Original posts ranked by engagement', params: WorkspaceParams, querystring: TopicPeriodQuery.extend({ limit: Limit }), response: { 200: libraryItems('TopPost[] from src/watch/top-content.ts', 'TopContent'), 404: ErrorResponse } },
    },
    async (request) => {
      const ws = workspaceOf(request);
      const p = periodOf(request.query, 30);
      return answer(request, p, async () => ({ items: await loadTopContent(store, ws.id, { ...p, topicId: await topicOf(ws.id, request.query.topic), limit: request.query.limit }) }));
    },
  );

  app.get(
    '/workspaces/:ws/watch/activation',
    {
      config: viewer,
      schema: { tags, summary: 'Hashtags, links and videos of the week holding `date` against the week before', params: WorkspaceParams, querystring: TopicDayQuery, response: { 200: libraryResult('Activation', 'Activation from src/watch/loaders.ts'), 404: ErrorResponse } },
    },
    async (request) => {
      const ws = workspaceOf(request);
      const date = dayOf(request.query);
      return answer(request, date, async () => loadActivation(store, ws.id, { topicId: await topicOf(ws.id, request.query.topic), date, timeZone: request.query.tz }));
    },
  );

  app.get(
    '/workspaces/:ws/watch/share-of-voice',
    {
      config: viewer,
      schema: {
        tags,
        summary: 'Share of voice and reach of brand vs competitor topics, per channel and language, over time',
        params: WorkspaceParams,
        querystring: PeriodQuery.extend({
          every: z.enum(['day', 'week']).default('week'),
          topics: z.string().max(2000).optional().describe('Comma-separated topic ids or names (default: every brand and competitor topic)'),
        }),
        response: { 200: libraryResult('ShareOfVoiceAnswer', 'ShareOfVoice & { topics } from src/watch/loaders.ts') },
      },
    },
    async (request) => {
      const ws = workspaceOf(request);
      const p = periodOf(request.query, 30);
      const refs = request.query.topics?.split(',').map((ref) => ref.trim()).filter(Boolean);
      return answer(request, p, async () => {
        const topicIds = refs && (await Promise.all(refs.map((ref) => topicOf(ws.id, ref))));
        return loadShareOfVoice(store, ws.id, { ...p, every: request.query.every, ...(topicIds?.length ? { topicIds } : {}) });
      });
    },
  );

  app.get(
    '/workspaces/:ws/watch/campaign-shape',
    {
      config: viewer,
      schema: {
        tags,
        summary: 'Shape of a campaign (topic or hashtag): sustained growth, steady, or burst-and-die, with half-life',
        params: WorkspaceParams,
        querystring: TopicPeriodQuery.extend({ hashtag: z.string().min(1).max(100).optional().describe('A campaign hashtag instead of a topic') })
          .refine((q) => q.topic === undefined || q.hashtag === undefined, { message: 'give a topic or a hashtag, not both', path: ['topic'] }),
        response: { 200: libraryResult('CampaignCurve', 'CampaignCurve from src/watch/loaders.ts'), 404: ErrorResponse },
      },
    },
    async (request) => {
      const ws = workspaceOf(request);
      const q = request.query;
      const p = periodOf(q, 90);
      return answer(request, p, async () => loadCampaignShape(store, ws.id, { ...p, ...(q.hashtag !== undefined ? { hashtag: q.hashtag } : { topicId: await topicOf(ws.id, q.topic) }) }));
    },
  );
};
