/**
 * `npm run bench:export -- [--mentions 1000000] [--db path] [--formats csv,xlsx] [--keep]`
 *
 * Exports every mention of a store as CSV and as XLSX (`murmur mentions export`'s code:
 * src/listen/lists/export/), each in a child process of its own so its peak RSS is the
 * export's alone, and prints rows, time, file size and peak RSS. Memory must stay flat:
 * a tenth of the mentions is exported first, and the peak for all of them should be
 * about the same. The store is written with prepared statements, not the NLP pipeline
 * (bench:ingest measures that).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mentionTable } from '../src/listen/lists/export/mention-table.ts';
import type { ExportFormat } from '../src/listen/lists/export/table.ts';
import { writeTable } from '../src/listen/lists/export/write.ts';
import { ensureBenchStore, YEAR_MS, YEAR_START } from './generate-mentions.ts';
import { openStore } from '../src/store/store.ts';
import { workspaceId } from '../src/store/workspaces.ts';

const args = process.argv.slice(2);
const flag = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
};

/** Child mode: export, then print one JSON line with what it cost. */
async function child(db: string, format: ExportFormat, out: string, from: string | undefined): Promise<void> {
  const store = await openStore(db);
  const started = performance.now();
  const ws = await workspaceId(store);
  const table = await mentionTable(store, ws, from ? { from: new Date(from) } : {});
  const rows = await writeTable(format, table, createWriteStream(out));
  const ms = performance.now() - started;
  await store.close();
  process.stdout.write(`${JSON.stringify({ rows, ms, maxRssMb: process.resourceUsage().maxRSS / 1024 })}\n`);
}

async function main(): Promise<void> {
  if (args[0] === '--child') return child(args[1]!, args[2] as ExportFormat, args[3]!, args[4]);
  const total = Number(flag('mentions', '1000000'));
  const dir = mkdtempSync(join(tmpdir(), 'murmur-bench-export-'));
  const db = flag('db', join(dir, 'bench.db'));
  try {
    await ensureBenchStore(db, total);
    // The last tenth of the year holds a tenth of the mentions.
    const tenth = new Date(YEAR_START + 0.9 * YEAR_MS).toISOString();
    const formats = flag('formats', 'csv,xlsx').split(',') as ExportFormat[];
    for (const format of formats) {
      for (const [label, from] of [['a tenth', tenth], ['all', undefined]] as const) {
        const out = join(dir, `export.${format}`);
        const run = spawnSync(process.execPath, ['--import', 'tsx', new URL(import.meta.url).pathname, '--child', db, format, out, ...(from ? [from] : [])], { encoding: 'utf8' });
        if (run.status !== 0) throw new Error(`export child failed:\n${run.stderr}`);
        const result = JSON.parse(run.stdout.trim().split('\n').at(-1)!) as { rows: number; ms: number; maxRssMb: number };
        const mb = statSync(out).size / 1024 / 1024;
        console.log(
          `${format.padEnd(4)} ${label.padEnd(7)} ${result.rows.toLocaleString('en').padStart(9)} rows  ${(result.ms / 1000).toFixed(1).padStart(6)} s  ` +
            `${Math.round(result.rows / (result.ms / 1000)).toLocaleString('en').padStart(7)} rows/s  file ${mb.toFixed(0).padStart(4)} MB  peak RSS ${result.maxRssMb.toFixed(0)} MB`,
        );
      }
    }
  } finally {
    if (!args.includes('--keep')) rmSync(dir, { recursive: true, force: true });
    else console.log(`kept ${dir}`);
  }
}

await main();
