/**
 * `npm run bench:roi`: CRM import throughput and ROI report latency.
 *
 * Writes a synthetic CRM export of BENCH_ROWS rows (default 200,000: leads and sales of
 * 20 campaigns, half the sales with an earlier lead of the same contact) to a temp dir,
 * imports it into a fresh store, imports it again (all duplicates: the idempotent path),
 * then times the ROI report under both attribution models. Prints rows/s and ms.
 *
 *   npm run bench:roi
 *   BENCH_ROWS=50000 npm run bench:roi
 *   MURMUR_BENCH_DB=postgres://… npm run bench:roi   # an EMPTY PostgreSQL database
 *   BENCH_KEEP_DB=/tmp/roi.db npm run bench:roi       # keep the SQLite store for profiling
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seededRandom } from '../src/core/random.ts';
import { addCampaign } from '../src/roi/campaigns.ts';
import { importConversionsCsv } from '../src/roi/crm-csv.ts';
import { roiReport } from '../src/roi/report.ts';
import { openStore } from '../src/store/store.ts';

const ROWS = Number(process.env.BENCH_ROWS ?? 200_000);
const CAMPAIGNS = 20;
const dir = mkdtempSync(join(tmpdir(), 'murmur-bench-roi-'));

try {
  const random = seededRandom(42);
  const start = Date.parse('2026-01-01T00:00:00Z');
  const lines = ['event_id,stage,occurred_at,contact_id,revenue,currency,utm_source,utm_medium,utm_campaign'];
  for (let i = 0; i < ROWS; i++) {
    const sale = i % 2 === 1;
    // A sale's contact is the previous lead's contact: the path has two touches.
    const contact = `c-${sale ? i - 1 : i}`;
    const campaign = `campaign-${Math.floor(random() * CAMPAIGNS)}`;
    const at = new Date(start + Math.floor(random() * 180) * 86_400_000 + (sale ? 86_400_000 : 0)).toISOString();
    lines.push(`ev-${i},${sale ? 'sale' : 'lead'},${at},${contact},${sale ? (20 + random() * 200).toFixed(2) : ''},EUR,mastodon,social,${campaign}`);
  }
  const file = join(dir, 'crm.csv');
  writeFileSync(file, `${lines.join('\n')}\n`);

  const store = await openStore(process.env.MURMUR_BENCH_DB ?? process.env.BENCH_KEEP_DB ?? join(dir, 'bench.db'));
  for (let c = 0; c < CAMPAIGNS; c++) await addCampaign(store, 1, { name: `Campaign ${c}`, utmCampaign: `campaign-${c}`, channel: c % 2 ? 'mastodon' : 'email', start: '2026-01-01', costMoney: 1000 });

  const time = async <T>(fn: () => Promise<T>): Promise<[T, number]> => {
    const t0 = performance.now();
    const result = await fn();
    return [result, performance.now() - t0];
  };
  const [first, firstMs] = await time(() => importConversionsCsv(store, 1, file));
  const [second, secondMs] = await time(() => importConversionsCsv(store, 1, file));
  const [, lastMs] = await time(() => roiReport(store, 1, { attribution: 'last' }));
  const [, linearMs] = await time(() => roiReport(store, 1, { attribution: 'linear', by: 'channel' }));
  await store.close();

  const rate = (ms: number) => Math.round(ROWS / (ms / 1000)).toLocaleString('en');
  process.stdout.write(
    [
      `store: ${store.driver.kind}, ${ROWS.toLocaleString('en')} CRM rows, ${CAMPAIGNS} campaigns`,
      `first import:   ${first.inserted.toLocaleString('en')} inserted in ${(firstMs / 1000).toFixed(2)} s (${rate(firstMs)} rows/s), ${first.rejectedCount} rejected`,
      `second import:  ${second.duplicates.toLocaleString('en')} duplicates, ${second.inserted} inserted in ${(secondMs / 1000).toFixed(2)} s (${rate(secondMs)} rows/s)`,
      `ROI report:     last-touch by campaign ${lastMs.toFixed(0)} ms, linear by channel ${linearMs.toFixed(0)} ms`,
    ].join('\n') + '\n',
  );
  if (first.inserted !== ROWS || second.inserted !== 0) {
    process.stderr.write('unexpected counts: the import is not idempotent\n');
    process.exitCode = 1;
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
