/**
 * Keeps `watch_rollup` in step with `mentions` without a hook in the ingest path: the
 * mention writer (src/store/mention-writer.ts) sets `mentions.updated_at` on every write
 * and moves a topic's `updated_at` with its links, so the quarters touched since the last
 * watermark are recomputed whole from the source rows. Recomputing (not incrementing)
 * keeps re-imports idempotent and drops topic links that a re-import removed.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { sql, type Transaction } from 'kysely';
import type { Database } from '../store/schema.ts';
import { shortTransaction } from '../store/short-transaction.ts';
import { chunks } from '../store/mentions.ts';
import { writeTopicChains } from '../store/topic-chains.ts';
import type { Store } from '../store/store.ts';
import { addToAuthorMonths, audienceOf } from './author-months.ts';
import { notSureCase } from './not-sure-sql.ts';
import { NOT_SURE_BELOW } from './figure-definitions.ts';
import { DAY, QUARTER } from './time.ts';

/** Beyond this many re-dated mentions, one full rebuild is cheaper than their quarters one by one. */
const MAX_MOVED = 20_000;

/** Writes that commit late (a long PostgreSQL transaction) still carry an older updated_at. */
const WATERMARK_LAG = 10 * 60_000;

/** Every table the rollup keeps, emptied by a full rebuild. */
const ROLLUP_TABLES = ['watch_rollup', 'watch_rollup_total', 'watch_topic_authors', 'watch_topic_mentions', 'watch_topic_chains', 'watch_topic_hashtags', 'watch_author_months'] as const;

const MEASURES = 'mentions, negative, neutral, positive, not_sure, score_sum, likes, shares, replies, reach, views, replies_or_reposts';

/** Lock namespace (`lockUntilCommit`): one rollup writer per workspace across processes. */
const LOCK_NAMESPACE = 3001;

/**
 * PostgreSQL keeps rows where they were inserted (no clustered key as SQLite's WITHOUT
 * ROWID tables have), and a month of one topic read from rows in join order touches a
 * page per row (3,238 pages for one day of a topic at 10M mentions). Inserted in key order,
 * a topic's range is contiguous (and SQLite, clustered on the key, appends instead of
 * inserting at random).
 */
const inKeyOrder = (columns: string) => sql.raw(`order by ${columns}`);

