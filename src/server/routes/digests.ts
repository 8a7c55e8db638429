/**
 * Report digests (src/reports/digests/): reports sent on a schedule, and their delivery
 * log. Webhook URLs carry their token in the path, so only editors see them whole.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { hasRole } from '../../accounts/roles.ts';
import { addDigest, digestInputSchema, listDigestDeliveries, listDigests, removeDigest, setDigestEnabled, withMaskedWebhooks } from '../../reports/digests/digests.ts';
import { runDueDigests } from '../../reports/digests/run.ts';
import { workspaceOf } from '../access.ts';
import { ErrorResponse } from '../errors.ts';
import { IdParam, libraryResult, NoContent, WorkspaceParams } from '../schemas.ts';

const DigestParams = WorkspaceParams.extend({ id: IdParam });

export const digestRoutes: FastifyPluginAsyncZod = async (app) => {
  const store = app.store;
  const tags = ['digests'];

  app.get(
    '/workspaces/:ws/digests',
    { config: { access: 'viewer' }, schema: { tags, summary: 'Report digests: schedule, next run, recipients (webhook URLs masked for viewers)', params: WorkspaceParams, response: { 200: z.object({ items: z.array(z.unknown()) }) } } },
    async (request) => {
      const ws = workspaceOf(request);
      const digests = await listDigests(store, ws.id);
      return { items: hasRole(ws.role, 'editor') ? digests : digests.map(withMaskedWebhooks) };
    },
  );

  app.post(
    '/workspaces/:ws/digests',
    { config: { access: 'editor' }, schema: { tags, summary: 'Send a report on a schedule (five-field cron in its time zone) to members, addresses or webhooks', params: WorkspaceParams, body: digestInputSchema, response: { 201: libraryResult('Digest', 'Digest from src/reports/digests/digests.ts'), 400: ErrorResponse } } },
    async (request, reply) => reply.code(201).send(await addDigest(store, workspaceOf(request).id, request.body)),
  );

  app.patch(
    '/workspaces/:ws/digests/:id',
    { config: { access: 'editor' }, schema: { tags, summary: 'Switch a digest on or off (back on: its next run is counted from now)', params: DigestParams, body: z.object({ enabled: z.boolean() }), response: { 200: libraryResult('Digest', 'Digest'), 404: ErrorResponse } } },
    async (request) => setDigestEnabled(store, workspaceOf(request).id, request.params.id, request.body.enabled),
  );

  app.delete(
    '/workspaces/:ws/digests/:id',
    { config: { access: 'editor' }, schema: { tags, summary: 'Remove a digest and its delivery log', params: DigestParams, response: { 204: NoContent, 404: ErrorResponse } } },
    async (request, reply) => {
      await removeDigest(store, workspaceOf(request).id, request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/workspaces/:ws/digests/deliveries',
    { config: { access: 'viewer' }, schema: { tags, summary: 'Delivery log, newest first: sent, failed (error, next try), pending', params: WorkspaceParams, querystring: z.object({ limit: z.coerce.number().int().min(1).max(500).default(50) }), response: { 200: z.object({ items: z.array(z.unknown()) }) } } },
    async (request) => ({ items: await listDigestDeliveries(store, workspaceOf(request).id, request.query.limit) }),
  );

  app.post(
    '/workspaces/:ws/digests/run',
    { config: { access: 'editor' }, schema: { tags, summary: 'Send what is due now and retry failed deliveries whose time has come', params: WorkspaceParams, response: { 200: z.object({ items: z.array(z.unknown()) }) } } },
    async (request) => ({ items: await runDueDigests(store, app.settings.now(), { workspaceId: workspaceOf(request).id, dashboardUrl: app.settings.listenUrl }) }),
  );
};
