/**
 * `murmur serve`: the HTTP API and the dashboard from one process, on the same store
 * as the CLI. Binds to loopback unless told otherwise: exposing it is a choice.
 */
import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { log } from '../../core/log.ts';
import { publicBase } from '../../core/public-url.ts';
import { startScheduler } from '../../listen/scheduler/scheduler.ts';
import { startDigestLoop } from '../../reports/digests/run.ts';
import { startServer, stopOnSignals } from '../../server/lifecycle.ts';
import { DEFAULT_WEB_ROOT } from '../../server/server.ts';
import { trustedProxies } from '../../server/trust-proxy.ts';
import { openCliStore, UsageError } from '../context.ts';
import { SUMMARY } from '../summaries.ts';

interface ServeFlags {
  port: string;
  host: string;
  web?: string;
  trustProxy?: boolean | string;
  secureCookies: string;
  scheduler: boolean;
}

/**
 * The dashboard folder to serve, or null with the one line that says how to build it: a
 * clone installed with scripts off (or a build that failed) has the API but no web/dist.
 */
export function dashboardRoot(web: string | undefined, built = DEFAULT_WEB_ROOT): { root: string | null; warning?: string } {
  const root = web ?? built;
  if (existsSync(join(root, 'index.html'))) return { root };
  if (web) throw new UsageError(`--web ${web} holds no built dashboard (no index.html in it)`);
  return { root: null, warning: `The dashboard is not built (no ${join(root, 'index.html')}): run \`npm run build:web\` in the Murmur folder and restart; the API works meanwhile.` };
}

/** Why the port could not be bound, in one line (the usual causes are the user's to fix). */
export function listenFailure(error: unknown, host: string, port: number): Error {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === 'EADDRINUSE') return new UsageError(`port ${port} on ${host} is already in use (another murmur serve?); stop that process or pick another port with --port`);
  if (code === 'EACCES') return new UsageError(`not allowed to listen on port ${port} on ${host}; ports below 1024 need privileges, pick another with --port`);
  if (code === 'EADDRNOTAVAIL') return new UsageError(`cannot listen on ${host}: no network interface has that address (check --host)`);
  return error instanceof Error ? error : new Error(String(error));
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be 0–65535, got "${value}"`);
  return port;
}

export function registerServe(program: Command) {
  program
    .command('serve')
    .description(SUMMARY.serve)
    .option('-p, --port <port>', 'port (0 picks a free one)', process.env.MURMUR_PORT ?? '8080')
    .option('--host <host>', 'address to bind; 0.0.0.0 exposes it to the network', process.env.MURMUR_HOST ?? '127.0.0.1')
    .option('--web <dir>', `built dashboard to serve (default ${DEFAULT_WEB_ROOT} when built)`)
    .option('--trust-proxy [addresses]', 'trust X-Forwarded-* headers from these reverse proxies: addresses or CIDR ranges, comma-separated (alone: a proxy on loopback)')
    .option('--secure-cookies <when>', 'auto (when the request is https), always, never', 'auto')
    .option('--no-scheduler', 'do not poll connector sources, publish due calendar posts or send due report digests from this process')
    .action(async (flags: ServeFlags, command: Command) => {
      const port = parsePort(flags.port);
      const secureCookies = ({ auto: 'auto', always: true, never: false } as const)[flags.secureCookies as 'auto'];
      if (secureCookies === undefined) throw new UsageError(`--secure-cookies must be auto, always or never, got "${flags.secureCookies}"`);
      publicBase(); // a malformed MURMUR_PUBLIC_URL stops the start, before any link is made from it
      const dashboard = dashboardRoot(flags.web);
      let trustProxy: string[] | false;
      try {
        trustProxy = trustedProxies(flags.trustProxy);
      } catch (error) {
        throw new UsageError((error as Error).message);
      }
      const store = await openCliStore(command);
      const users = await store.db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      const background: { stop(): Promise<void> }[] = [];
      const server = await startServer({
        store,
        background,
        port,
        host: flags.host,
        secureCookies,
        trustProxy,
        webRoot: dashboard.root,
      }).catch(async (error: unknown) => {
        await store.close();
        throw listenFailure(error, flags.host, port);
      });
      if (flags.scheduler) {
        // Digest links point at MURMUR_PUBLIC_URL, else at this server (core/public-url.ts).
        background.push(startDigestLoop(store, { dashboardUrl: server.url }));
        // Polls run beside the API; on stop, in-flight polls record their cursors first.
        background.push(startScheduler(store));
      }
      process.stdout.write(`Murmur is serving ${server.url}  (API ${server.url}/api/v1, docs ${server.url}/api/v1/docs)\n`);
      if (dashboard.warning) process.stdout.write(`${dashboard.warning}\n`);
      if (Number(users.n) === 0) {
        process.stdout.write('No accounts yet: create the first owner with  murmur users add EMAIL --role owner\n');
      }
      await new Promise<void>((resolve) => {
        const detach = stopOnSignals(server, () => {
          detach();
          log.info('stopped');
          resolve();
        });
      });
    });
}
