/**
 * `npm run bench:watch -- [--mentions 10000000] [--store sqlite|postgres|both] [--db path|url] [--keep] [--reuse] [--repeat N]`
 *
 * Generates a year of mentions (default 1 million; the target is 10 million) for four
 * topics, builds the rollups, then times every Watch analytic for one topic and one
 * month, and the daily report. Goal: each analytic < 300 ms, the daily report < 2 s.
 * Rows are bulk-written (prepared statements with paused indexes on SQLite, unnest
 * inserts on PostgreSQL), not through the NLP pipeline: this measures the analytics,
 * bench:ingest measures ingest. --reuse keeps the store (SQLite: --db file; PostgreSQL:
 * database murmur_bench_watch_<mentions>) and skips generation when it already holds the data.
 * On PostgreSQL the server's settings matter as much as the queries: the figures in the
 * README were taken with `alter system set shared_buffers = '2GB'` and
 * `alter system set random_page_cost = 1.1` (then a restart); the bench prints them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { sql } from 'kysely';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { PostgresDriver } from '../src/store/postgres/postgres-driver.ts';
import { pauseIndexes, resumeIndexes } from '../src/store/sqlite/bulk-load.ts';
import type { SqliteDriver } from '../src/store/sqlite/sqlite-driver.ts';
import { renderReport } from '../src/reports/render.ts';
import { openStore, type Store } from '../src/store/store.ts';
import { workspaceId } from '../src/store/workspaces.ts';
import * as watch from '../src/watch/loaders.ts';
import { loadSeries } from '../src/watch/read/index.ts';
import { rebuildRollup, refreshRollup } from '../src/watch/rollup.ts';
import { mulberry32 } from '../src/watch/synthetic-series.ts';
import { localDaysInterval } from '../src/watch/time.ts';

const args = process.argv.slice(2);
const flag = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
};
const total = Number(flag('mentions', '1000000'));
const which = flag('store', 'sqlite');
const reuse = args.includes('--reuse');
// A reused store is meant to be reused again.
const keep = reuse || args.includes('--keep');

const YEAR_START = Date.UTC(2025, 0, 1);
const YEAR_MS = 365 * 86_400_000;
const SOURCES = ['mastodon', 'bluesky', 'reddit', 'hackernews', 'rss'];
const LANGS = ['en', 'fr', 'it', 'bg', 'id', 'de', 'es', 'pt'];
const TOPICS = [
  { name: 'Acme', role: 'brand', share: 0.4 },
  { name: 'Rival', role: 'competitor', share: 0.3 },
  { name: 'Other', role: 'competitor', share: 0.2 },
  { name: 'Industry', role: 'other', share: 0.1 },
];
const TAGS = Array.from({ length: 60 }, (_, i) => `tag${i}`);
/** A negative spike to explain: 8 June 2025, one post and its reposts. */
const SPIKE_DAY = Date.UTC(2025, 5, 8);

/** Columns the generator fills, in insert order. */
const MENTION_COLUMNS = [
  'id', 'workspace_id', 'source', 'external_id', 'url', 'domain', 'author_handle', 'author_followers', 'text', 'text_norm',
  'published_at', 'lang', 'lang_confidence', 'sentiment', 'sentiment_score', 'likes', 'shares', 'replies',
  'parent_external_id', 'hashtags', 'mentioned', 'first_seen_at', 'updated_at',
] as const;
type Row = (string | number | null)[];

interface Batch {
  mentions: Row[];
  links: [number, number, number][];
  tags: [number, number, string, number][];
}

