/**
 * Running the server as a process: listen, then on SIGINT/SIGTERM stop taking new
 * requests, let in-flight ones (and so their writes) finish, and only then close the
 * store. A second signal forces the exit.
 */
import type { FastifyInstance } from 'fastify';
import { log } from '../core/log.ts';
import { guessedBaseWarning, publicBase } from '../core/public-url.ts';
import type { Store } from '../store/store.ts';
import { buildServer, type ServerOptions } from './server.ts';

export interface RunningServer {
  app: FastifyInstance;
  /** The address it listens on, e.g. http://127.0.0.1:8080. */
  url: string;
  /** Graceful stop: in-flight requests finish, then background work, then the store closes. */
  stop(): Promise<void>;
}

export interface RunOptions extends ServerOptions {
  port: number;
  host: string;
  /** Background work (e.g. the connector scheduler) stopped after the server, before the store. */
  background?: { stop(): Promise<void> | void }[];
  /** Close the store on stop (default true: the server process owns it). */
  closeStore?: boolean;
  /** Extra hooks or routes to add before listening (embedding, tests). */
  beforeListen?: (app: FastifyInstance) => void | Promise<void>;
  /** How long a stop waits for open connections before closing them (default FORCE_CLOSE_AFTER_MS). */
  forceCloseAfterMs?: number;
}

/**
 * A stop closes the connections still open after this long. Without it one connection
 * keeps the server up: a client that went away half-way through sending a request (seen
 * in bench:dos after a client's timeout) holds server.close() until Node's request
 * timeout, minutes, and SIGTERM looks ignored. Handlers still running finish their
 * writes all the same (inFlight below); only their answer may not reach the client.
 */
const FORCE_CLOSE_AFTER_MS = 5_000;

export async function startServer(options: RunOptions): Promise<RunningServer> {
  const app = await buildServer(options);
  await options.beforeListen?.(app);
  try {
    await app.listen({ port: options.port, host: options.host });
  } catch (error) {
    await app.close(); // its hooks and timers must not keep a process that failed to start alive
    throw error;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  const url = `http://${host}:${port}`;
  // Links the API gives fall back to this address (never to a request's Host header): say so once.
  app.settings.listenUrl = url;
  const warning = guessedBaseWarning(publicBase(url));
  if (warning) log.warn(warning);
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      const closed = app.close(); // resolves once every open connection has been answered or closed
      const force = setTimeout(() => app.server.closeAllConnections(), options.forceCloseAfterMs ?? FORCE_CLOSE_AFTER_MS);
      try {
        await closed;
      } finally {
        clearTimeout(force);
      }
      await app.inFlight.idle(); // handlers whose client hung up still finish their writes
      for (const job of options.background ?? []) await job.stop();
      await app.alerts.interrupt(); // evaluations the last polls started: stopped, the next write evaluates again

      if (options.closeStore !== false) await closeQuietly(options.store);
    })());
  return { app, url, stop };
}

async function closeQuietly(store: Store) {
  try {
    await store.close();
  } catch (error) {
    log.warn({ err: error }, 'closing the store failed');
  }
}

/** Stops gracefully on the first SIGINT/SIGTERM, exits at once on the second. */
export function stopOnSignals(server: RunningServer, onStopped: () => void = () => {}) {
  let signalled = false;
  const handler = (signal: NodeJS.Signals) => {
    if (signalled) {
      log.warn({ signal }, 'second signal: exiting without waiting');
      process.exit(130);
    }
    signalled = true;
    log.info({ signal }, 'shutting down: finishing in-flight requests');
    server.stop().then(onStopped, (error: unknown) => {
      log.error({ err: error }, 'shutdown failed');
      process.exitCode = 1;
      onStopped();
    });
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return () => {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
  };
}
