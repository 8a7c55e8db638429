/**
 * Tags over HTTP: tag rules (a query in the topic language → a tag, backfilled on every
 * change), tags by hand on one or many mentions, and volume and sentiment per tag.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { addTagRule, listTagRules, removeTagRule, tagFigures, tagMentions, updateTagRule, type TagRule } from '../../inbox/tags.ts';
import { resolveTopic } from '../../listen/topics.ts';
import { callerOf, workspaceOf } from '../access.ts';
import { ErrorResponse, HttpError } from '../errors.ts';
import { withQueryField } from '../query-errors.ts';
import { DayOrTime, IdParam, instantOf, NoContent, WorkspaceParams } from '../schemas.ts';
import { TopicRef } from '../watch-params.ts';
import { asHttp, MentionIds } from './inbox.ts';

const Tag = z.string().trim().min(1).max(50).describe('Letters, digits, _ or -; stored lower-case');
const MAX_TAGS_PER_CALL = 20;

const TagRuleSchema = z
  .object({ id: z.number().int(), tag: z.string(), query: z.string(), createdAt: z.string(), updatedAt: z.string() })
  .meta({ id: 'TagRule' });
const Backfill = z.object({ scanned: z.number().int(), matched: z.number().int() });

const toApiRule = (r: TagRule) => ({ ...r, createdAt: r.createdAt.toISOString(), updatedAt: r.updatedAt.toISOString() });

export const inboxTagRoutes: FastifyPluginAsyncZod = async (app) => {
  const store = app.store;

  app.get(
    '/workspaces/:ws/tags/rules',
    {
      config: { access: 'viewer' },
      schema: { tags: ['inbox'], summary: 'The tag rules of the workspace', params: WorkspaceParams, response: { 200: z.object({ items: z.array(TagRuleSchema) }) } },
    },
    async (request) => ({ items: (await listTagRules(store, workspaceOf(request).id)).map(toApiRule) }),
  );

  app.post(
    '/workspaces/:ws/tags/rules',
    {
      config: { access: 'editor' },
      schema: {
        tags: ['inbox'],
        summary: 'Add a tag rule and tag the stored mentions it matches',
        params: WorkspaceParams,
        body: z.object({ tag: Tag, query: z.string().min(1).max(10_000).describe('A query in the topic language, e.g. `refund* OR rembours*`') }),
        response: { 201: z.object({ rule: TagRuleSchema, backfill: Backfill }), 400: ErrorResponse },
      },
    },
    async (request, reply) => {
      const ws = workspaceOf(request);
      const result = await asHttp(() => withQueryField('body.query', () => addTagRule(store, ws.id, request.body, Date.now())));
      request.log.info({ workspace: ws.slug, userId: callerOf(request).userId, rule: result.rule.id, matched: result.backfill.matched }, 'tag rule added');
      return reply.code(201).send({ rule: toApiRule(result.rule), backfill: result.backfill });
    },
  );

  app.patch(
    '/workspaces/:ws/tags/rules/:id',
    {
      config: { access: 'editor' },
      schema: {
        tags: ['inbox'],
        summary: 'Change a tag rule; its tags are recomputed over the stored mentions (hand tags stay)',
        params: WorkspaceParams.extend({ id: IdParam }),
        body: z.object({ tag: Tag.optional(), query: z.string().min(1).max(10_000).optional() }).refine((b) => b.tag !== undefined || b.query !== undefined, { message: 'give a tag or a query' }),
        response: { 200: z.object({ rule: TagRuleSchema, backfill: Backfill }), 400: ErrorResponse, 404: ErrorResponse },
      },
    },
    async (request) => {
      const ws = workspaceOf(request);
      const result = await asHttp(() => withQueryField('body.query', () => updateTagRule(store, ws.id, request.params.id, request.body, Date.now())));
      return { rule: toApiRule(result.rule), backfill: result.backfill };
    },
  );

  app.delete(
    '/workspaces/:ws/tags/rules/:id',
    {
      config: { access: 'editor' },
      schema: { tags: ['inbox'], summary: 'Remove a tag rule and the tags it made', params: WorkspaceParams.extend({ id: IdParam }), response: { 204: NoContent, 404: ErrorResponse } },
    },
    async (request, reply) => {
      await asHttp(() => removeTagRule(store, workspaceOf(request).id, request.params.id));
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/workspaces/:ws/inbox/tags',
    {
      config: { access: 'editor' },
      schema: {
        tags: ['inbox'],
        summary: 'Put tags on or take hand tags off one or many mentions (a rule’s tag stays while its rule matches)',
        params: WorkspaceParams,
        body: z
          .object({ ids: MentionIds, add: z.array(Tag).max(MAX_TAGS_PER_CALL).optional(), remove: z.array(Tag).max(MAX_TAGS_PER_CALL).optional() })
          .refine((b) => (b.add?.length ?? 0) + (b.remove?.length ?? 0) > 0, { message: 'give tags to add or remove' }),
        response: { 200: z.object({ added: z.number().int(), removed: z.number().int() }), 400: ErrorResponse, 404: ErrorResponse },
      },
    },
    async (request) => {
      const ws = workspaceOf(request);
      const { ids, add, remove } = request.body;
      return asHttp(() => tagMentions(store, ws.id, ids, { add, remove }, callerOf(request).userId, Date.now()));
    },
  );

  app.get(
    '/workspaces/:ws/watch/tags',
    {
      config: { access: 'viewer' },
      schema: {
        tags: ['inbox'],
        summary: 'Volume and sentiment per tag over a period (net sentiment as everywhere in Watch)',
        params: WorkspaceParams,
        querystring: z.object({
          from: DayOrTime.describe('First day YYYY-MM-DD (UTC) or an ISO 8601 time'),
          to: DayOrTime.describe('Last day YYYY-MM-DD (UTC, the whole day counts) or an ISO 8601 time (excluded)'),
          topic: TopicRef.describe('Only mentions of this topic: id or name'),
        }),
        response: {
          200: z.object({
            items: z.array(z.object({ tag: z.string(), mentions: z.number().int(), negative: z.number().int(), neutral: z.number().int(), positive: z.number().int(), netSentiment: z.number().nullable() })),
          }),
          400: ErrorResponse,
        },
      },
    },
    async (request) => {
      const ws = workspaceOf(request);
      const from = instantOf(request.query.from, 'from');
      const to = instantOf(request.query.to, 'to');
      if (from.getTime() >= to.getTime()) throw new HttpError(400, '"from" must be before "to"', [{ path: 'querystring.from', message: 'must be before "to"' }]);
      const topicId = request.query.topic === undefined ? undefined : (await resolveTopic(store, ws.id, request.query.topic)).id;
      return { items: await tagFigures(store, ws.id, { from, to, topicId }) };
    },
  );
};