/** The year of mentions, in batches: same seed, same data, whichever store it goes to. */
function* generateBatches(ws: number, topicIds: number[], batch = 20_000): Generator<Batch> {
  const random = mulberry32(42);
  const weekday = [1.1, 1.1, 1.05, 1.05, 1, 0.85, 0.85];
  const now = Date.now();
  let id = 0;
  for (let done = 0; done < total; done += batch) {
    const out: Batch = { mentions: [], links: [], tags: [] };
    for (let k = 0; k < Math.min(batch, total - done); k++) {
      id++;
      // Rejection sampling for the weekly rhythm and a daytime curve.
      let at: number;
      do at = YEAR_START + Math.floor(random() * YEAR_MS);
      while (random() > weekday[(new Date(at).getUTCDay() + 6) % 7]! / 1.1);
      const spike = random() < 0.0008;
      if (spike) at = SPIKE_DAY + 14 * 3_600_000 + Math.floor(random() * 8 * 3_600_000);
      const r = random();
      const topic = spike ? 0 : r < 0.4 ? 0 : r < 0.7 ? 1 : r < 0.9 ? 2 : 3;
      const author = spike ? 'viral_author' : `user${Math.floor(200_000 * random() ** 2.5)}`;
      const source = SOURCES[Math.floor(random() * SOURCES.length)]!;
      const sentiment = spike ? 'negative' : random() < 0.2 ? 'negative' : random() < 0.5 ? 'positive' : 'neutral';
      const tag = random() < 0.3 ? TAGS[Math.floor(TAGS.length * random() ** 2)]! : null;
      const text = `${TOPICS[topic]!.name.toLowerCase()} post ${id}${tag ? ` #${tag}` : ''}${random() < 0.2 ? ` https://example${id % 40}.com/a` : ''}`;
      const likes = Math.floor(20 * random() ** 3);
      const followers = source === 'reddit' || source === 'rss' ? null : Math.floor(50 + 5000 * random() ** 4);
      // prettier-ignore
      out.mentions.push([
        id, ws, source, `b${id}`, `https://${source}.example/p/${id}`, `${source}.example`, author, followers, text, text,
        at, LANGS[Math.floor(LANGS.length * random() ** 1.5)]!, 0.9, sentiment, sentiment === 'negative' ? -0.8 : sentiment === 'positive' ? 0.8 : 0,
        likes, Math.floor(likes / 4), Math.floor(likes / 8), spike ? 'b1' : null, JSON.stringify(tag ? [tag] : []), '[]', now, now,
      ]);
      out.links.push([id, topicIds[topic]!, at]);
      if (topic === 0 && random() < 0.1) out.links.push([id, topicIds[3]!, at]);
      if (tag) out.tags.push([id, ws, tag, at]);
    }
    yield out;
  }
}

/** A store-specific fast path for the bulk of rows (the product's import is bench:ingest's business). */
interface BulkWriter {
  write(batch: Batch): Promise<void>;
  /** Indexes dropped for the load are built here. */
  finish(): Promise<void>;
}

/** SQLite: prepared statements in one transaction per batch, full-text and secondary indexes paused (bulk-load.ts). */
function sqliteWriter(store: Store): BulkWriter {
  const db = (store.driver as SqliteDriver).database;
  pauseIndexes(db);
  const mention = db.prepare(`insert into mentions (${MENTION_COLUMNS.join(', ')}) values (${MENTION_COLUMNS.map(() => '?').join(', ')})`);
  const link = db.prepare('insert into mention_topics (mention_id, topic_id, published_at) values (?, ?, ?)');
  const tag = db.prepare('insert into mention_hashtags (mention_id, workspace_id, tag, published_at) values (?, ?, ?, ?)');
  const write = db.transaction((b: Batch) => {
    for (const m of b.mentions) mention.run(m);
    for (const l of b.links) link.run(l);
    for (const t of b.tags) tag.run(t);
  });
  return { write: async (b) => write(b), finish: async () => resumeIndexes(db) };
}

const PG_TYPES: Record<(typeof MENTION_COLUMNS)[number], string> = {
  id: 'bigint', workspace_id: 'bigint', source: 'text', external_id: 'text', url: 'text', domain: 'text', author_handle: 'text',
  author_followers: 'bigint', text: 'text', text_norm: 'text', published_at: 'bigint', lang: 'text', lang_confidence: 'real',
  sentiment: 'text', sentiment_score: 'real', likes: 'bigint', shares: 'bigint', replies: 'bigint', parent_external_id: 'text',
  hashtags: 'text', mentioned: 'text', first_seen_at: 'bigint', updated_at: 'bigint',
};

/** One `insert … select from unnest(arrays)` per table and batch: a handful of parameters, not 20,000 rows of them. */
function unnestInsert(table: string, columns: string[], types: string[], rows: Row[]): { text: string; values: unknown[] } {
  const arrays = columns.map((_, c) => rows.map((r) => r[c]));
  return {
    text: `insert into ${table} (${columns.join(', ')}) select * from unnest(${types.map((t, i) => `$${i + 1}::${t}[]`).join(', ')})`,
    values: arrays,
  };
}

/** PostgreSQL: unnest inserts on one connection without synchronous commit; secondary indexes dropped and rebuilt at the end. */
async function postgresWriter(store: Store): Promise<BulkWriter> {
  const client = await (store.driver as PostgresDriver).pool.connect();
  await client.query('set synchronous_commit = off');
  const { rows: indexes } = await client.query<{ indexname: string; indexdef: string }>(
    `select i.indexname, i.indexdef from pg_indexes i
     where i.schemaname = current_schema() and i.tablename in ('mentions', 'mention_topics', 'mention_hashtags')
       and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`,
  );
  for (const i of indexes) await client.query(`drop index ${i.indexname}`);
  return {
    async write(b) {
      await client.query('begin');
      for (const q of [
        unnestInsert('mentions', [...MENTION_COLUMNS], MENTION_COLUMNS.map((c) => PG_TYPES[c]), b.mentions),
        unnestInsert('mention_topics', ['mention_id', 'topic_id', 'published_at'], ['bigint', 'bigint', 'bigint'], b.links),
        unnestInsert('mention_hashtags', ['mention_id', 'workspace_id', 'tag', 'published_at'], ['bigint', 'bigint', 'text', 'bigint'], b.tags),
      ])
        await client.query(q);
      await client.query('commit');
    },
    async finish() {
      await client.query('set maintenance_work_mem = \'512MB\'');
      for (const i of indexes) await client.query(i.indexdef);
      client.release();
    },
  };
}