async function rebuildRange(store: Store, workspaceId: number, from: number, to: number): Promise<void> {
  const db = store.db;
  await store.driver.lockUntilCommit(db, LOCK_NAMESPACE, workspaceId);
  for (const table of ['watch_rollup', 'watch_rollup_total'] as const) {
    await db.deleteFrom(table).where('workspace_id', '=', workspaceId).where('bucket', '>=', from).where('bucket', '<', to).execute();
  }
  // The author months lose the range's old rows here and gain its new ones below.
  await addToAuthorMonths(store, workspaceId, from, to, -1);
  for (const table of ['watch_topic_mentions', 'watch_topic_chains', 'watch_topic_hashtags'] as const) {
    await db.deleteFrom(table).where('workspace_id', '=', workspaceId).where('published_at', '>=', from).where('published_at', '<', to).execute();
  }
  // has_link: the pre-filter for texts that may carry a link (their candidates are kept with the chain rows).
  // Feed items and imports keep their host: the site they stand for.
  await sql`
    insert into watch_topic_mentions (workspace_id, topic_id, published_at, mention_id, author_handle, source, sentiment, followers, engagement, is_original, has_link, domain)
    select m.workspace_id, mt.topic_id, m.published_at, m.id, m.author_handle, m.source, m.sentiment, m.author_followers,
      m.likes + m.shares + m.replies, case when m.parent_external_id is null then 1 else 0 end,
      case when m.text_norm like '%http%' then 1 else 0 end, case when m.source in ('rss', 'import') then m.domain end
    from mentions m join mention_topics mt on mt.mention_id = m.id
    where m.workspace_id = ${workspaceId} and m.published_at >= ${from} and m.published_at < ${to}
    ${inKeyOrder('mt.topic_id, m.published_at, m.id')}
  `.execute(db);
  // Replies, reposts and mentions with a link, with what reply chains and sites follow (root cause reads them there).
  await writeTopicChains(db, workspaceId, from, to);
  await sql`
    insert into watch_topic_hashtags (workspace_id, topic_id, published_at, tag, mention_id, sentiment)
    select t.workspace_id, t.topic_id, t.published_at, h.tag, t.mention_id, t.sentiment
    from watch_topic_mentions t join mention_hashtags h on h.mention_id = t.mention_id
    where t.workspace_id = ${workspaceId} and t.published_at >= ${from} and t.published_at < ${to}
    ${inKeyOrder('t.topic_id, t.published_at, h.tag, t.mention_id')}
  `.execute(db);
  await addToAuthorMonths(store, workspaceId, from, to, 1);
  const q = sql.lit(QUARTER);
  await sql`
    insert into watch_rollup (workspace_id, topic_id, bucket, source, lang, ${sql.raw(MEASURES)})
    select m.workspace_id, mt.topic_id, (m.published_at / ${q}) * ${q}, m.source, coalesce(m.lang, 'und'),
      count(*),
      sum(case when m.sentiment = 'negative' then 1 else 0 end),
      sum(case when m.sentiment = 'neutral' then 1 else 0 end),
      sum(case when m.sentiment = 'positive' then 1 else 0 end),
      sum(${notSureCase('m')}),
      coalesce(sum(m.sentiment_score), 0), sum(m.likes), sum(m.shares), sum(m.replies),
      coalesce(sum(${audienceOf('m', 'author_followers')}), 0), coalesce(sum(m.views), 0),
      sum(case when m.parent_external_id is null then 0 else 1 end)
    from mentions m join mention_topics mt on mt.mention_id = m.id
    where m.workspace_id = ${workspaceId} and m.published_at >= ${from} and m.published_at < ${to}
    group by m.workspace_id, mt.topic_id, (m.published_at / ${q}) * ${q}, m.source, coalesce(m.lang, 'und')
    ${inKeyOrder('2, 3, 4, 5')}
  `.execute(db);
  const sums = sql.raw(MEASURES.split(', ').map((c) => `sum(${c})`).join(', '));
  await sql`
    insert into watch_rollup_total (workspace_id, topic_id, bucket, ${sql.raw(MEASURES)})
    select workspace_id, topic_id, bucket, ${sums}
    from watch_rollup
    where workspace_id = ${workspaceId} and bucket >= ${from} and bucket < ${to}
    group by workspace_id, topic_id, bucket
  `.execute(db);
  // First mentions only move earlier: a recomputed range can only lower first_at.
  await sql`
    insert into watch_topic_authors (workspace_id, topic_id, author_handle, first_at)
    select m.workspace_id, mt.topic_id, m.author_handle, min(m.published_at)
    from mentions m join mention_topics mt on mt.mention_id = m.id
    where m.workspace_id = ${workspaceId} and m.published_at >= ${from} and m.published_at < ${to}
    group by m.workspace_id, mt.topic_id, m.author_handle
    on conflict (topic_id, author_handle) do update set first_at =
      case when excluded.first_at < watch_topic_authors.first_at then excluded.first_at else watch_topic_authors.first_at end
  `.execute(db);
}

/** Contiguous runs of quarter starts, as [from, to) ranges no wider than `maxSpan`. */
export function quarterRanges(quarters: number[], maxSpan = 31 * 24 * 3_600_000): [number, number][] {
  const sorted = [...new Set(quarters)].sort((a, b) => a - b);
  const ranges: [number, number][] = [];
  for (const q of sorted) {
    const last = ranges[ranges.length - 1];
    if (last && last[1] === q && q + QUARTER - last[0] <= maxSpan) last[1] = q + QUARTER;
    else ranges.push([q, q + QUARTER]);
  }
  return ranges;
}

