/**
 * `npm run bench:ingest`: how fast `murmur import` stores mentions, and how much
 * memory it needs.
 *
 * Generates 1,000,000 realistic mentions as JSONL under bench/.data/ (git-ignored,
 * never committed): the bundled multilingual sample posts with brand names, hashtags,
 * handles and links woven in, 100k authors, 90 days, engagement counts. Then runs the
 * real CLI (`node bin/murmur.js import`) as a child process into a fresh SQLite file,
 * twice: a first import (all new) and a re-import of the same file (all updates).
 * Prints rows/s (wall clock), the child's peak RSS and its CPU time (getrusage, written at
 * exit): on a shared machine CPU time shows the cost when wall clock cannot.
 *
 *   npm run bench:ingest                          # 1M rows, with and without enrichment
 *   npm run bench:ingest -- --rows 200000 --modes no-enrich
 *   npm run bench:ingest -- --gzip                # the same rows, gzip-compressed input
 *   npm run bench:ingest -- --workers 0           # everything on one thread (default: one worker on 2+ cores)
 */
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createGzip } from 'node:zlib';
import { Random } from '../src/core/random.ts';
import { loadSampleTexts } from '../src/demo/sample-stream.ts';
import { MURMUR_FROM_SOURCE } from '../src/cli/source-entry.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = join(root, 'bench', '.data');

const { values: args } = parseArgs({
  options: {
    rows: { type: 'string', default: '1000000' },
    modes: { type: 'string', default: 'enrich,no-enrich' },
    gzip: { type: 'boolean', default: false },
    'batch-size': { type: 'string' },
    workers: { type: 'string' },
    keep: { type: 'boolean', default: false },
  },
});
const rows = Number(args.rows);

const BRANDS = ['Brewly', 'Kaffio', 'Beanstack'];
const TAGS = ['coffee', 'BrewlyMoments', 'latte', 'morningbrew', 'kaffee', 'café', 'espresso', 'кафе', 'kopi', 'barista'];
const SITES = ['mastodon.social', 'bsky.app', 'www.reddit.com', 'news.ycombinator.com', 'coffeenews.example'];
const SOURCES = ['mastodon', 'bluesky', 'reddit', 'hackernews', 'rss'];
const DAY = 86_400_000;

/** Writes the JSONL file (or reuses one from an earlier run with the same row count). */
async function generate(path: string): Promise<void> {
  if (existsSync(path)) return;
  const texts = loadSampleTexts();
  const random = new Random(42);
  const start = Date.UTC(2026, 7, 3);
  const partial = `${path}.partial`;
  const file = createWriteStream(partial);
  const out = args.gzip ? createGzip({ level: 6 }) : file;
  if (args.gzip) out.pipe(file);
  let buffer = '';
  for (let i = 0; i < rows; i++) {
    const sample = random.pick(texts);
    const brand = random.pick(BRANDS);
    const author = `user${random.int(0, 100_000)}`;
    const site = random.int(0, SITES.length);
    const tags = random.next() < 0.4 ? ` #${random.pick(TAGS)}` : '';
    const handle = random.next() < 0.2 ? `@${brand.toLowerCase()} ` : '';
    const row = {
      id: `${SOURCES[site]}-${i}`,
      text: `${handle}${sample.text} ${brand}${tags}`,
      created_at: new Date(start + Math.floor(random.next() * 90 * DAY)).toISOString(),
      author,
      author_name: `User ${author.slice(4)}`,
      followers: random.int(0, 50_000),
      url: `https://${SITES[site]}/posts/${i}`,
      likes: random.int(0, 500),
      shares: random.int(0, 50),
      replies: random.int(0, 30),
      network: SOURCES[site],
    };
    buffer += `${JSON.stringify(row)}\n`;
    if (buffer.length > 1 << 20) {
      if (!out.write(buffer)) await once(out, 'drain');
      buffer = '';
    }
  }
  out.end(buffer);
  await once(file, 'close');
  renameSync(partial, path);
}

interface RunResult {
  rowsPerSecond: number;
  seconds: number;
  imported: number;
  updated: number;
  rejected: number;
  peakRssMb: number;
  /** CPU time of the whole child (start-up included): shows the cost even when others share the CPU. */
  cpuSeconds: number;
}

