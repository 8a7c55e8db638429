/**
 * Connector sources of a workspace (src/listen/sources.ts): what Murmur reads, how
 * often, and how each source is doing. Secrets go in, never come out (shown as ••••).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sourceKinds } from '../../listen/source-kinds.ts';
import { addSource, getSource, listSources, removeSource, sourceHealth, updateSource } from '../../listen/sources.ts';
import { workspaceOf } from '../access.ts';
import { ErrorResponse, HttpError } from '../errors.ts';
import { IdParam, NoContent, WorkspaceParams } from '../schemas.ts';

const SourceView = z.unknown().describe('SourceView from src/listen/sources.ts (secrets masked)').meta({ id: 'Source' });
const SourceParams = WorkspaceParams.extend({ id: IdParam });

export const sourceRoutes: FastifyPluginAsyncZod = async (app) => {
  const store = app.store;
  const tags = ['sources'];

  app.get(
    '/workspaces/:ws/sources',
    { config: { access: 'viewer' }, schema: { tags, summary: 'Connector sources with their status', params: WorkspaceParams, response: { 200: z.object({ items: z.array(SourceView) }) } } },
    async (request) => ({ items: await listSources(store, workspaceOf(request).id) }),
  );

  app.get(
    '/workspaces/:ws/sources/health',
    { config: { access: 'viewer' }, schema: { tags, summary: 'Health of every source: failures, last success, next poll', params: WorkspaceParams, response: { 200: z.object({ items: z.array(z.unknown()) }) } } },
    async (request) => ({ items: await sourceHealth(store, workspaceOf(request).id) }),
  );

  app.get(
    '/workspaces/:ws/sources/kinds',
    {
      config: { access: 'viewer' },
      schema: {
        tags,
        summary: 'Each kind of source with its options and secrets as JSON Schema (what POST /sources takes in `config` and `secrets`)',
        params: WorkspaceParams,
        response: { 200: z.object({ items: z.array(z.object({ network: z.string(), options: z.record(z.string(), z.unknown()), secrets: z.record(z.string(), z.unknown()), defaultIntervalMs: z.number() })) }) },
      },
    },
    async () => ({ items: sourceKinds() }),
  );

  app.get(
    '/workspaces/:ws/sources/:id',
    { config: { access: 'viewer' }, schema: { tags, summary: 'One source', params: SourceParams, response: { 200: SourceView, 404: ErrorResponse } } },
    async (request) => getSource(store, workspaceOf(request).id, request.params.id),
  );

  app.post(
    '/workspaces/:ws/sources',
    {
      config: { access: 'editor' },
      schema: {
        tags,
        summary: 'Add a source; its config is validated against the connector’s schema',
        params: WorkspaceParams,
        body: z.object({
          network: z.string().min(1).max(40),
          name: z.string().max(120).nullable().optional(),
          config: z.record(z.string(), z.unknown()),
          secrets: z.record(z.string(), z.string().max(4000)).optional().describe('Sealed with MURMUR_SECRET_KEY; never returned'),
          intervalSeconds: z.number().int().min(30).max(7 * 86_400).optional(),
          enabled: z.boolean().optional(),
        }),
        response: { 201: SourceView, 400: ErrorResponse },
      },
    },
    async (request, reply) => {
      const { intervalSeconds, ...input } = request.body;
      const source = await addSource(store, workspaceOf(request).id, { ...input, ...(intervalSeconds ? { intervalMs: intervalSeconds * 1000 } : {}) });
      return reply.code(201).send(source);
    },
  );

  app.patch(
    '/workspaces/:ws/sources/:id',
    {
      config: { access: 'editor' },
      schema: {
        tags,
        summary: 'Edit a source (name, options, secrets, interval) or pause / resume it; new options or secrets restart its reading',
        params: SourceParams,
        body: z
          .object({
            name: z.string().min(1).max(120).optional(),
            config: z.record(z.string(), z.unknown()).optional().describe('The whole options object, validated against the connector’s schema'),
            secrets: z.record(z.string(), z.string().max(4000)).optional().describe('Secrets to replace (empty values keep the stored one); never returned'),
            intervalSeconds: z.number().int().min(30).max(7 * 86_400).optional(),
            enabled: z.boolean().optional(),
          })
          .refine((b) => Object.values(b).some((v) => v !== undefined), { message: 'nothing to change: give name, config, secrets, intervalSeconds or enabled' }),
        response: { 200: SourceView, 400: ErrorResponse, 404: ErrorResponse },
      },
    },
    async (request) => {
      const { intervalSeconds, ...patch } = request.body;
      return updateSource(store, workspaceOf(request).id, request.params.id, { ...patch, ...(intervalSeconds ? { intervalMs: intervalSeconds * 1000 } : {}) });
    },
  );

  app.delete(
    '/workspaces/:ws/sources/:id',
    { config: { access: 'editor' }, schema: { tags, summary: 'Remove a source (its mentions stay)', params: SourceParams, response: { 204: NoContent, 404: ErrorResponse } } },
    async (request, reply) => {
      if (!(await removeSource(store, workspaceOf(request).id, request.params.id))) throw new HttpError(404, `no source ${request.params.id} in this workspace`);
      return reply.code(204).send(null);
    },
  );
};
