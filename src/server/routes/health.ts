/**
 * Liveness and readiness for process supervisors and load balancers. Outside /api/v1
 * on purpose: probes should not depend on the API version.
 */
import { sql } from 'kysely';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ErrorResponse, sendError } from '../errors.ts';
import { backendName } from '../../store/store.ts';

export const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/healthz',
    {
      config: { access: 'public' },
      schema: { tags: ['health'], summary: 'The process is up', security: [], response: { 200: z.object({ status: z.literal('ok') }) } },
    },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/readyz',
    {
      config: { access: 'public' },
      schema: {
        tags: ['health'],
        summary: 'The store answers; 503 otherwise',
        security: [],
        response: { 200: z.object({ status: z.literal('ready'), store: z.string() }), 503: ErrorResponse },
      },
    },
    async (_request, reply) => {
      try {
        await sql`select 1`.execute(app.store.db);
        return { status: 'ready' as const, store: backendName(app.store) };
      } catch (error) {
        return sendError(reply, 503, `store not reachable: ${(error as Error).message}`);
      }
    },
  );
};
