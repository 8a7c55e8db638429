/**
 * `npm run bench:web`: how long the overview takes to render in Chromium on the demo data.
 *
 * Builds the web app if needed, makes the demo store (`murmur demo`, full 90-day sample
 * stream unless BENCH_SCALE says otherwise), starts `murmur serve` on a free loopback port,
 * signs in, then loads the overview RUNS times and measures, in the page, the time from
 * navigation start until the KPI figures and the hourly chart are on screen (rAF polling),
 * and how long the overview API call itself took (Resource Timing). Prints median and
 * worst; the target is a median under 1 s. Everything it starts is stopped at the end.
 *
 *   npm run bench:web
 *   BENCH_SCALE=0.25 BENCH_RUNS=5 npm run bench:web
 *   BENCH_DB=./murmur-demo.db npm run bench:web     # a demo store made before (not deleted)
 */
import { join } from 'node:path';
import { ensureWebBuilt, launchBrowser, startServer, tempDir } from './harness.ts';
import { addDemoUser, createDemoStore, DEMO_USER } from './seed.ts';

const SCALE = Number(process.env.BENCH_SCALE ?? 1);
const RUNS = Number(process.env.BENCH_RUNS ?? 10);
const REUSED_DB = process.env.BENCH_DB;
const TARGET_MS = 1000;

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

async function main() {
  const dir = tempDir('murmur-bench-web-');
  const db = REUSED_DB ?? join(dir.path, 'murmur.db');
  let stopServer: (() => Promise<void>) | null = null;
  let closeBrowser: (() => Promise<void>) | null = null;
  try {
    let started = Date.now();
    ensureWebBuilt();
    process.stdout.write(`web build ready in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    started = Date.now();
    if (REUSED_DB) addDemoUser(db);
    else createDemoStore(db, SCALE);
    process.stdout.write(`${REUSED_DB ? `store ${REUSED_DB}` : `demo store (scale ${SCALE})`} ready in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    const server = await startServer(db);
    stopServer = server.stop;
    const context = await launchBrowser(join(dir.path, 'profile'));
    closeBrowser = () => context.close();
    const page = await context.newPage();
    await page.goto(`${server.url}/`);
    await page.getByLabel('Email').fill(DEMO_USER.email);
    await page.getByLabel('Password').fill(DEMO_USER.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('kpi-mentions').waitFor({ timeout: 60_000 });

    const render: number[] = [];
    const api: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      await page.goto(`${server.url}/`, { waitUntil: 'commit' });
      await page.waitForFunction(() => document.querySelector('[data-testid="kpi-mentions"]') && document.querySelector('.chart svg path'), undefined, {
        polling: 'raf',
        timeout: 30_000,
      });
      const timing = await page.evaluate(() => {
        const overview = performance.getEntriesByType('resource').find((e) => e.name.includes('/watch/overview'));
        return { render: performance.now(), api: overview ? overview.duration : NaN };
      });
      render.push(timing.render);
      api.push(timing.api);
    }
    // Where the time of the last run went: each request's start and end since navigation.
    const waterfall = await page.evaluate(() =>
      (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
        .map((e) => ({ name: new URL(e.name).pathname, start: e.startTime, end: e.responseEnd }))
        .sort((a, b) => a.start - b.start),
    );
    process.stdout.write('last run, requests (ms since navigation start):\n');
    for (const r of waterfall) process.stdout.write(`  ${r.start.toFixed(0).padStart(5)} → ${r.end.toFixed(0).padStart(5)}  ${r.name}\n`);
    const line = (name: string, values: number[]) =>
      `${name.padEnd(26)} median ${median(values).toFixed(0).padStart(5)} ms   worst ${Math.max(...values).toFixed(0).padStart(5)} ms   (${values.length} runs)`;
    process.stdout.write(`${line('overview on screen', render)}\n${line('  of which /watch/overview', api)}\n`);
    const ok = median(render) < TARGET_MS;
    process.stdout.write(`target: median under ${TARGET_MS} ms — ${ok ? 'met' : 'NOT met'}\n`);
    process.exitCode = ok ? 0 : 1;
  } finally {
    await closeBrowser?.();
    await stopServer?.();
    dir.remove();
  }
}

await main();
