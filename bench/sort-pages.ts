/**
 * `npm run bench:sort -- [--mentions 1000000] [--db path] [--keep]`
 *
 * What a deep page of the mention list costs in the "reach", "engagement" and "negative"
 * orders (src/listen/lists/sort.ts), with and without their indexes (migrations 5170, 5180), on a
 * SQLite store of `--mentions` mentions (bench/generate-mentions.ts). A deep page is the
 * page after the mention at rank 1/2 of the store, read by `searchMentions` from its
 * cursor exactly as the API and the CLI read it; the time is the median of 7 reads.
 * "Before" drops the indexes (as a store before 5170 was), "after" rebuilds them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeSortCursor, orderTerms, positionOf, type MentionSort } from '../src/listen/lists/sort.ts';
import { searchMentions } from '../src/listen/search.ts';
import type { MentionRow } from '../src/store/mentions.ts';
import { DEFERRED_INDEXES } from '../src/store/sqlite/bulk-load.ts';
import type { SqliteDriver } from '../src/store/sqlite/sqlite-driver.ts';
import { openStore, type Store } from '../src/store/store.ts';
import { workspaceId } from '../src/store/workspaces.ts';
import { ensureBenchStore } from './generate-mentions.ts';

const args = process.argv.slice(2);
const flag = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
};

const SORTS: MentionSort[] = ['reach', 'engagement', 'negative'];
const INDEXES = ['mentions_reach_order', 'mentions_engagement_order', 'mentions_negative_order'] as const;
const RUNS = 7;
const PAGE = 50;

/** The cursor of the row at `rank` in `sort` (found once, untimed). */
async function cursorAt(store: Store, ws: number, sort: MentionSort, rank: number): Promise<string> {
  let query = store.db.selectFrom('mentions').selectAll().where('workspace_id', '=', ws);
  for (const term of orderTerms(sort)) query = query.orderBy(term.expression, term.direction);
  const row = (await query.limit(1).offset(rank).executeTakeFirstOrThrow()) as MentionRow;
  return encodeSortCursor(sort, positionOf(sort, row));
}

async function medianMs(work: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    await work();
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[Math.floor(RUNS / 2)]!;
}

async function measure(store: Store, ws: number, label: string, cursors: Map<MentionSort, string>): Promise<void> {
  for (const sort of SORTS) {
    const first = await medianMs(() => searchMentions(store, ws, { sort, limit: PAGE }));
    const deep = await medianMs(() => searchMentions(store, ws, { sort, limit: PAGE, cursor: cursors.get(sort)! }));
    console.log(`${label.padEnd(6)} ${sort.padEnd(10)} first page ${first.toFixed(1).padStart(8)} ms   deep page ${deep.toFixed(1).padStart(8)} ms`);
  }
}

async function main(): Promise<void> {
  const total = Number(flag('mentions', '1000000'));
  const dir = mkdtempSync(join(tmpdir(), 'murmur-bench-sort-'));
  const db = flag('db', join(dir, 'bench.db'));
  try {
    await ensureBenchStore(db, total);
    const store = await openStore(db);
    const ws = await workspaceId(store);
    const sqlite = (store.driver as SqliteDriver).database;
    const cursors = new Map<MentionSort, string>();
    for (const sort of SORTS) cursors.set(sort, await cursorAt(store, ws, sort, Math.floor(total / 2)));
    for (const name of INDEXES) sqlite.exec(`drop index if exists ${name}`);
    await measure(store, ws, 'before', cursors);
    for (const name of INDEXES) sqlite.exec(DEFERRED_INDEXES[name]);
    await measure(store, ws, 'after', cursors);
    await store.close();
  } finally {
    if (!args.includes('--keep')) rmSync(dir, { recursive: true, force: true });
    else console.log(`kept ${dir}`);
  }
}

await main();