async function generate(store: Store, ws: number): Promise<void> {
  const now = Date.now();
  const topicIds: number[] = [];
  for (const t of TOPICS) {
    const row = await store.db
      .insertInto('topics')
      .values({ workspace_id: ws, name: t.name, query: t.name.toLowerCase(), role: t.role, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    topicIds.push(Number(row.id));
  }
  const writer = store.driver.kind === 'sqlite' ? sqliteWriter(store) : await postgresWriter(store);
  const started = Date.now();
  let n = 0;
  for (const batch of generateBatches(ws, topicIds)) {
    await writer.write(batch);
    n += batch.mentions.length;
    if (n % 500_000 === 0 || n === total) {
      const rate = n / ((Date.now() - started) / 1000);
      process.stderr.write(`  generated ${n.toLocaleString('en')} mentions (${Math.round(rate).toLocaleString('en')}/s)\n`);
    }
  }
  const i0 = performance.now();
  await writer.finish();
  process.stderr.write(`  indexes built in ${((performance.now() - i0) / 1000).toFixed(1)} s\n`);
}

/** With --reuse: how many mentions the store already holds (0 for a new one). */
async function storedMentions(store: Store, ws: number): Promise<number> {
  const row = await store.db.selectFrom('mentions').select((eb) => eb.fn.countAll().as('n')).where('workspace_id', '=', ws).executeTakeFirst();
  return Number(row?.n ?? 0);
}

/**
 * Wall time cold (first call) and warm (second call), plus this process's CPU time for the
 * warm call: on a shared, overloaded machine wall time mostly measures the queue for a
 * core; with SQLite (in-process) CPU time is what the same call costs on an idle machine.
 * With --repeat N the warm call runs N times and the least wall and CPU times are printed
 * (on a busy machine the least is the closest to the call's own cost).
 */
const repeat = Math.max(1, Number(flag('repeat', '1')));

async function time<T>(label: string, fn: () => Promise<T>, budgetMs: number): Promise<{ label: string; cold: number; warm: number; cpu: number; ok: boolean }> {
  const t0 = performance.now();
  await fn();
  const cold = performance.now() - t0;
  let warm = Infinity;
  let cpu = Infinity;
  for (let k = 0; k < repeat; k++) {
    const c1 = process.cpuUsage();
    const t1 = performance.now();
    await fn();
    warm = Math.min(warm, performance.now() - t1);
    const used = process.cpuUsage(c1);
    cpu = Math.min(cpu, (used.user + used.system) / 1000);
  }
  const ok = warm < budgetMs;
  console.log(
    `  ${label.padEnd(34)} ${cold.toFixed(0).padStart(6)} ms cold ${warm.toFixed(0).padStart(6)} ms warm ${cpu.toFixed(0).padStart(6)} ms cpu  ${ok ? 'ok' : `OVER ${budgetMs} ms (wall)`}`,
  );
  return { label, cold, warm, cpu, ok };
}

async function run(kind: 'sqlite' | 'postgres') {
  let location: string;
  let cleanup = async () => {};
  if (kind === 'sqlite') {
    // With --store both, --db names one store: the SQLite file, or the PostgreSQL server.
    const given = /^postgres(ql)?:/i.test(flag('db', '')) ? '' : flag('db', '');
    const dir = given ? null : mkdtempSync(join(tmpdir(), 'murmur-bench-watch-'));
    location = given || join(dir!, 'bench.db');
    // A store named with --db is the caller's to delete.
    if (!keep && dir) cleanup = async () => rmSync(dir, { recursive: true, force: true });
  } else {
    const admin = (/^postgres(ql)?:/i.test(flag('db', '')) ? flag('db', '') : null) ?? (process.env.MURMUR_BENCH_POSTGRES_URL ?? process.env.MURMUR_TEST_POSTGRES_URL ?? 'postgres://murmur:murmur@127.0.0.1:5433/postgres');
    // --reuse: one database per size, kept between runs.
    const name = reuse ? `murmur_bench_watch_${total}` : `murmur_bench_watch_${process.pid}`;
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    const exists = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (exists.rowCount === 0) await client.query(`create database ${name}`);
    await client.end();
    const url = new URL(admin);
    url.pathname = `/${name}`;
    location = url.toString();
    if (!keep) {
      cleanup = async () => {
        const c = new pg.Client({ connectionString: admin });
        await c.connect();
        await c.query(`drop database if exists ${name} with (force)`);
        await c.end();
      };
    }
  }
  const load = (await import('node:os')).loadavg()[0]!.toFixed(1);
  console.log(`\n${kind}: ${total.toLocaleString('en')} mentions over 2025 (load average ${load} on ${(await import('node:os')).cpus().length} cores)`);
  const store = await openStore(location);
  try {
    if (kind === 'postgres') {
      // The server's memory and planner settings decide these timings as much as our queries do.
      const { rows } = await sql<{ name: string; setting: string }>`select name, current_setting(name) as setting from pg_settings where name in ('shared_buffers', 'random_page_cost', 'work_mem') order by name`.execute(store.db);
      console.log(`  server settings: ${rows.map((r) => `${r.name} ${r.setting}`).join(', ')}`);
    }
    const ws = await workspaceId(store);
    const stored = reuse ? await storedMentions(store, ws) : 0;
    if (stored !== 0 && stored !== total) throw new Error(`--reuse: ${location} holds ${stored} mentions, not ${total}; delete it or pass --mentions ${stored}`);
    if (stored === 0) {
      const g0 = performance.now();
      await generate(store, ws);
      console.log(`  generate + insert                  ${((performance.now() - g0) / 1000).toFixed(1)} s`);
      const r0 = performance.now();
      await rebuildRollup(store, ws);
      console.log(`  rollup build                       ${((performance.now() - r0) / 1000).toFixed(1)} s`);
    } else {
      // Brings a store made by an older build up to date (new rollup tables rebuild it).
      const r0 = performance.now();
      const refreshed = await refreshRollup(store, ws);
      console.log(`  reused; rollup ${refreshed.full ? 'rebuilt' : 'refreshed'}${' '.repeat(refreshed.full ? 13 : 11)}${((performance.now() - r0) / 1000).toFixed(1)} s`);
    }
    if (kind === 'postgres') await sql`analyze`.execute(store.db);
    const topicId = Number((await store.db.selectFrom('topics').select('id').where('name', '=', 'Acme').executeTakeFirstOrThrow()).id);
    const month = { topicId, first: '2025-06-01', last: '2025-06-30', timeZone: 'Europe/Paris' };
    const results = [
      await time('rollup refresh (nothing new)', () => refreshRollup(store, ws), 300),
      await time('series daily (month)', () => loadSeries(store, ws, { topicId, interval: localDaysInterval(month.first, month.last, month.timeZone), timeZone: month.timeZone, granularity: 'day' }), 300),
      await time('spikes daily (month)', () => watch.loadSpikes(store, ws, month), 300),
      await time('spikes hourly (month)', () => watch.loadSpikes(store, ws, { ...month, granularity: 'hour' }), 300),
      await time('spikes + root cause (month)', () => watch.loadExplainedSpikes(store, ws, { ...month, metric: 'negative' }), 300),
      await time('crisis scan (month)', () => watch.loadCrisis(store, ws, month), 300),
      await time('advocates/detractors (month)', () => watch.loadAdvocacy(store, ws, month), 300),
      await time('influencers (month)', () => watch.loadInfluencers(store, ws, month), 300),
      await time('top content (month)', () => watch.loadTopContent(store, ws, month), 300),
      await time('activation (week vs week)', () => watch.loadActivation(store, ws, { topicId, date: '2025-06-15', timeZone: month.timeZone }), 300),
      await time('share of voice (month)', () => watch.loadShareOfVoice(store, ws, { ...month, every: 'week' }), 300),
      await time('campaign shape (hashtag, month)', () => watch.loadCampaignShape(store, ws, { ...month, hashtag: 'tag0' }), 300),
      await time('campaign shape (topic, month)', () => watch.loadCampaignShape(store, ws, month), 300),
      await time('KPI baseline (day vs 28 days)', () => watch.loadBaseline(store, ws, { topicId, date: '2025-06-08', timeZone: month.timeZone }), 300),
      await time('daily report (HTML)', () => renderReport(store, ws, { kind: 'daily', date: '2025-06-08', timeZone: month.timeZone, format: 'html' }), 2000),
    ];
    const over = results.filter((r) => !r.ok);
    console.log(over.length ? `  ${over.length} over budget: ${over.map((r) => r.label).join(', ')}` : '  every analytic within budget');
  } finally {
    await store.close();
    await cleanup();
  }
}

for (const kind of which === 'both' ? (['sqlite', 'postgres'] as const) : [which as 'sqlite' | 'postgres']) await run(kind);
