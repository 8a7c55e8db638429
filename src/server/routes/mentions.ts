/**
 * Mentions of a workspace: push ingestion (batch, idempotent by source + external id)
 * and reading one mention. Search lives in `mentions-search.ts`.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { MentionInput } from '../../core/mention.ts';
import { LIMITS, Problem } from '../../listen/import/values.ts';
import { mentionFromInput, problemPath } from '../../listen/mention-rules.ts';
import { ingestBatch } from '../../listen/pipeline.ts';
import { getMentionsByIds } from '../../store/mentions.ts';
import { callerOf, workspaceOf } from '../access.ts';
import { ErrorResponse, HttpError, type ErrorBody } from '../errors.ts';
import { PipelineCache } from '../pipeline-cache.ts';
import { IdParam, IsoDate, MentionSchema, toApiMention, WorkspaceParams } from '../schemas.ts';

export const MAX_PUSH_BATCH = 1000;

const count = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

// Types and sizes here (they document the API); what the values must be is checked by the
// rules every mention meets, as for a file import (src/listen/mention-rules.ts), in the handler.
export const MentionInputSchema = z
  .object({
    source: z.string().max(LIMITS.sourceChars).default('webhook').describe('Source name: lower-case letters, digits, _ . - (upper case is lowered)'),
    externalId: z.string().min(1).max(LIMITS.externalIdChars).describe('The network’s own id: re-sending the same source + externalId updates the mention'),
    url: z.string().max(LIMITS.urlChars).nullable().default(null).describe('http:// or https:// only'),
    author: z.object({
      handle: z.string().min(1).max(LIMITS.handleChars),
      displayName: z.string().max(LIMITS.displayNameChars).nullable().default(null),
      followers: count.nullable().default(null),
    }),
    text: z.string().min(1).max(LIMITS.textChars).describe('Not blank; no U+0000'),
    publishedAt: IsoDate.describe('ISO 8601 timestamp of a real day, from 1990 to two days from now'),
    engagement: z
      .object({ likes: count.default(0), shares: count.default(0), replies: count.default(0), views: count.nullable().default(null) })
      .default({ likes: 0, shares: 0, replies: 0, views: null }),
    langHint: z.string().max(20).nullable().optional().describe('Language code such as en or pt-BR'),
    parentExternalId: z.string().max(LIMITS.externalIdChars).nullable().optional(),
  })
  .meta({ id: 'PushedMention' });

/**
 * The pushed mentions checked as imported rows are (mention-rules.ts), and no two with the
 * same source and externalId. Any problem refuses the whole batch with 400, each problem
 * named by its path (`body.mentions.3.url`), so the client can fix and resend it.
 */
export function checkPushedMentions(pushed: z.infer<typeof MentionInputSchema>[], now: number): MentionInput[] {
  const issues: NonNullable<ErrorBody['issues']> = [];
  const batch: MentionInput[] = [];
  const first = new Map<string, number>();
  pushed.forEach((item, i) => {
    const mention = mentionFromInput(item, { source: 'webhook', now, deriveId: false });
    if (mention instanceof Problem) {
      issues.push({ path: `body.mentions.${i}.${problemPath(mention)}`, message: mention.message });
      return;
    }
    const key = `${mention.source}\u0000${mention.externalId}`;
    const earlier = first.get(key);
    if (earlier !== undefined) {
      issues.push({ path: `body.mentions.${i}.externalId`, message: `externalId: same source and externalId as mentions[${earlier}]; send each mention once per request` });
      return;
    }
    first.set(key, i);
    batch.push(mention);
  });
  if (issues.length > 0) {
    const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
    throw new HttpError(400, `invalid request: ${issues[0]!.path}: ${issues[0]!.message}${more}`, issues);
  }
  return batch;
}

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
        body: z.object({ mentions: z.array(MentionInputSchema).min(1).max(MAX_PUSH_BATCH, `at most ${MAX_PUSH_BATCH} mentions per request: send the rest in another`) }),
        response: { 200: IngestResult, 400: ErrorResponse, 413: ErrorResponse, 429: ErrorResponse },
      },
    },
    async (request) => {
      const ws = workspaceOf(request);
      const batch = checkPushedMentions(request.body.mentions, Date.now());
      const result = await ingestBatch(store, ws.id, batch, await pipelines.get(ws.id), { checked: true });
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