async function maxUpdatedAt(store: Store, workspaceId: number): Promise<number | null> {
  const row = await store.db
    .selectFrom('mentions')
    .select((eb) => eb.fn.max('updated_at').as('max'))
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirst();
  return row?.max == null ? null : Number(row.max);
}

async function readState(store: Store, workspaceId: number): Promise<{ watermark: number; topicsVersion: string } | null> {
  const row = await store.db
    .selectFrom('watch_rollup_state')
    .select(['watermark', 'topics_version'])
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirst();
  return row ? { watermark: Number(row.watermark), topicsVersion: row.topics_version } : null;
}

/**
 * Creating or re-querying a topic re-links stored mentions without touching them, so the
 * rollup also remembers which topics it was built for; and the "not sure" threshold its
 * not_sure counts used, which moves with a retrained model while the mentions do not.
 */
async function topicsVersion(store: Store, workspaceId: number): Promise<string> {
  const row = await store.db
    .selectFrom('topics')
    .select((eb) => [eb.fn.countAll().as('n'), eb.fn.max('updated_at').as('updated')])
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirst();
  return `${Number(row?.n ?? 0)}:${Number(row?.updated ?? 0)}:${NOT_SURE_BELOW}`;
}

async function writeState(store: Store, workspaceId: number, watermark: number, version: string): Promise<void> {
  await store.db
    .insertInto('watch_rollup_state')
    .values({ workspace_id: workspaceId, watermark, topics_version: version })
    .onConflict((oc) => oc.column('workspace_id').doUpdateSet({ watermark, topics_version: version }))
    .execute();
}

export interface RefreshResult {
  /** Quarter-hour buckets recomputed. */
  quarters: number;
  full: boolean;
  /** Transactions committed (each at most a day of mentions, see refreshInChunks). */
  chunks: number;
}

export interface RefreshOptions {
  /** Called each time a chunk finds the store locked by another writer and will try again (tests). */
  onBusy?: () => void;
  /** Stops the refresh between two chunks (a server closing): the rollup stays as the last chunk left it. */
  signal?: AbortSignal;
}

/**
 * Recomputes the whole rollup of a workspace in one transaction: a crash or an error
 * half-way leaves the previous rollup and its state, not half a rollup marked up to date.
 * On SQLite other writers wait (busy timeout) while it runs: for maintenance, not for a
 * serving process (refreshRollup recomputes in short transactions instead).
 */
export async function rebuildRollup(store: Store, workspaceId: number): Promise<RefreshResult> {
  return store.db.transaction().execute(async (trx) => rebuildAll({ ...store, db: trx }, workspaceId));
}

async function rebuildAll(store: Store, workspaceId: number): Promise<RefreshResult> {
  await store.driver.lockUntilCommit(store.db, LOCK_NAMESPACE, workspaceId);
  // Writing first: a SQLite transaction that read first and then writes fails at once
  // (SQLITE_BUSY_SNAPSHOT, no busy wait) when another connection committed in between.
  for (const table of ROLLUP_TABLES) await store.db.deleteFrom(table).where('workspace_id', '=', workspaceId).execute();
  // Every mention is counted where it is now: the dates re-imports moved them from are done with.
  await store.db.updateTable('mentions').set({ previous_published_at: null }).where('workspace_id', '=', workspaceId).where('previous_published_at', 'is not', null).execute();
  const [top, version] = await Promise.all([maxUpdatedAt(store, workspaceId), topicsVersion(store, workspaceId)]);
  const span = await store.db
    .selectFrom('mentions')
    .select((eb) => [eb.fn.min('published_at').as('min'), eb.fn.max('published_at').as('max')])
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirst();
  // Built once from the filled tables at the end where that is cheaper (StoreDriver.dropIndexesForRewrite).
  const restore = await store.driver.dropIndexesForRewrite(store.db, READ_INDEXES);
  let quarters = 0;
  if (span?.min != null && span.max != null) {
    const from = Math.floor(Number(span.min) / QUARTER) * QUARTER;
    const to = Math.floor(Number(span.max) / QUARTER) * QUARTER + QUARTER;
    // One month per statement keeps each statement's memory bounded on big stores.
    const step = 31 * 24 * 3_600_000;
    for (let start = from; start < to; start += step) await rebuildRange(store, workspaceId, start, Math.min(to, start + step));
    quarters = (to - from) / QUARTER;
  }
  for (const create of restore) await sql.raw(create).execute(store.db);
  await writeState(store, workspaceId, (top ?? 0) + 1, version);
  return { quarters, full: true, chunks: 1 };
}

