/**
 * `murmur serve`: the HTTP API and the dashboard from one process, on the same store
 * as the CLI. Binds to loopback unless told otherwise: exposing it is a choice.
 */
import type { Command } from 'commander';
import { log } from '../../core/log.ts';
import { startScheduler } from '../../listen/scheduler/scheduler.ts';
import { startServer, stopOnSignals } from '../../server/lifecycle.ts';
import { DEFAULT_WEB_ROOT } from '../../server/server.ts';
import { openStore, resolveStoreLocation } from '../../store/store.ts';
import { globalOptions, UsageError } from '../context.ts';

interface ServeFlags {
  port: string;
  host: string;
  web?: string;
  trustProxy?: boolean;
  secureCookies: string;
  scheduler: boolean;
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be 0–65535, got "${value}"`);
  return port;
}

export function registerServe(program: Command) {
  program
    .command('serve')
    .description('serve the HTTP API (/api/v1, docs at /api/v1/docs) and the dashboard')
    .option('-p, --port <port>', 'port (0 picks a free one)', process.env.MURMUR_PORT ?? '8080')
    .option('--host <host>', 'address to bind; 0.0.0.0 exposes it to the network', process.env.MURMUR_HOST ?? '127.0.0.1')
    .option('--web <dir>', `built dashboard to serve (default ${DEFAULT_WEB_ROOT} when built)`)
    .option('--trust-proxy', 'trust X-Forwarded-* headers from a reverse proxy (TLS termination)')
    .option('--secure-cookies <when>', 'auto (when the request is https), always, never', 'auto')
    .option('--no-scheduler', 'do not poll connector sources or publish due calendar posts from this process')
    .action(async (flags: ServeFlags, command: Command) => {
      const port = parsePort(flags.port);
      const secureCookies = ({ auto: 'auto', always: true, never: false } as const)[flags.secureCookies as 'auto'];
      if (secureCookies === undefined) throw new UsageError(`--secure-cookies must be auto, always or never, got "${flags.secureCookies}"`);
      const store = await openStore(resolveStoreLocation(globalOptions(command).db));
      const users = await store.db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      const background: { stop(): Promise<void> }[] = [];
      const server = await startServer({
        store,
        background,
        port,
        host: flags.host,
        secureCookies,
        trustProxy: flags.trustProxy ?? false,
        ...(flags.web ? { webRoot: flags.web } : {}),
      });
      if (flags.scheduler) {
        // Polls run beside the API; on stop, in-flight polls record their cursors first.
        background.push(startScheduler(store, { onIngested: (workspaceId, result) => {
            if (result.inserted + result.updated > 0) server.app.alerts.schedule(workspaceId);
          }, }));
      }
      process.stdout.write(`Murmur is serving ${server.url}  (API ${server.url}/api/v1, docs ${server.url}/api/v1/docs)\n`);
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
