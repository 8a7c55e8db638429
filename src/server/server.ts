/**
 * The HTTP server: the versioned JSON API under /api/v1 and the built web app, from one
 * process, on the same store as the CLI.
 *
 *   const app = await buildServer({ store });
 *   await app.listen({ port: 8080, host: '127.0.0.1' });
 *
 * buildServer does not own the store: whoever opened it closes it, after `app.close()`
 * (which lets in-flight requests, and so in-flight writes, finish first).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Logger } from 'pino';
import { ShuttingDownError } from '../core/errors.ts';
import { log } from '../core/log.ts';
import { DEFAULT_LISTEN_URL } from '../core/public-url.ts';
import type { Store } from '../store/store.ts';
import { registerAccessControl } from './access.ts';
import { registerErrorHandling, sendError } from './errors.ts';
import type { AlertTrigger } from '../watch/alerts/trigger.ts';
import { followMentionWrites } from '../watch/follow-writes.ts';
import { AdaptScheduler, ADAPT_DELAY_MS } from '../nlp/adapt-scheduler.ts';
import { staleAdapters } from '../nlp/adapt.ts';
import { models } from '../nlp/models.ts';
import { InFlight, trackInFlight } from './in-flight.ts';
import { registerOpenApi } from './openapi.ts';
import { serializeRequest } from './request-log.ts';
import { trustedProxies } from './trust-proxy.ts';
import { ResponseCache } from './response-cache.ts';
import { healthRoutes } from './routes/health.ts';
import { apiRoutes } from './routes/index.ts';
import { crmWebhookRoutes, redirectRoutes } from './routes/roi-public.ts';
import { PACKAGE_ROOT } from '../core/package-root.ts';

export const API_PREFIX = '/api/v1';
export const DEFAULT_BODY_LIMIT = 5 * 1024 * 1024;
export const DEFAULT_WEB_ROOT = join(PACKAGE_ROOT, 'web', 'dist');

export interface ServerOptions {
  store: Store;
  /** Request logger; defaults to Murmur's pino logger (secrets redacted). `false` silences it. */
  logger?: Logger | false;
  /** Directory of the built web app; `null` serves the API only. Default: web/dist when it exists. */
  webRoot?: string | null;
  /** Largest request body in bytes; larger ones get 413. */
  bodyLimit?: number;
  /** Mark the session cookie Secure: always, never, or 'auto' (when the request came over https). */
  secureCookies?: boolean | 'auto';
  /**
   * Trust X-Forwarded-* from these reverse proxies (needed for 'auto' Secure cookies behind
   * TLS termination): addresses or CIDR ranges; `true` means a proxy on loopback only, never
   * every peer (see trust-proxy.ts).
   */
  trustProxy?: boolean | string | string[];
  limits?: Partial<RateLimits>;
  /** The clock of routes that record time-windowed facts (link clicks); injected by tests. */
  now?: () => number;
  /** The server's own address, the public base URL when MURMUR_PUBLIC_URL is unset (startServer sets it once listening). */
  listenUrl?: string;
  /** How long after the last sentiment correction of a workspace its adapter is retrained. */
  adaptDelayMs?: number;
}

export interface RateLimits {
  /** Push-ingestion requests per token (or user) per minute. */
  ingestPerMinute: number;
  /** Sign-in attempts per client address per minute. */
  loginPerMinute: number;
  /** Short-link redirects per client address per minute (public route). */
  redirectPerMinute: number;
}

export interface ServerSettings {
  secureCookies: boolean | 'auto';
  limits: RateLimits;
  now: () => number;
  /** Where this server listens: links fall back to it, never to a request's Host header (see core/public-url.ts). */
  listenUrl: string;
}

declare module 'fastify' {
  interface FastifyInstance {
    store: Store;
    settings: ServerSettings;
    /** Evaluates alert rules after ingests, off the request path. */
    alerts: AlertTrigger;
    /** Requests whose handler still runs (shutdown waits for them). */
    inFlight: InFlight;
    /** Read answers cached until the workspace's data changes (see response-cache.ts). */
    answers: ResponseCache;
    /** Retrains sentiment adapters in the background after corrections (src/nlp/adapt-scheduler.ts). */
    adapting: AdaptScheduler;
    /** Aborted when the server starts closing: long work of a request (a search, a backfill) stops between slices. */
    closing: AbortSignal;
    /** Every route registered, method and URL: the route table the access tests walk. */
    routeList: { method: string; url: string; access: string | undefined }[];
  }
}