/** Indexes the analytics read and the rebuild does not (it finds its ranges by workspace and time). */
const READ_INDEXES = [
  'watch_topic_mentions_engagement',
  'watch_topic_mentions_author_reach',
  'watch_topic_authors_first',
  ...['positive_reach', 'negative_reach', 'positive', 'negative', 'influence'].map((m) => `watch_author_months_by_${m}`),
];

const running = new WeakMap<Store['db'], Map<number, Promise<RefreshResult>>>();

/** Set while a caller reads the rollup as it stands (see readRollupAsIs). */
const asIs = new AsyncLocalStorage<true>();

/**
 * Runs `read` with the rollup taken as it stands: the loaders' own refreshRollup calls
 * inside return at once. For a caller that refreshed first or chose to answer from the
 * last consistent rollup while a refresh runs (the HTTP server, see rollup-gate.ts):
 * otherwise each of the dozen queries of one answer would refresh again, chasing an import.
 */
export function readRollupAsIs<T>(read: () => Promise<T>): Promise<T> {
  return asIs.run(true, read);
}

/**
 * The one freshness check of a request (a CLI command, a report, an alert evaluation):
 * brings the rollup up to date once, then runs `read` with the loaders' own checks
 * skipped, so a dozen loaders do not each check again (or chase an import that keeps
 * writing). The server checks through its rollup gate instead (server/rollup-gate.ts).
 */
export async function readFresh<T>(store: Store, workspaceId: number, read: () => Promise<T>, options: RefreshOptions = {}): Promise<T> {
  if (asIs.getStore()) return read();
  await refreshRollup(store, workspaceId, options);
  return readRollupAsIs(read);
}

/** The rollup's watermark (every mention written before it is counted), or null before the first build. */
export async function rollupWatermark(store: Store, workspaceId: number): Promise<number | null> {
  return (await readState(store, workspaceId))?.watermark ?? null;
}

/**
 * Brings the rollup up to date with every mention written since the last call. Cheap when
 * nothing changed (one indexed max()); the first call builds the rollup from scratch.
 * Calls for one workspace run one at a time in a process (an alert hook and an API request
 * may arrive together); across processes, PostgreSQL advisory locks keep writes apart.
 */
export async function refreshRollup(store: Store, workspaceId: number, options: RefreshOptions = {}): Promise<RefreshResult> {
  if (asIs.getStore()) return { quarters: 0, full: false, chunks: 0 };
  let perWorkspace = running.get(store.db);
  if (!perWorkspace) running.set(store.db, (perWorkspace = new Map()));
  const previous = perWorkspace.get(workspaceId) ?? Promise.resolve(undefined);
  const next = previous.catch(() => undefined).then(() => refreshNow(store, workspaceId, options));
  perWorkspace.set(workspaceId, next);
  try {
    return await next;
  } finally {
    if (perWorkspace.get(workspaceId) === next) perWorkspace.delete(workspaceId);
  }
}

