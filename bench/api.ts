/**
 * `npm run bench:api`: load test of a real `murmur serve` on the demo data, over loopback.
 *
 * Builds the demo store (the 90-day sample stream, ~140k mentions) in a temp dir, creates
 * an owner with an API token, starts `murmur serve --port 0` as a child process, and runs
 * autocannon against the overview and the mention search at 50 concurrent connections.
 * Prints p50/p99 latency and requests/s per endpoint, and the server's CPU time per request
 * (Linux: the child's /proc stat), which still compares two runs when other jobs share the
 * machine and the latencies mostly measure waiting for a core; checks the overview's p99
 * against the 50 ms target, and stops the server. Bounded: a fixed duration per endpoint.
 *
 *   npm run bench:api                      # SQLite, 10 s per endpoint
 *   BENCH_SECONDS=5 BENCH_SCALE=0.5 npm run bench:api
 *   MURMUR_BENCH_DB=postgres://… npm run bench:api   # an EMPTY PostgreSQL database
 *   MURMUR_BENCH_DB=./demo.db BENCH_REUSE=1 npm run bench:api   # reuse a store built by a previous run
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { setMember } from '../src/accounts/members.ts';
import { createToken } from '../src/accounts/tokens.ts';
import { createUser, findUserByEmail } from '../src/accounts/users.ts';
import { runDemo } from '../src/demo/demo.ts';
import { startServer, stopServer, type ServerChild } from './serve-child.ts';
import { groundTruth, SAMPLE_START } from '../src/demo/ground-truth.ts';
import { openStore } from '../src/store/store.ts';
import { workspaceId } from '../src/store/workspaces.ts';
import { addDays } from '../src/watch/time.ts';

const ROOT = resolve(fileURLToPath(import.meta.url), '../..');
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const SCALE = Number(process.env.BENCH_SCALE ?? 1);
const REUSE = process.env.BENCH_REUSE === '1';
const OVERVIEW_P99_TARGET_MS = 50;

interface Endpoint {
  name: string;
  path: string;
}

async function prepareStore(location: string) {
  const started = Date.now();
  if (!REUSE) await runDemo({ location, scale: SCALE, force: location.startsWith('postgres') });
  const store = await openStore(location);
  try {
    const ws = await workspaceId(store);
    const user = (await findUserByEmail(store, 'bench@example.com')) ?? (await createUser(store, { email: 'bench@example.com', name: 'bench' }));
    await setMember(store, ws, user.id, 'owner');
    const { token } = await createToken(store, { userId: user.id, workspaceId: ws, name: 'bench', role: 'viewer' });
    const topic = await store.db.selectFrom('topics').select('id').where('workspace_id', '=', ws).where('role', '=', 'brand').executeTakeFirstOrThrow();
    const mentions = await store.db.selectFrom('mentions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return { token, topicId: topic.id, mentions: Number(mentions.n), seconds: (Date.now() - started) / 1000 };
  } finally {
    await store.close();
  }
}

/** CPU milliseconds the process `pid` has used so far (user + system), or NaN where there is no /proc. */
function cpuMsOf(pid: number | undefined): number {
  const stat = `/proc/${pid}/stat`;
  if (pid === undefined || !existsSync(stat)) return Number.NaN;
  // Fields 14 and 15 (utime, stime) in clock ticks of 10 ms, after the parenthesised command name.
  const line = readFileSync(stat, 'utf8');
  const fields = line.slice(line.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

async function load(url: string, token: string, endpoint: Endpoint, serverPid: number | undefined) {
  const options = { url: url + endpoint.path, headers: { authorization: `Bearer ${token}` } };
  // Warm-up: caches, the rollup, JIT.
  await autocannon({ ...options, connections: 4, amount: 40 });
  const cpuBefore = cpuMsOf(serverPid);
  const result = await autocannon({ ...options, connections: CONNECTIONS, duration: SECONDS });
  const cpuMs = cpuMsOf(serverPid) - cpuBefore;
  if (result.non2xx > 0 || result.errors > 0) {
    const sample = await fetch(options.url, { headers: options.headers });
    throw new Error(`${endpoint.name}: ${result.non2xx} non-2xx answers and ${result.errors} errors; now: ${sample.status} ${(await sample.text()).slice(0, 300)}`);
  }
  return { name: endpoint.name, p50: result.latency.p50, p99: result.latency.p99, rps: result.requests.average, total: result.requests.total, cpuMsPerRequest: cpuMs / result.requests.total };
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'murmur-bench-api-'));
  const location = process.env.MURMUR_BENCH_DB ?? join(dir, 'bench.db');
  let server: ServerChild | undefined;
  try {
    process.stdout.write(`building the demo store (scale ${SCALE}) at ${location.replace(/:[^:@/]*@/, ':***@')} …\n`);
    const prepared = await prepareStore(location);
    process.stdout.write(`  ${prepared.mentions.toLocaleString('en')} mentions in ${prepared.seconds.toFixed(1)} s\n`);
    server = await startServer(ROOT, location);
    const crisisDay = addDays(SAMPLE_START, groundTruth.crisis.day);
    const q = encodeURIComponent('Brewly AND (late OR broken OR refund*)');
    const ws = '/api/v1/workspaces/default';
    const endpoints: Endpoint[] = [
      { name: 'overview (crisis day)', path: `${ws}/watch/overview?topic=${prepared.topicId}&date=${crisisDay}&tz=Europe/Paris` },
      { name: 'mentions, newest 50', path: `${ws}/mentions?limit=50` },
      { name: 'mentions, topic + lang', path: `${ws}/mentions?topic=${prepared.topicId}&lang=fr&limit=50` },
      { name: 'mentions, query language', path: `${ws}/mentions?q=${q}&limit=50` },
    ];
    // The first answer is computed by the Watch loaders; later ones come from the answer cache until data changes.
    const coldStart = performance.now();
    const cold = await fetch(server.url + endpoints[0]!.path, { headers: { authorization: `Bearer ${prepared.token}` } });
    if (!cold.ok) throw new Error(`overview answered ${cold.status}: ${(await cold.text()).slice(0, 300)}`);
    process.stdout.write(`  first (uncached) overview: ${(performance.now() - coldStart).toFixed(0)} ms\n`);
    process.stdout.write(`\n${CONNECTIONS} connections, ${SECONDS} s per endpoint, ${server.url}\n\n`);
    process.stdout.write(`${'endpoint'.padEnd(28)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'req/s'.padStart(9)} ${'requests'.padStart(9)} ${'server CPU ms/req'.padStart(18)}\n`);
    const results = [];
    for (const endpoint of endpoints) {
      const r = await load(server.url, prepared.token, endpoint, server.child.pid);
      results.push(r);
      process.stdout.write(`${r.name.padEnd(28)} ${String(r.p50).padStart(8)} ${String(r.p99).padStart(8)} ${r.rps.toFixed(0).padStart(9)} ${String(r.total).padStart(9)} ${r.cpuMsPerRequest.toFixed(2).padStart(18)}\n`);
    }
    const overview = results[0]!;
    const kind = location.startsWith('postgres') ? 'PostgreSQL' : 'SQLite';
    process.stdout.write(
      `\noverview p99 ${overview.p99} ms on ${kind}: ${overview.p99 < OVERVIEW_P99_TARGET_MS ? 'meets' : 'MISSES'} the ${OVERVIEW_P99_TARGET_MS} ms target\n`,
    );
  } finally {
    if (server) await stopServer(server);
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
