/**
 * Replies to mentions with the workspace's publishing account (src/listen/replies/):
 * viewers read them; editors reply and approve. The client sends an idempotency key per
 * reply it composes: submitting it again answers the stored reply (200) instead of posting.
 */
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { getUser } from '../../accounts/users.ts';
import { approveReply, listReplies, REPLY_STATUSES, requestReply, type Reply } from '../../listen/replies/replies.ts';
import { getMentionsByIds } from '../../store/mentions.ts';
import { callerOf, workspaceOf } from '../access.ts';
import { ErrorResponse, HttpError } from '../errors.ts';
import { IdParam, WorkspaceParams } from '../schemas.ts';

const ReplySchema = z
  .object({
    id: z.number().int(),
    mentionId: z.number().int(),
    sourceId: z.number().int(),
    idempotencyKey: z.string(),
    text: z.string(),
    status: z.enum(REPLY_STATUSES).describe('awaiting_approval, sending, retrying (submit the key again after retryAt), sent or failed'),
    url: z.string().nullable().describe('The reply on the network, once sent'),
    externalId: z.string().nullable(),
    error: z.string().nullable(),
    retryAt: z.string().nullable(),
    attempts: z.number().int(),
    requestedBy: z.string(),
    requestedAt: z.string(),
    approvedBy: z.string().nullable(),
    approvedAt: z.string().nullable(),
    sentAt: z.string().nullable(),
  })
  .meta({ id: 'MentionReply' });

const iso = (d: Date | null) => d?.toISOString() ?? null;
const toApiReply = (r: Reply) => ({ ...r, retryAt: iso(r.retryAt), requestedAt: r.requestedAt.toISOString(), approvedAt: iso(r.approvedAt), sentAt: iso(r.sentAt) });

export const mentionReplyRoutes: FastifyPluginAsyncZod = async (app) => {
  const store = app.store;
  const who = async (request: FastifyRequest) => (await getUser(store, callerOf(request).userId)).email;
  const MentionParams = WorkspaceParams.extend({ id: IdParam });

  app.get(
    '/workspaces/:ws/mentions/:id/replies',
    {
      config: { access: 'viewer' },
      schema: { tags: ['mentions'], summary: 'Replies Murmur posted (or holds) for a mention, oldest first', params: MentionParams, response: { 200: z.object({ items: z.array(ReplySchema) }), 404: ErrorResponse } },
    },
    async (request) => {
      const ws = workspaceOf(request);
      const [mention] = await getMentionsByIds(store, [request.params.id]);
      if (!mention || mention.workspaceId !== ws.id) throw new HttpError(404, `no mention ${request.params.id} in this workspace`);
      return { items: (await listReplies(store, ws.id, request.params.id)).map(toApiReply) };
    },
  );

  app.post(
    '/workspaces/:ws/mentions/:id/replies',
    {
      config: { access: 'editor' },
      schema: {
        tags: ['mentions'],
        summary: 'Reply to a Mastodon or Bluesky mention with the workspace’s account, threaded; the same idempotencyKey again answers the stored reply (200) and never posts twice',
        params: MentionParams,
        body: z.object({
          text: z.string().min(1).max(5000),
          idempotencyKey: z.string().min(1).max(200).describe('One per reply composed (a UUID): send it again with every retry of that reply'),
          sourceId: z.number().int().positive().nullable().optional().describe('The publishing account; default: the only one for the mention’s network'),
          approval: z.boolean().default(false).describe('Hold the reply until another member approves it'),
        }),
        response: { 200: ReplySchema, 201: ReplySchema, 400: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse },
      },
    },
    async (request, reply) => {
      const ws = workspaceOf(request);
      const outcome = await requestReply(store, ws.id, request.params.id, request.body, await who(request), Date.now());
      request.log.info({ workspace: ws.slug, mention: request.params.id, reply: outcome.reply.id, status: outcome.reply.status, duplicate: outcome.duplicate }, 'mention reply');
      return reply.code(outcome.duplicate ? 200 : 201).send(toApiReply(outcome.reply));
    },
  );

  app.post(
    '/workspaces/:ws/replies/:id/approve',
    {
      config: { access: 'editor' },
      schema: { tags: ['mentions'], summary: 'Approve a held reply (by a member other than its author) and send it', params: MentionParams, response: { 200: ReplySchema, 400: ErrorResponse, 404: ErrorResponse } },
    },
    async (request) => toApiReply(await approveReply(store, workspaceOf(request).id, request.params.id, await who(request), Date.now())),
  );
};