async function refreshNow(store: Store, workspaceId: number, options: RefreshOptions): Promise<RefreshResult> {
  const [state, top, version] = await Promise.all([
    readState(store, workspaceId),
    maxUpdatedAt(store, workspaceId),
    topicsVersion(store, workspaceId),
  ]);
  if (state === null || state.topicsVersion !== version) return recomputeAll(store, workspaceId, top, version, state?.topicsVersion ?? null, options);
  const watermark = state.watermark;
  if (top === null || top < watermark) return { quarters: 0, full: false, chunks: 0 };
  const quarterOf = (column: string) => sql<number>`(${sql.ref(column)} / ${sql.lit(QUARTER)}) * ${sql.lit(QUARTER)}`.as('q');
  const touched = await store.db
    .selectFrom('mentions')
    .select(quarterOf('published_at'))
    .distinct()
    .where('workspace_id', '=', workspaceId)
    .where('updated_at', '>=', watermark - WATERMARK_LAG)
    // Bounded to the rows written when it started: rows arriving meanwhile are the next refresh's.
    .where('updated_at', '<=', top)
    .execute();
  // Re-dated mentions still counted where they were (see MOVED_FROM in store/mentions.ts).
  const moved = await store.db
    .selectFrom('mentions')
    .select(['id', quarterOf('previous_published_at')])
    .where('workspace_id', '=', workspaceId)
    .where('previous_published_at', 'is not', null)
    .limit(MAX_MOVED + 1)
    .execute();
  if (moved.length > MAX_MOVED) return recomputeAll(store, workspaceId, top, version, null, options);
  const quarters = new Set([...touched, ...moved].map((r) => Number(r.q)));
  const chunks = await refreshInChunks(store, workspaceId, dayRanges([...quarters]), options, async (trx) => {
    await clearMoved(trx, moved.map((r) => r.id));
    await writeState({ ...store, db: trx }, workspaceId, top + 1, version);
  });
  return { quarters: quarters.size, full: false, chunks };
}

/** The quarters of each UTC day, as one [first, last + quarter) range per day: a day's figures change together. */
export function dayRanges(quarters: number[]): [number, number][] {
  const byDay = new Map<number, [number, number]>();
  for (const q of quarters) {
    const day = Math.floor(q / DAY) * DAY;
    const range = byDay.get(day);
    if (!range) byDay.set(day, [q, q + QUARTER]);
    else byDay.set(day, [Math.min(range[0], q), Math.max(range[1], q + QUARTER)]);
  }
  return [...byDay.keys()].sort((a, b) => a - b).map((day) => byDay.get(day)!);
}

/** A mention moved again since keeps the date read before (MOVED_FROM): clearing by id is exact. */
async function clearMoved(trx: Transaction<Database>, ids: number[]): Promise<void> {
  for (const part of chunks(ids, 500)) await trx.updateTable('mentions').set({ previous_published_at: null }).where('id', 'in', part).execute();
}

/**
 * Recomputes `ranges` one per transaction, then runs `finish` (moving the watermark) in a
 * last one; returns the transactions committed. Why not one transaction: on SQLite it
 * would hold the write lock for the whole refresh (an import in another process waits,
 * and fails past its busy timeout) and its commit writes every page at once, seconds on
 * the server's thread. Each range is recomputed whole from the source rows, so a reader
 * between two chunks sees every day either as it was or as it is now, never half of one;
 * the watermark (and with it the answer cache's key) moves only with the last chunk, and
 * a refresh cut short is finished by the next one (the same quarters are still touched).
 */
async function refreshInChunks(
  store: Store,
  workspaceId: number,
  ranges: [number, number][],
  options: RefreshOptions,
  finish: (trx: Transaction<Database>) => Promise<void>,
): Promise<number> {
  const short = { onBusy: options.onBusy, signal: options.signal };
  for (const [from, to] of ranges) {
    await shortTransaction(store, (trx) => rebuildRange({ ...store, db: trx }, workspaceId, from, to), short);
  }
  await shortTransaction(store, finish, short);
  return ranges.length + 1;
}

/**
 * The whole rollup recomputed (the first build, or topics created or re-queried since),
 * day by day as refreshInChunks does, without emptying it first: readers keep the
 * previous figures of each day until its turn. What a day-by-day pass cannot see is
 * cleared at the end: rows outside the mentions' span, topics gone, and first mentions of
 * authors a re-queried topic no longer matches (watch_topic_authors, recomputed for the
 * topics changed since `builtFor`, the topics version of the previous build; all without one).
 */