// Loaded into the child with --import: records the process's peak RSS (getrusage) at exit.
const RSS_HOOK = `data:text/javascript,${encodeURIComponent(
  "import { writeFileSync } from 'node:fs'; process.on('exit', () => { const u = process.resourceUsage(); writeFileSync(process.env.MURMUR_BENCH_RSS_FILE, JSON.stringify({ maxRssKb: u.maxRSS, cpuSeconds: (u.userCPUTime + u.systemCPUTime) / 1e6 })); });",
)}`;

/** Runs the CLI with `args`; returns its stdout, peak RSS and CPU time. */
async function runCli(cliArgs: string[]): Promise<{ stdout: string; peakRssMb: number; cpuSeconds: number }> {
  const rssFile = join(dataDir, 'max-rss.txt');
  const child = spawn(process.execPath, ['--import', RSS_HOOK, ...MURMUR_FROM_SOURCE, ...cliArgs], {
    env: { ...process.env, MURMUR_BENCH_RSS_FILE: rssFile },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  const [code] = (await once(child, 'close')) as [number];
  if (code !== 0) throw new Error(`murmur ${cliArgs.join(' ')} exited with ${code}: ${stdout}`);
  const usage = JSON.parse(readFileSync(rssFile, 'utf8')) as { maxRssKb: number; cpuSeconds: number };
  return { stdout, peakRssMb: Math.round(usage.maxRssKb / 1024), cpuSeconds: usage.cpuSeconds };
}

async function runImport(db: string, input: string, enrich: boolean): Promise<RunResult> {
  const argv = ['--db', db, 'import', input, '--json', '--no-progress'];
  if (!enrich) argv.push('--no-enrich');
  if (args['batch-size']) argv.push('--batch-size', args['batch-size']);
  if (args.workers) argv.push('--workers', args.workers);
  const { stdout, peakRssMb, cpuSeconds } = await runCli(argv);
  return { ...(JSON.parse(stdout) as Omit<RunResult, 'peakRssMb' | 'cpuSeconds'>), peakRssMb, cpuSeconds };
}

function line(label: string, r: RunResult): string {
  return `${label.padEnd(26)} ${r.rowsPerSecond.toLocaleString('en').padStart(9)} rows/s  ${r.seconds.toFixed(1).padStart(6)} s  peak RSS ${String(r.peakRssMb).padStart(4)} MB  CPU ${r.cpuSeconds.toFixed(1)} s = ${Math.round((r.imported + r.updated + r.rejected) / r.cpuSeconds).toLocaleString('en')} rows per CPU-second  (new ${r.imported.toLocaleString('en')}, updated ${r.updated.toLocaleString('en')}, rejected ${r.rejected})`;
}

async function main() {
  mkdirSync(dataDir, { recursive: true });
  const input = join(dataDir, `mentions-${rows}.jsonl${args.gzip ? '.gz' : ''}`);
  const t0 = performance.now();
  await generate(input);
  console.log(`input: ${input} (${(statSync(input).size / 1e6).toFixed(0)} MB, ${rows.toLocaleString('en')} rows; ready in ${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  console.log(`machine: ${cpus().length} cores, Node ${process.version}; other jobs on the machine may share the CPU`);
  // What every murmur command costs before it does anything: part of each figure below.
  console.log(`baseline: \`murmur --version\` (Node, the TypeScript loader, no command) peak RSS ${(await runCli(['--version'])).peakRssMb} MB`);
  for (const mode of args.modes.split(',')) {
    const enrich = mode === 'enrich';
    const db = join(dataDir, `bench-${mode}.db`);
    for (const suffix of ['', '-wal', '-shm']) rmSync(db + suffix, { force: true });
    const first = await runImport(db, input, enrich);
    console.log(line(`${mode}: first import`, first));
    const again = await runImport(db, input, enrich);
    console.log(line(`${mode}: re-import`, again));
    if (!args.keep) for (const suffix of ['', '-wal', '-shm']) rmSync(db + suffix, { force: true });
  }
}

await main();
