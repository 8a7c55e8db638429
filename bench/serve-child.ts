/**
 * Bench support: `murmur serve --port 0` on a store, as a child process, and its stop.
 * Shared by bench:api and bench:dos.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MURMUR_FROM_SOURCE } from '../src/cli/source-entry.ts';

export interface ServerChild {
  child: ChildProcess;
  url: string;
}

const THIS_CHECKOUT = resolve(fileURLToPath(new URL('..', import.meta.url)));

/**
 * The node arguments that run the `murmur` of the checkout at `root`: this checkout's from its
 * sources (its dist/ may be older), another's (a before/after comparison) through its bin/murmur.js.
 */
export function murmurOf(root: string): string[] {
  return resolve(root) === THIS_CHECKOUT ? [...MURMUR_FROM_SOURCE] : [join(root, 'bin/murmur.js')];
}

/** Starts the server of the Murmur checkout at `root` (see murmurOf) on `location`. */
export function startServer(root: string, location: string): Promise<ServerChild> {
  const murmur = murmurOf(root);
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [...murmur, '--db', location, 'serve', '--port', '0', '--host', '127.0.0.1'], {
      // Request logs off: the bench measures the API, not writing a log line per request.
      env: { ...process.env, MURMUR_LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    // Whatever ends this process (an error, Ctrl-C, a timeout's SIGTERM), the server goes with it.
    process.once('exit', () => child.kill('SIGKILL'));
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));
    const timer = setTimeout(() => reject(new Error('murmur serve did not start within 60 s')), 60_000);
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /serving (http:\/\/[^\s]+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        // From here on, the server's first warnings and errors go to our stderr (a few are enough to see why).
        child.stdout!.removeAllListeners('data');
        let shown = 0;
        child.stdout!.on('data', (line: Buffer) => {
          if (shown++ < 3) process.stderr.write(`server: ${line.toString().slice(0, 400)}\n`);
        });
        resolvePromise({ child, url: match[1]! });
      }
    });
    child.on('exit', (code) => reject(new Error(`murmur serve exited with ${code}: ${out}`)));
  });
}

/** SIGTERM, then SIGKILL after `graceMs`; says whether SIGTERM alone was enough. */
export async function stopServer(server: ServerChild, graceMs = 10_000): Promise<boolean> {
  const exited = new Promise((r) => server.child.once('exit', r));
  server.child.kill('SIGTERM');
  await Promise.race([exited, new Promise((r) => setTimeout(r, graceMs))]);
  if (server.child.exitCode === null && server.child.signalCode === null) {
    server.child.kill('SIGKILL');
    return false;
  }
  return true;
}