async function recomputeAll(
  store: Store,
  workspaceId: number,
  top: number | null,
  version: string,
  builtFor: string | null,
  options: RefreshOptions,
): Promise<RefreshResult> {
  const span = await store.db
    .selectFrom('mentions')
    .select((eb) => [eb.fn.min('published_at').as('min'), eb.fn.max('published_at').as('max')])
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirst();
  const moved = await store.db.selectFrom('mentions').select('id').where('workspace_id', '=', workspaceId).where('previous_published_at', 'is not', null).execute();
  const topics = await store.db.selectFrom('topics').select(['id', 'updated_at']).where('workspace_id', '=', workspaceId).orderBy('id').execute();
  // topicsVersion is `count:max(updated_at):threshold`: a topic changed since has a later updated_at.
  const builtAt = builtFor === null ? null : Number(builtFor.split(':')[1]);
  const changed = topics.filter((t) => builtAt === null || Number(t.updated_at) > builtAt);
  const from = span?.min == null ? 0 : Math.floor(Number(span.min) / DAY) * DAY;
  const to = span?.max == null ? 0 : Math.floor(Number(span.max) / DAY) * DAY + DAY;
  const ranges: [number, number][] = [];
  for (let day = from; day < to; day += DAY) ranges.push([day, day + DAY]);
  const short = { onBusy: options.onBusy, signal: options.signal };
  let chunksDone = await refreshInChunks(store, workspaceId, ranges, options, async (trx) => {
    await clearOutside(trx, workspaceId, from, to, topics.map((t) => t.id));
    await clearMoved(trx, moved.map((r) => r.id));
  });
  for (const { id } of changed) {
    await shortTransaction(store, (trx) => recomputeTopicAuthors(trx, workspaceId, id), short);
    chunksDone++;
  }
  await shortTransaction(store, (trx) => writeState({ ...store, db: trx }, workspaceId, (top ?? 0) + 1, version), short);
  return { quarters: (to - from) / QUARTER, full: true, chunks: chunksDone + 1 };
}

/** Rows of the rollup no day of [from, to) recomputed: mentions gone from there, topics deleted. */
async function clearOutside(trx: Transaction<Database>, workspaceId: number, from: number, to: number, topicIds: number[]): Promise<void> {
  const gone = topicIds.length ? sql`topic_id not in (${sql.join(topicIds)})` : sql`1 = 1`;
  // A month is kept when any of its days is in the span (recomputing those days corrected it).
  const first = new Date(from);
  const months = { column: 'month', from: Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), 1) };
  const byTable = [
    ['watch_rollup', { column: 'bucket', from }],
    ['watch_rollup_total', { column: 'bucket', from }],
    ['watch_topic_mentions', { column: 'published_at', from }],
    ['watch_topic_chains', { column: 'published_at', from }],
    ['watch_topic_hashtags', { column: 'published_at', from }],
    ['watch_author_months', months],
  ] as const;
  for (const [table, range] of byTable) {
    const column = sql.ref(range.column);
    await sql`delete from ${sql.table(table)} where workspace_id = ${workspaceId} and (${column} < ${range.from} or ${column} >= ${to} or ${gone})`.execute(trx);
  }
  await sql`delete from watch_topic_authors where workspace_id = ${workspaceId} and ${gone}`.execute(trx);
}

/** A topic's first mention per author, from its links as they are now. */
async function recomputeTopicAuthors(trx: Transaction<Database>, workspaceId: number, topicId: number): Promise<void> {
  await trx.deleteFrom('watch_topic_authors').where('topic_id', '=', topicId).execute();
  await sql`
    insert into watch_topic_authors (workspace_id, topic_id, author_handle, first_at)
    select m.workspace_id, mt.topic_id, m.author_handle, min(m.published_at)
    from mentions m join mention_topics mt on mt.mention_id = m.id
    where m.workspace_id = ${workspaceId} and mt.topic_id = ${topicId}
    group by m.workspace_id, mt.topic_id, m.author_handle
  `.execute(trx);
}
