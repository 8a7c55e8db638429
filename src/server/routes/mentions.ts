/**
 * Mentions of a workspace: push ingestion (batch, idempotent by source + external id)
 * and reading one mention. Search lives in `mentions-search.ts`.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { MentionInput } from '../../core/mention.ts';
import { ingestBatch } from '../../listen/pipeline.ts';
import { getMentionsByIds } from '../../store/mentions.ts';
import { callerOf, workspaceOf } from '../access.ts';
import { ErrorResponse, HttpError } from '../errors.ts';
import { PipelineCache } from '../pipeline-cache.ts';
import { IdParam, IsoDate, MentionSchema, toApiMention, WorkspaceParams } from '../schemas.ts';

export const MAX_PUSH_BATCH = 1000;

const count = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

export const MentionInputSchema = z
  .object({
    source: z.string().regex(/^[a-z0-9][a-z0-9_.-]{0,39}$/, 'lower-case letters, digits, _ . - (at most 40)').default('webhook'),
    externalId: z.string().min(1).max(500).describe('The network’s own id: re-sending the same source + externalId updates the mention'),
    url: z.url().max(2000).nullable().default(null),
    author: z.object({
      handle: z.string().min(1).max(300),
      displayName: z.string().max(300).nullable().default(null),
      followers: count.nullable().default(null),
    }),
    text: z.string().min(1).max(40_000),
    publishedAt: IsoDate,
    engagement: z
      .object({ likes: count.default(0), shares: count.default(0), replies: count.default(0), views: count.nullable().default(null) })
      .default({ likes: 0, shares: 0, replies: 0, views: null }),
    langHint: z.string().max(20).nullable().optional(),
    parentExternalId: z.string().max(500).nullable().optional(),
  })
  .meta({ id: 'PushedMention' });

const IngestResult = z
  .object({
    inserted: z.number().int(),
    updated: z.number().int(),
    topicLinks: z.number().int(),
    ids: z.array(z.number().int()).describe('Stored ids, in the order of the input'),
  })
  .meta({ id: 'IngestResult' });

export const mentionRoutes: FastifyPluginAsyncZod = async (app) => {
  const store = app.store;
  const pipelines = new PipelineCache(store);

  app.post(
    '/workspaces/:ws/mentions',
    {
      config: {
        access: 'editor',
        rateLimit: {
          max: app.settings.limits.ingestPerMinute,
          timeWindow: '1 minute',
          // Per token (or per signed-in user), not per address: integrations share hosts.
          keyGenerator: (request) => {
            const caller = request.caller;
            return caller?.kind === 'token' ? `token:${caller.token.id}` : `user:${caller?.userId ?? request.ip}`;
          },
        },
      },
      schema: {
        tags: ['mentions'],
        summary: `Push a batch of mentions (at most ${MAX_PUSH_BATCH}); idempotent by source + externalId`,
        params: WorkspaceParams,
        body: z.object({ mentions: z.array(MentionInputSchema).min(1).max(MAX_PUSH_BATCH) }),
        response: { 200: IngestResult, 413: ErrorResponse, 429: ErrorResponse },
      },
    },
    async (request) => {
      const ws = workspaceOf(request);
      const batch: MentionInput[] = request.body.mentions.map((m) => ({
        source: m.source,
        externalId: m.externalId,
        url: m.url,
        author: m.author,
        text: m.text,
        publishedAt: new Date(m.publishedAt),
        engagement: m.engagement,
        langHint: m.langHint ?? null,
        parentExternalId: m.parentExternalId ?? null,
      }));
      const result = await ingestBatch(store, ws.id, batch, await pipelines.get(ws.id));
      if (result.inserted + result.updated > 0) app.alerts.schedule(ws.id);
      request.log.info({ workspace: ws.slug, userId: callerOf(request).userId, inserted: result.inserted, updated: result.updated }, 'mentions pushed');
      return result;
    },
  );

  app.get(
    '/workspaces/:ws/mentions/:id',
    {
      config: { access: 'viewer' },
      schema: {
        tags: ['mentions'],
        summary: 'One mention',
        params: WorkspaceParams.extend({ id: IdParam }),
        response: { 200: MentionSchema, 404: ErrorResponse },
      },
    },
    async (request) => {
      const [mention] = await getMentionsByIds(store, [request.params.id]);
      // Another workspace's mention is answered as missing, never shown.
      if (!mention || mention.workspaceId !== workspaceOf(request).id) throw new HttpError(404, `no mention ${request.params.id} in this workspace`);
      return toApiMention(mention);
    },
  );
};
