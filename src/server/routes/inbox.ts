/**
 * The inbox over HTTP: the views (all, mine, unassigned, needs-reply, sentiment-check) and triage of one
 * or many mentions at once. Viewers read; changing anything needs the editor role.
 */
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { TagFilter } from '../../core/tag-filter.ts';
import { INBOX_VIEWS, listInbox, MAX_INBOX_LIMIT } from '../../inbox/inbox-list.ts';
import { InboxError, MAX_NOTES_CHARS, MAX_TRIAGE_BATCH, TRIAGE_STATES, checkMentionIds, getTriages, triageHistory, untriaged, updateTriage, type Triage, type TriageEvent } from '../../inbox/triage.ts';
import { correctSentiment } from '../../inbox/corrections.ts';
import { correctionsExport, EXPORT_FORMATS } from '../../inbox/corrections-export.ts';
import { resolveTopic } from '../../listen/topics.ts';
import { Readable } from 'node:stream';
import { getMentionsByIds } from '../../store/mentions.ts';
import type { Store } from '../../store/store.ts';
import { callerOf, workspaceOf } from '../access.ts';
import { ErrorResponse, HttpError } from '../errors.ts';
import { IdParam, MentionSchema, SentimentLabel, toApiMention, WorkspaceParams } from '../schemas.ts';
import { TopicRef } from '../watch-params.ts';

export const TriageState = z.enum(TRIAGE_STATES).meta({ id: 'TriageState' });

export const TriageSchema = z
  .object({
    mentionId: z.number().int(),
    state: TriageState,
    assigneeId: z.number().int().nullable(),
    notes: z.string(),
    updatedAt: z.string().nullable(),
    updatedBy: z.number().int().nullable(),
  })
  .meta({ id: 'Triage' });

const TriageEventSchema = z
  .object({ userId: z.number().int().nullable(), field: z.string(), from: z.string().nullable(), to: z.string().nullable(), at: z.string() })
  .meta({ id: 'TriageEvent' });

export const toApiTriage = (t: Triage): z.infer<typeof TriageSchema> => ({ ...t, updatedAt: t.updatedAt?.toISOString() ?? null });
const toApiEvent = (e: TriageEvent): z.infer<typeof TriageEventSchema> => ({ userId: e.userId, field: e.field, from: e.from, to: e.to, at: e.at.toISOString() });

/** Which view of the inbox, filtered how: the same for its pages and its export. */
export const InboxViewQuery = z.object({
  view: z.enum(INBOX_VIEWS).default('all').describe('all | mine (assigned to you) | unassigned | needs-reply | sentiment-check (the model is not sure of the sentiment)'),
  state: z.array(TriageState).or(TriageState.transform((s) => [s])).optional().describe('Only these states (repeat the parameter); default: all for "all", new and in_progress otherwise'),
  assignee: IdParam.optional().describe('Only mentions assigned to this member (user id)'),
  topic: TopicRef.describe('Only mentions of this topic: id or name'),
  tag: TagFilter,
});

/** The view's options for listInbox, as the caller asked (topic resolved, "mine" is the caller). */
export async function inboxViewOf(store: Store, request: FastifyRequest, query: z.infer<typeof InboxViewQuery>) {
  const { view, state, assignee, topic, tag } = query;
  const topicId = topic === undefined ? undefined : (await resolveTopic(store, workspaceOf(request).id, topic)).id;
  return { view, states: state, assigneeId: assignee, topicId, tag, userId: callerOf(request).userId };
}

/** Ids of one bulk call: capped, so one request is one bounded transaction. */
export const MentionIds = z.array(IdParam).min(1).max(MAX_TRIAGE_BATCH, `at most ${MAX_TRIAGE_BATCH} mentions per request`);

/** The inbox's own errors as HTTP answers: bad input 400, a mention or member not here 404. */
export async function asHttp<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof InboxError) throw new HttpError(error.kind === 'notFound' ? 404 : 400, error.message);
    throw error;
  }
}

