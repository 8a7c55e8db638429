/**
 * Topics of a workspace: named boolean queries. Creating one or changing its query
 * re-matches the stored mentions before answering (see src/listen/topics.ts).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { TOPIC_ROLES } from '../../core/mention.ts';
import { parseQuery } from '../../listen/query/parser.ts';
import { QuerySyntaxError } from '../../listen/query/errors.ts';
import { countTopicMentions, createTopic, resolveTopic, listTopics, removeTopic, updateTopic } from '../../listen/topics.ts';
import { workspaceOf } from '../access.ts';
import { ErrorResponse } from '../errors.ts';
import { withQueryField } from '../query-errors.ts';
import { IdParam, NoContent, TopicSchema, toApiTopic, WorkspaceParams } from '../schemas.ts';

const TopicWithCount = TopicSchema.extend({ mentionCount: z.number().int() }).meta({ id: 'TopicWithCount' });
const Backfill = z.object({ scanned: z.number().int(), matched: z.number().int() }).nullable().describe('Stored mentions re-matched, when the query changed');
const TopicChange = z.object({ topic: TopicSchema, backfill: Backfill }).meta({ id: 'TopicChange' });
const TopicParams = WorkspaceParams.extend({ id: IdParam });
const TopicBody = z.object({
  name: z.string().trim().min(1).max(100),
  query: z.string().min(1).max(10_000).describe('Boolean topic query, e.g. `acme AND (phone OR "smart watch") NOT job*`'),
  role: z.enum(TOPIC_ROLES).default('brand'),
});

export const topicRoutes: FastifyPluginAsyncZod = async (app) => {
  const store = app.store;
  const change = (c: Awaited<ReturnType<typeof createTopic>>) => ({
    topic: toApiTopic(c.topic),
    backfill: c.backfill ? { scanned: c.backfill.scanned, matched: c.backfill.matched } : null,
  });

  app.get(
    '/workspaces/:ws/topics',
    {
      config: { access: 'viewer' },
      schema: { tags: ['topics'], summary: 'Topics with how many stored mentions each matched', params: WorkspaceParams, response: { 200: z.object({ items: z.array(TopicWithCount) }) } },
    },
    async (request) => {
      const ws = workspaceOf(request);
      // Counting every topic's mentions is a scan: cached until the data changes.
      return app.answers.get(ws.id, 'topics', async () => {
        const [topics, counts] = await Promise.all([listTopics(store, ws.id), countTopicMentions(store, ws.id)]);
        return { items: topics.map((t) => ({ ...toApiTopic(t), mentionCount: counts.get(t.id) ?? 0 })) };
      });
    },
  );

  app.get(
    '/workspaces/:ws/topics/:id',
    {
      config: { access: 'viewer' },
      schema: { tags: ['topics'], summary: 'One topic', params: TopicParams, response: { 200: TopicSchema, 404: ErrorResponse } },
    },
    async (request) => toApiTopic(await resolveTopic(store, workspaceOf(request).id, request.params.id)),
  );

  app.post(
    '/workspaces/:ws/topics',
    {
      config: { access: 'editor' },
      schema: { tags: ['topics'], summary: 'Create a topic and match it over stored mentions', params: WorkspaceParams, body: TopicBody, response: { 201: TopicChange, 400: ErrorResponse } },
    },
    async (request, reply) => {
      const created = await withQueryField('body.query', () => createTopic(store, workspaceOf(request).id, request.body, { signal: app.closing }));
      return reply.code(201).send(change(created));
    },
  );

  app.patch(
    '/workspaces/:ws/topics/:id',
    {
      config: { access: 'editor' },
      schema: { tags: ['topics'], summary: 'Rename, re-role or re-query a topic', params: TopicParams, body: TopicBody.partial(), response: { 200: TopicChange, 400: ErrorResponse, 404: ErrorResponse } },
    },
    async (request) => change(await withQueryField('body.query', () => updateTopic(store, workspaceOf(request).id, request.params.id, request.body))),
  );

  app.delete(
    '/workspaces/:ws/topics/:id',
    {
      config: { access: 'editor' },
      schema: { tags: ['topics'], summary: 'Delete a topic and its links to mentions', params: TopicParams, response: { 204: NoContent, 404: ErrorResponse } },
    },
    async (request, reply) => {
      await removeTopic(store, workspaceOf(request).id, request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/workspaces/:ws/query/check',
    {
      config: { access: 'viewer' },
      schema: {
        tags: ['topics'],
        summary: 'Check a topic query as the user types: valid, or the problem and its position',
        params: WorkspaceParams,
        querystring: z.object({ q: z.string().max(10_000) }),
        response: {
          200: z.object({ valid: z.boolean(), message: z.string().nullable(), position: z.number().int().nullable() }).meta({ id: 'QueryCheck' }),
        },
      },
    },
    async (request) => {
      try {
        parseQuery(request.query.q);
        return { valid: true, message: null, position: null };
      } catch (error) {
        if (!(error instanceof QuerySyntaxError)) throw error;
        return { valid: false, message: error.problem, position: error.position };
      }
    },
  );
};
