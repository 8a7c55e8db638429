/**
 * Mutes of a topic: authors, sites and terms whose mentions leave the topic (its lists and
 * Watch figures) until unmuted (src/listen/lists/mutes.ts). Viewers read them; editors mute.
 */
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { getUser } from '../../accounts/users.ts';
import { MUTE_KINDS } from '../../listen/lists/mute-rules.ts';
import { listMutes, muteInTopic, unmuteInTopic, type Mute, type MuteChange } from '../../listen/lists/mutes.ts';
import { resolveTopic } from '../../listen/topics.ts';
import { callerOf, workspaceOf } from '../access.ts';
import { ErrorResponse } from '../errors.ts';
import { IdParam, WorkspaceParams } from '../schemas.ts';

const MuteSchema = z
  .object({
    id: z.number().int(),
    topicId: z.number().int(),
    kind: z.enum(MUTE_KINDS),
    value: z.string(),
    reason: z.string().nullable(),
    createdBy: z.string(),
    createdAt: z.string(),
    removedBy: z.string().nullable(),
    removedAt: z.string().nullable(),
  })
  .meta({ id: 'TopicMute' });
const MuteChangeSchema = z
  .object({ mute: MuteSchema, mentions: z.number().int().describe('Mentions the topic holds after the change') })
  .meta({ id: 'TopicMuteChange' });
const TopicParams = WorkspaceParams.extend({ id: IdParam });

const toApiMute = (m: Mute) => ({ ...m, createdAt: m.createdAt.toISOString(), removedAt: m.removedAt?.toISOString() ?? null });
const toApiChange = (c: MuteChange) => ({ mute: toApiMute(c.mute), mentions: c.rematch.matched });

export const topicMuteRoutes: FastifyPluginAsyncZod = async (app) => {
  const store = app.store;
  const who = async (request: FastifyRequest) => (await getUser(store, callerOf(request).userId)).email;
  const topicOf = async (request: FastifyRequest<{ Params: { id: number } }>) => resolveTopic(store, workspaceOf(request).id, request.params.id);

  app.get(
    '/workspaces/:ws/topics/:id/mutes',
    {
      config: { access: 'viewer' },
      schema: {
        tags: ['topics'],
        summary: 'Authors, sites and terms muted in a topic; all=true adds the unmuted ones (the history)',
        params: TopicParams,
        querystring: z.object({ all: z.enum(['true', 'false']).default('false') }),
        response: { 200: z.object({ items: z.array(MuteSchema) }), 404: ErrorResponse },
      },
    },
    async (request) => {
      const topic = await topicOf(request);
      return { items: (await listMutes(store, workspaceOf(request).id, topic.id, { all: request.query.all === 'true' })).map(toApiMute) };
    },
  );

  app.post(
    '/workspaces/:ws/topics/:id/mutes',
    {
      config: { access: 'editor' },
      schema: {
        tags: ['topics'],
        summary: 'Mute an author, a site (domain, subdomains included) or a term (topic query language) in a topic: its stored and future mentions leave the topic',
        params: TopicParams,
        body: z.object({
          kind: z.enum(MUTE_KINDS),
          value: z.string().min(1).max(1000),
          reason: z.string().max(1000).nullable().optional(),
        }),
        response: { 201: MuteChangeSchema, 400: ErrorResponse, 404: ErrorResponse },
      },
    },
    async (request, reply) => {
      const topic = await topicOf(request);
      const change = await muteInTopic(store, workspaceOf(request).id, topic.id, request.body, await who(request), Date.now());
      return reply.code(201).send(toApiChange(change));
    },
  );

  app.delete(
    '/workspaces/:ws/topics/:id/mutes/:muteId',
    {
      config: { access: 'editor' },
      schema: {
        tags: ['topics'],
        summary: 'Unmute: the mentions the mute kept out come back to the topic; the mute stays in the history',
        params: TopicParams.extend({ muteId: IdParam }),
        response: { 200: MuteChangeSchema, 404: ErrorResponse },
      },
    },
    async (request) => {
      const topic = await topicOf(request);
      const change = await unmuteInTopic(store, workspaceOf(request).id, topic.id, request.params.muteId, await who(request), Date.now());
      return toApiChange(change);
    },
  );
};