export const inboxRoutes: FastifyPluginAsyncZod = async (app) => {
  const store = app.store;

  app.get(
    '/workspaces/:ws/inbox',
    {
      config: { access: 'viewer' },
      schema: {
        tags: ['inbox'],
        summary: 'A view of the inbox with each mention’s triage and the exact total; "needs-reply" is ranked by reply priority (docs/inbox.md), "sentiment-check" holds the mentions whose sentiment the model is not sure of, least sure first (docs/figures.md)',
        params: WorkspaceParams,
        querystring: InboxViewQuery.extend({
          limit: z.coerce.number().int().min(1).max(MAX_INBOX_LIMIT).default(50),
          offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
        }),
        response: {
          200: z
            .object({
              items: z.array(
                z.object({
                  mention: MentionSchema,
                  triage: TriageSchema,
                  tags: z.array(z.object({ tag: z.string(), ruleId: z.number().int().nullable().describe('The rule that put it; null by hand') })),
                  priority: z.number().int().nullable(),
                }),
              ),
              total: z.number().int(),
            })
            .meta({ id: 'InboxPage' }),
          400: ErrorResponse,
        },
      },
    },
    async (request) => {
      const ws = workspaceOf(request);
      const { limit, offset } = request.query;
      const options = await inboxViewOf(store, request, request.query);
      const page = await asHttp(() => listInbox(store, ws.id, { ...options, limit, offset }));
      return { total: page.total, items: page.items.map((i) => ({ mention: toApiMention(i.mention), triage: toApiTriage(i.triage), tags: i.tags, priority: i.priority })) };
    },
  );

  app.get(
    '/workspaces/:ws/inbox/:id',
    {
      config: { access: 'viewer' },
      schema: {
        tags: ['inbox'],
        summary: 'One mention with its triage and the history of who changed what',
        params: WorkspaceParams.extend({ id: IdParam }),
        response: { 200: z.object({ mention: MentionSchema, triage: TriageSchema, history: z.array(TriageEventSchema) }).meta({ id: 'InboxMention' }), 404: ErrorResponse },
      },
    },
    async (request) => {
      const ws = workspaceOf(request);
      const id = request.params.id;
      await asHttp(() => checkMentionIds(store.db, ws.id, [id]));
      const [[mention], triages, history] = await Promise.all([getMentionsByIds(store, [id]), getTriages(store.db, [id]), triageHistory(store, ws.id, id)]);
      return { mention: toApiMention(mention!), triage: toApiTriage(triages.get(id) ?? untriaged(id)), history: history.map(toApiEvent) };
    },
  );

  app.post(
    '/workspaces/:ws/inbox/triage',
    {
      config: { access: 'editor' },
      schema: {
        tags: ['inbox'],
        summary: `Set the state, assignee and/or notes of one or many mentions (at most ${MAX_TRIAGE_BATCH}); all or none`,
        params: WorkspaceParams,
        body: z
          .object({
            ids: MentionIds,
            state: TriageState.optional(),
            assigneeId: z.number().int().positive().nullable().optional().describe('A member’s user id; null unassigns'),
            notes: z.string().max(MAX_NOTES_CHARS).optional(),
          })
          .refine((b) => b.state !== undefined || b.assigneeId !== undefined || b.notes !== undefined, { message: 'give a state, an assigneeId or notes' }),
        response: { 200: z.object({ items: z.array(TriageSchema) }), 400: ErrorResponse, 404: ErrorResponse },
      },
    },
    async (request) => {
      const ws = workspaceOf(request);
      const { ids, ...change } = request.body;
      const items = await asHttp(() => updateTriage(store, ws.id, ids, change, callerOf(request).userId, Date.now()));
      request.log.info({ workspace: ws.slug, userId: callerOf(request).userId, mentions: items.length }, 'triage changed');
      return { items: items.map(toApiTriage) };
    },
  );

  app.post(
    '/workspaces/:ws/inbox/sentiment',
    {
      config: { access: 'editor' },
      schema: {
        tags: ['inbox'],
        summary: `Correct the sentiment of one or many mentions (at most ${MAX_TRIAGE_BATCH}): it wins everywhere at once and re-enrichment or a re-import never overwrites it`,
        params: WorkspaceParams,
        body: z.object({ ids: MentionIds, label: SentimentLabel }),
        response: {
          200: z.object({
            items: z.array(
              z.object({
                mentionId: z.number().int(),
                label: SentimentLabel,
                originalLabel: SentimentLabel.nullable().describe('What the model said before the first correction'),
                previousLabel: SentimentLabel.nullable(),
                userId: z.number().int().nullable(),
                at: z.string(),
              }),
            ),
          }),
          400: ErrorResponse,
          404: ErrorResponse,
        },
      },
    },
    async (request) => {
      const ws = workspaceOf(request);
      const items = await asHttp(() => correctSentiment(store, ws.id, request.body.ids, request.body.label, callerOf(request).userId, Date.now()));
      request.log.info({ workspace: ws.slug, userId: callerOf(request).userId, mentions: items.length, label: request.body.label }, 'sentiment corrected');
      // The workspace's sentiment adapter learns from it, once the person has finished correcting (debounced).
      if (items.length > 0) app.adapting.request(ws.id);
      return { items: items.map((c) => ({ ...c, at: c.at.toISOString() })) };
    },
  );

  app.get(
    '/workspaces/:ws/nlp/corrections',
    {
      config: { access: 'viewer' },
      schema: {
        tags: ['inbox'],
        summary: 'The sentiment corrections as training data (text, lang, label, original_label), streamed as JSON lines or CSV',
        params: WorkspaceParams,
        querystring: z.object({ format: z.enum(EXPORT_FORMATS).default('jsonl') }),
      },
    },
    async (request, reply) => {
      const ws = workspaceOf(request);
      const { format } = request.query;
      reply
        .header('content-type', format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8')
        .header('content-disposition', `attachment; filename="${ws.slug}-sentiment-corrections.${format}"`);
      return reply.send(Readable.from(correctionsExport(store.db, ws.id, format)));
    },
  );
};
