/**
 * The two ROI routes that outsiders call: the short-link redirect that counts a click
 * (no cookie, no personal data kept), and the CRM webhook, authenticated by its HMAC
 * signature over the raw body rather than by a user.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { FastifyPluginAsyncZod, ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { recordClick } from '../../roi/links.ts';
import { ingestCrmEvents, SIGNATURE_HEADER, storedCrmWebhookSecret, TIMESTAMP_HEADER, verifyCrmWebhook } from '../../roi/webhook.ts';
import { ErrorResponse, HttpError, sendError } from '../errors.ts';

export const REDIRECT_PREFIX = '/r';
export const API_PREFIX_PUBLIC_CRM = '/api/v1/hooks/crm';
const WEBHOOK_BODY_LIMIT = 2 * 1024 * 1024;

export const redirectRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    `${REDIRECT_PREFIX}/:code`,
    {
      // Per address: a script cannot hammer the route (each hit is a store write at most).
      config: { access: 'public', rateLimit: { max: app.settings.limits.redirectPerMinute, timeWindow: '1 minute' } },
      schema: { tags: ['roi'], summary: 'Short UTM link: counts the click (once per visitor per 30 minutes) and redirects', security: [], params: z.object({ code: z.string().max(64) }) },
    },
    async (request, reply) => {
      // The user agent lets link-preview fetchers (every Mastodon instance fetches shown links) go uncounted.
      // The address and user agent make the visitor hash that counts a visitor once per window.
      const target = await recordClick(app.store, request.params.code, app.settings.now(), { userAgent: request.headers['user-agent'] ?? null, ip: request.ip });
      if (!target) return sendError(reply, 404, `no link with code "${request.params.code}"`);
      return reply.header('cache-control', 'no-store').redirect(target.destination, 302);
    },
  );
};

export const crmWebhookRoutes: FastifyPluginAsync = async (parent) => {
  // The signature covers the exact bytes sent, so this route keeps the raw body.
  await parent.register(async (plain) => {
    const app = plain.withTypeProvider<ZodTypeProvider>();
    app.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit: WEBHOOK_BODY_LIMIT }, (_request, body, done) => done(null, body));
    app.post(
      `${API_PREFIX_PUBLIC_CRM}/:ws`,
      {
        config: { access: 'public' },
        schema: {
          tags: ['roi'],
          summary: `CRM conversions webhook, signed: ${TIMESTAMP_HEADER} (unix seconds) and ${SIGNATURE_HEADER}: sha256=HMAC(secret, "<timestamp>.<raw body>")`,
          security: [],
          params: z.object({ ws: z.string().max(100) }),
          response: { 200: z.unknown().describe('{ inserted, duplicates, rejected: [{ index, errors }] }'), 401: ErrorResponse },
        },
      },
      async (request) => {
        const raw = request.body as Buffer;
        const ws = await app.store.db.selectFrom('workspaces').select('id').where('slug', '=', request.params.ws).executeTakeFirst();
        // An unknown workspace looks like a bad signature: no probing of slugs.
        const secret = ws ? await storedCrmWebhookSecret(app.store, ws.id) : null;
        if (!ws || secret === null) throw new HttpError(401, 'signature does not match');
        const now = app.settings.now();
        const verdict = verifyCrmWebhook(request.headers, raw, secret, now);
        if (!verdict.ok) throw new HttpError(verdict.status, verdict.error);
        let body: unknown;
        try {
          body = JSON.parse(raw.toString('utf8'));
        } catch (error) {
          throw new HttpError(400, `request body is not valid JSON: ${(error as Error).message}`);
        }
        return ingestCrmEvents(app.store, ws.id, body, now);
      },
    );
  });
};
