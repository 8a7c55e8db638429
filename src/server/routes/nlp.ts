/**
 * The workspace's sentiment adapter over HTTP: what it learned from (viewers), and
 * retraining it now (editors). Corrections retrain it in the background too (inbox.ts).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { adapterStatus, adaptWorkspace } from '../../nlp/adapt.ts';
import { models } from '../../nlp/models.ts';
import { workspaceOf } from '../access.ts';
import { WorkspaceParams } from '../schemas.ts';

const HeldOutSchema = z
  .object({
    fixed: z.number().int().describe('Corrections an adapter that had not seen them read right where the base model was wrong'),
    broken: z.number().int().describe('…and read wrong where the base model was right'),
  })
  .describe("The adapter's held-out check (5-fold over the corrections, copies of a post in one fold): it applies unless broken > fixed")
  .meta({ id: 'SentimentAdapterHeldOutCheck' });

export const AdapterStatusSchema = z
  .object({
    corrections: z.number().int().describe('Sentiment corrections the workspace has now'),
    adaptedFrom: z.number().int().nullable().describe('Corrections the adapter learned from; null when the workspace has none'),
    trainedAt: z.string().nullable(),
    stale: z.boolean().describe('Trained for another base model (retrained or replaced): adapt again'),
    pending: z.boolean().describe('A retraining after recent corrections is waiting to run'),
    heldOut: HeldOutSchema.nullable().describe('The current adapter\'s held-out check; null without one, or for one trained before the check existed'),
    applied: z.boolean().describe('Whether the current adapter is applied: false without one, when stale, or when its held-out check found it breaking more corrections than it fixed'),
  })
  .meta({ id: 'SentimentAdapterStatus' });

export const nlpRoutes: FastifyPluginAsyncZod = async (app) => {
  const store = app.store;

  app.get(
    '/workspaces/:ws/nlp/adapter',
    {
      config: { access: 'viewer' },
      schema: {
        tags: ['nlp'],
        summary: "The workspace's sentiment adapter: how many corrections it learned from, when, and whether the base model changed since (docs/nlp.md)",
        params: WorkspaceParams,
        response: { 200: AdapterStatusSchema },
      },
    },
    async (request) => {
      const ws = workspaceOf(request);
      return { ...(await adapterStatus(store, ws.id, models())), pending: app.adapting.pending(ws.id) };
    },
  );

  app.post(
    '/workspaces/:ws/nlp/adapt',
    {
      config: { access: 'editor' },
      schema: {
        tags: ['nlp'],
        summary: "Retrain the workspace's sentiment adapter from its corrections now and re-read its stored mentions through it (corrections are kept)",
        params: WorkspaceParams,
        response: {
          200: z.object({
            corrections: z.number().int(),
            heldOut: HeldOutSchema,
            applied: z.boolean().describe('False: it broke more held-out corrections than it fixed, so the base model keeps reading the workspace'),
            baseVersion: z.string(),
            trainedAt: z.string(),
            scanned: z.number().int().describe('Stored mentions re-read'),
            changed: z.number().int().describe('Of those, how many changed sentiment'),
          }),
        },
      },
    },
    async (request) => {
      const ws = workspaceOf(request);
      // This run learns from every correction so far: the one waiting in the background is not needed.
      app.adapting.cancel(ws.id);
      const result = await adaptWorkspace(store, ws.id, models());
      request.log.info({ workspace: ws.slug, corrections: result.corrections, applied: result.applied, changed: result.changed }, 'sentiment adapter retrained');
      return result;
    },
  );
};
