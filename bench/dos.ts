/**
 * `npm run bench:dos`: does `murmur serve` stay responsive under the denial-of-service cases
 * of issue 14 and during a large import? Prints /healthz latency (p50, p99, max, probes
 * over 100 ms) per phase, on a real server over loopback:
 *
 *   idle         nothing else going on (the reference)
 *   wildcard     GET /mentions?q=a*a*…*b as a viewer, one stored 40,000-letter mention
 *   cache        a viewer asks for many distinct /mentions?limit=500&to=… pages of 40k-char
 *                mentions; the server's RSS before and after is printed too
 *   import       `murmur import` of BENCH_IMPORT_ROWS rows in another process while a viewer
 *                asks for the overview again and again (answered count and latency printed)
 *   topic        the wildcard query saved as a topic (re-matches the stored mentions)
 *
 * Each request is given BENCH_TIMEOUT seconds; then it is abandoned and the phase goes on.
 * BENCH_PHASES picks phases (comma-separated): a server stuck in one (the wildcard search
 * on code before issue 14) answers nothing after it.
 *
 *   npm run bench:dos
 *   BENCH_SCALE=0.2 BENCH_IMPORT_ROWS=300000 npm run bench:dos
 *   MURMUR_BENCH_DB=postgres://… npm run bench:dos   # an EMPTY PostgreSQL database
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setMember } from '../src/accounts/members.ts';
import { createToken } from '../src/accounts/tokens.ts';
import { createUser } from '../src/accounts/users.ts';
import { runDemo } from '../src/demo/demo.ts';
import { groundTruth, SAMPLE_START } from '../src/demo/ground-truth.ts';
import { openStore } from '../src/store/store.ts';
import { workspaceId } from '../src/store/workspaces.ts';
import { addDays } from '../src/watch/time.ts';
import { murmurOf, startServer, stopServer, type ServerChild } from './serve-child.ts';

const ROOT = resolve(fileURLToPath(import.meta.url), '../..');
const SCALE = Number(process.env.BENCH_SCALE ?? 0.1);
const TIMEOUT = Number(process.env.BENCH_TIMEOUT ?? 30) * 1000;
const IMPORT_ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 200_000);
const CACHE_URLS = Number(process.env.BENCH_CACHE_URLS ?? 40);
const LONG_MENTIONS = Number(process.env.BENCH_LONG_MENTIONS ?? 300);
const WILDCARD = `${'a*'.repeat(14)}b`;
const PHASES = new Set((process.env.BENCH_PHASES ?? 'idle,wildcard,cache,import,topic').split(','));

async function prepareStore(location: string) {
  await runDemo({ location, scale: SCALE, force: location.startsWith('postgres') });
  const store = await openStore(location);
  try {
    const ws = await workspaceId(store);
    const user = await createUser(store, { email: 'bench@example.com', name: 'bench' });
    await setMember(store, ws, user.id, 'owner');
    const viewer = (await createToken(store, { userId: user.id, workspaceId: ws, name: 'viewer', role: 'viewer' })).token;
    const editor = (await createToken(store, { userId: user.id, workspaceId: ws, name: 'editor', role: 'editor' })).token;
    const topic = await store.db.selectFrom('topics').select('id').where('workspace_id', '=', ws).where('role', '=', 'brand').executeTakeFirstOrThrow();
    return { viewer, editor, topicId: topic.id };
  } finally {
    await store.close();
  }
}

/** Polls /healthz one request after another until stopped; latencies in ms. */
function probeHealth(url: string) {
  const latencies: number[] = [];
  let running = true;
  const done = (async () => {
    while (running) {
      const started = performance.now();
      try {
        await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(TIMEOUT) });
      } catch {
        // Timed out: counted at its full wait.
      }
      latencies.push(performance.now() - started);
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  return {
    async stop() {
      running = false;
      await done;
      return latencies;
    },
  };
}

function stats(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  return { n: sorted.length, p50: at(0.5), p99: at(0.99), max: sorted.at(-1) ?? NaN, over100: sorted.filter((v) => v > 100).length };
}

const ms = (v: number) => `${v.toFixed(0)} ms`.padStart(9);

function report(phase: string, latencies: number[], extra = '') {
  const s = stats(latencies);
  process.stdout.write(
    `${phase.padEnd(10)} health p50 ${ms(s.p50)}  p99 ${ms(s.p99)}  max ${ms(s.max)}  over 100 ms: ${String(s.over100).padStart(3)}/${s.n}${extra ? `  | ${extra}` : ''}\n`,
  );
}

async function timed(request: () => Promise<Response>): Promise<{ ms: number; status: number | string; body: string }> {
  const started = performance.now();
  try {
    const response = await request();
    const body = await response.text();
    return { ms: performance.now() - started, status: response.status, body };
  } catch (error) {
    return { ms: performance.now() - started, status: (error as Error).name === 'TimeoutError' ? 'timeout' : String(error), body: '' };
  }
}

/** Runs `work` while probing health; prints the phase line. */
async function phase(name: string, url: string, work: () => Promise<string>) {
  if (!PHASES.has(name)) return;
  const probe = probeHealth(url);
  const extra = await work();
  report(name, await probe.stop(), extra);
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024;
}

function writeImportFile(path: string, rows: number) {
  const start = Date.parse(`${SAMPLE_START}T00:00:00Z`);
  const lines: string[] = [];
  for (let i = 0; i < rows; i++) {
    const at = new Date(start + Math.floor((i / rows) * 90 * 86_400_000)).toISOString();
    lines.push(JSON.stringify({ id: `bench-${i}`, text: `Brewly order ${i} arrived ${i % 7 === 0 ? 'late and broken' : 'on time'} #brewly`, published_at: at, author: `buyer${i % 5000}` }));
  }
  writeFileSync(path, `${lines.join('\n')}\n`);
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'murmur-bench-dos-'));
  const location = process.env.MURMUR_BENCH_DB ?? join(dir, 'bench.db');
  let server: ServerChild | undefined;
  try {
    process.stdout.write(`building the demo store (scale ${SCALE}) …\n`);
    const { viewer, editor, topicId } = await prepareStore(location);
    server = await startServer(ROOT, location);
    const url = server.url;
    const ws = `${url}/api/v1/workspaces/default`;
    const as = (token: string) => ({ authorization: `Bearer ${token}`, 'content-type': 'application/json' });
    const push = (mentions: unknown[]) =>
      fetch(`${ws}/mentions`, { method: 'POST', headers: as(editor), body: JSON.stringify({ mentions }), signal: AbortSignal.timeout(TIMEOUT) });
    const long = (i: number) => ({
      source: 'webhook',
      externalId: `long-${i}`,
      author: { handle: `long${i}` },
      text: 'a'.repeat(40_000),
      publishedAt: new Date(Date.parse(`${SAMPLE_START}T00:00:00Z`) + i * 3_600_000).toISOString(),
    });
    process.stdout.write(`server ${url}, ${process.env.MURMUR_BENCH_DB ? 'PostgreSQL' : 'SQLite'}\n\n`);

    await phase('idle', url, async () => {
      await new Promise((r) => setTimeout(r, 2000));
      return '';
    });

    const stored = await push([long(0)]);
    if (!stored.ok) throw new Error(`push answered ${stored.status}: ${await stored.text()}`);
    await phase('wildcard', url, async () => {
      const r = await timed(() => fetch(`${ws}/mentions?q=${encodeURIComponent(WILDCARD)}&limit=50`, { headers: as(viewer), signal: AbortSignal.timeout(TIMEOUT) }));
      return `search ${r.status} in ${r.ms.toFixed(0)} ms`;
    });

    for (let i = 1; PHASES.has('cache') && i < LONG_MENTIONS; i += 100) {
      const batch = Array.from({ length: Math.min(100, LONG_MENTIONS - i) }, (_, k) => long(i + k));
      const r = await push(batch);
      if (!r.ok) throw new Error(`push answered ${r.status}: ${await r.text()}`);
    }
    await phase('cache', url, async () => {
      const before = rssMb(server!.child.pid!);
      let peak = before;
      let bytes = 0;
      for (let i = 0; i < CACHE_URLS; i++) {
        // Just after the long mentions, a second apart: distinct URLs, pages full of 40k-char texts.
        const to = new Date(Date.parse(`${SAMPLE_START}T00:00:00Z`) + LONG_MENTIONS * 3_600_000 - i * 1000).toISOString();
        const r = await timed(() => fetch(`${ws}/mentions?limit=500&to=${to}`, { headers: as(viewer), signal: AbortSignal.timeout(TIMEOUT) }));
        bytes = Math.max(bytes, r.body.length);
        peak = Math.max(peak, rssMb(server!.child.pid!));
      }
      return `${CACHE_URLS} pages (largest ${(bytes / 1e6).toFixed(1)} MB), server RSS ${before.toFixed(0)} -> ${rssMb(server!.child.pid!).toFixed(0)} MB (peak ${peak.toFixed(0)})`;
    });

    const file = join(dir, 'import.jsonl');
    if (PHASES.has('import')) writeImportFile(file, IMPORT_ROWS);
    const crisisDay = addDays(SAMPLE_START, groundTruth.crisis.day);
    await phase('import', url, async () => {
      const started = performance.now();
      const importer = spawn(process.execPath, [...murmurOf(ROOT), '--db', location, 'import', file, '--no-enrich', '--no-progress'], {
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      const finished = new Promise<number | null>((r) => importer.once('exit', r));
      let importing = true;
      void finished.then(() => (importing = false));
      const overview: number[] = [];
      let failed = 0;
      let day = 0;
      while (importing) {
        // A different day each time: a cached answer would say nothing.
        const date = addDays(crisisDay, -(day++ % 60));
        const r = await timed(() => fetch(`${ws}/watch/overview?topic=${topicId}&date=${date}&tz=UTC`, { headers: as(viewer), signal: AbortSignal.timeout(TIMEOUT) }));
        if (r.status === 200) overview.push(r.ms);
        else failed++;
      }
      const code = await finished;
      const o = stats(overview);
      return `import of ${IMPORT_ROWS.toLocaleString('en')} rows (exit ${code}) ${((performance.now() - started) / 1000).toFixed(1)} s; overview answered ${o.n} (${failed} failed), p50 ${o.p50.toFixed(0)} ms, max ${o.max.toFixed(0)} ms`;
    });

    await phase('topic', url, async () => {
      const r = await timed(() =>
        fetch(`${ws}/topics`, { method: 'POST', headers: as(editor), body: JSON.stringify({ name: 'Wildcards', query: WILDCARD }), signal: AbortSignal.timeout(TIMEOUT) }),
      );
      return `topic saved: ${r.status} in ${r.ms.toFixed(0)} ms`;
    });
  } finally {
    if (server) {
      const graceful = await stopServer(server);
      process.stdout.write(`\nSIGTERM ${graceful ? 'stopped the server' : 'did NOT stop the server within 10 s (SIGKILL)'}\n`);
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