export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const logging = options.logger === false ? { logger: false } : { loggerInstance: (options.logger ?? log.child({ component: 'http' }, { serializers: { req: serializeRequest } })) as FastifyBaseLogger };
  const app = Fastify({
    ...logging,
    bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT,
    trustProxy: trustedProxies(options.trustProxy),
    // Clients see our JSON errors, never a socket closed mid-request.
    return503OnClosing: true,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandling(app);

  app.decorate('store', options.store);
  app.decorate('inFlight', trackInFlight(app));
  app.decorate('answers', new ResponseCache(options.store));
  // Watch follows the store's writes (idempotent: `murmur serve` opened it following already).
  const alerts = followMentionWrites(options.store);
  app.decorate('alerts', alerts);
  // Evaluations started by the last writes stop (between chunks) before whoever owns the store closes it.
  app.addHook('onClose', async () => alerts.interrupt());
  const adapting = new AdaptScheduler(options.store, models, options.adaptDelayMs ?? ADAPT_DELAY_MS);
  app.decorate('adapting', adapting);
  app.addHook('onClose', async () => adapting.close());
  app.addHook('onReady', async () => {
    // Adapters trained for another base model (retrained or replaced) are retrained in the background.
    const adapters = await options.store.db.selectFrom('sentiment_adapters').select('workspace_id').limit(1).execute();
    if (adapters.length > 0) for (const ws of await staleAdapters(options.store, models())) adapting.request(ws);
  });
  app.decorate('settings', {
    secureCookies: options.secureCookies ?? 'auto',
    limits: { ingestPerMinute: 120, loginPerMinute: 10, redirectPerMinute: 60, ...options.limits },
    now: options.now ?? Date.now,
    listenUrl: options.listenUrl ?? DEFAULT_LISTEN_URL,
  });
  // Once closing, answers end their keep-alive connection: server.close() waits for
  // every connection, and an idle keep-alive one would hold shutdown for a minute.
  const closingController = new AbortController();
  app.decorate('closing', closingController.signal);
  app.addHook('preClose', async () => {
    // Requests still matching give up at their next slice (503): server.close() waits for them.
    closingController.abort(new ShuttingDownError());
    app.server.closeIdleConnections?.();
  });
  app.addHook('onSend', async (_request, reply) => {
    if (closingController.signal.aborted) reply.header('connection', 'close');
  });

  const routeList: FastifyInstance['routeList'] = [];
  app.decorate('routeList', routeList);
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith(`${API_PREFIX}/docs`)) route.config = { ...route.config, access: 'public' };
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') routeList.push({ method, url: route.url, access: route.config?.access });
    }
  });

  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        // ECharts and the docs page set inline styles; scripts stay same-origin only.
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:', 'https:'],
        // Murmur is often served over plain http on a LAN or loopback; upgrading would break it.
        'upgrade-insecure-requests': null,
      },
    },
  });
  await app.register(fastifyCookie);
  await app.register(fastifyRateLimit, { global: false });
  registerAccessControl(app, options.store);
  await registerOpenApi(app, API_PREFIX);

  await app.register(healthRoutes);
  await app.register(redirectRoutes);
  await app.register(crmWebhookRoutes);
  await app.register(apiRoutes, { prefix: API_PREFIX });

  const webRoot = options.webRoot === undefined ? (existsSync(DEFAULT_WEB_ROOT) ? DEFAULT_WEB_ROOT : null) : options.webRoot;
  if (webRoot) await serveWebApp(app, webRoot);
  app.setNotFoundHandler((request, reply) => {
    if (webRoot && request.method === 'GET' && !request.url.startsWith('/api/') && request.headers.accept?.includes('text/html')) {
      // Client-side routes (/mentions, /settings/…) all load the app shell.
      return reply.type('text/html; charset=utf-8').sendFile('index.html', webRoot);
    }
    return sendError(reply, 404, `no route ${request.method} ${request.url.split('?')[0]}`);
  });
  return app;
}

async function serveWebApp(app: FastifyInstance, root: string) {
  await app.register(fastifyStatic, {
    root,
    wildcard: true,
    cacheControl: false,
    index: ['index.html'],
    // Vite fingerprints everything under assets/: cache it for good; index.html never.
    setHeaders(res, path) {
      res.setHeader('cache-control', path.includes(`${join('assets', '')}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
}
