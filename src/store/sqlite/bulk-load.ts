/**
 * Bulk loads into an empty SQLite store. Kept in step row by row, the full-text index
 * (`mentions_fts`, FTS5 fed by triggers) costs about half of a first import's storage
 * time and the secondary indexes most of the rest (`npm run bench:ingest`); built once
 * from the filled tables they cost a fraction of that. So a first import pauses them
 * (`pauseIndexes`) and builds them at the end (`resumeIndexes`).
 *
 * The hashtag rows (`mention_hashtags`) of the mentions written through this connection
 * meanwhile are left out too, and filled in from each mention's `hashtags` column at the
 * end by one statement: half the cost of writing them row by row.
 *
 * A paused store is recognisable by its missing FTS insert trigger: whoever opens the
 * store next (after an import that died, kill -9) finishes the job (`repairIndexes`,
 * run on open). Meanwhile, search misses the new rows, hashtag analytics miss their
 * tags and queries run unindexed.
 */
import type BetterSqlite3 from 'better-sqlite3';

const FTS_INSERT_TRIGGER = `create trigger mentions_fts_insert after insert on mentions begin
  insert into mentions_fts(rowid, text_norm) values (new.id, new.text_norm); end`;
const FTS_DELETE_TRIGGER = `create trigger mentions_fts_delete after delete on mentions begin
  insert into mentions_fts(mentions_fts, rowid, text_norm) values ('delete', old.id, old.text_norm); end`;
// A re-imported mention whose folded text did not change keeps its entry.
const FTS_UPDATE_TRIGGER = `create trigger mentions_fts_update after update of text_norm on mentions
  when old.text_norm is not new.text_norm begin
  insert into mentions_fts(mentions_fts, rowid, text_norm) values ('delete', old.id, old.text_norm);
  insert into mentions_fts(rowid, text_norm) values (new.id, new.text_norm); end`;

/**
 * Secondary indexes (migration 0001-core) a bulk load drops and recreates. The unique
 * (workspace, source, external id) key stays: the upsert looks rows up by it.
 */
export const DEFERRED_INDEXES = {
  mentions_published: 'create index if not exists mentions_published on mentions (workspace_id, published_at)',
  mentions_author: 'create index if not exists mentions_author on mentions (workspace_id, author_handle)',
  mention_hashtags_tag: 'create index if not exists mention_hashtags_tag on mention_hashtags (workspace_id, tag, published_at)',
  // The lists' sort orders (migrations 5170, 5180); spelled as there, so a resumed store is identical.
  mentions_reach_order: 'create index if not exists "mentions_reach_order" on "mentions" (workspace_id, coalesce(author_followers, 0) desc, published_at desc, id desc)',
  mentions_engagement_order: 'create index if not exists "mentions_engagement_order" on "mentions" (workspace_id, (likes + shares + replies) desc, published_at desc, id desc)',
  mentions_negative_order: `create index if not exists "mentions_negative_order" on "mentions" (workspace_id, (case sentiment when 'negative' then 0 when 'neutral' then 1 when 'positive' then 2 else 3 end), published_at desc, id desc)`,
} as const;

/** The triggers that keep `mentions_fts` in step with `mentions` (migration 0001-core). */
export const FTS_TRIGGERS: Record<string, string> = {
  mentions_fts_insert: FTS_INSERT_TRIGGER,
  mentions_fts_delete: FTS_DELETE_TRIGGER,
  mentions_fts_update: FTS_UPDATE_TRIGGER,
};

// Rebuilt from the stored mentions: idempotent, and it also covers rows written with their tags.
const FILL_HASHTAGS = `insert or ignore into mention_hashtags (mention_id, workspace_id, tag, published_at)
  select m.id, m.workspace_id, j.value, m.published_at from mentions m, json_each(m.hashtags) j where m.hashtags <> '[]'`;

/** Connections whose mention upserts leave the hashtag rows to `resumeIndexes`. */
const deferringHashtags = new WeakSet<BetterSqlite3.Database>();

/** True while upserts on this connection should not write hashtag rows (a paused bulk load). */
export function hashtagsDeferred(db: BetterSqlite3.Database): boolean {
  return deferringHashtags.has(db);
}

function hasTable(db: BetterSqlite3.Database, type: 'table' | 'trigger', name: string): boolean {
  return db.prepare('select 1 from sqlite_master where type = ? and name = ?').get(type, name) !== undefined;
}

/** True when the full-text index exists but its insert trigger is gone (paused, or an import died). */
export function indexesPaused(db: BetterSqlite3.Database): boolean {
  return hasTable(db, 'table', 'mentions_fts') && !hasTable(db, 'trigger', 'mentions_fts_insert');
}

/**
 * Drops the deferred indexes and stops keeping the full-text index in step until
 * `resumeIndexes`. All three triggers go:
 * a 'delete' of a row that was never indexed would corrupt an FTS5 index. The insert
 * trigger goes last, so its absence means all are gone.
 */
export function pauseIndexes(db: BetterSqlite3.Database): void {
  db.transaction(() => {
    for (const name of Object.keys(DEFERRED_INDEXES)) db.exec(`drop index if exists ${name}`);
    for (const name of Object.keys(FTS_TRIGGERS).reverse()) db.exec(`drop trigger if exists ${name}`);
  }).immediate();
  deferringHashtags.add(db);
}

/**
 * Fills in the hashtag rows, builds the indexes, rebuilds the full-text index from
 * `mentions` and puts its triggers back, in one transaction.
 */
export function resumeIndexes(db: BetterSqlite3.Database): void {
  const cacheSize = db.pragma('cache_size', { simple: true }) as number;
  db.transaction(() => {
    // Before its index exists: filling an unindexed table is cheaper.
    db.exec(FILL_HASHTAGS);
    // SQLite sorts an index's keys within the page cache's budget: in 8 MB runs the three
    // builds measured ~30% faster than in one 64 MB sort (cache misses).
    db.pragma('cache_size = -8000');
    try {
      for (const create of Object.values(DEFERRED_INDEXES)) db.exec(create);
    } finally {
      db.pragma(`cache_size = ${cacheSize}`);
    }
    // Merging segments while rebuilding cost a fifth of the rebuild, and flushing the
    // pending terms every 1 MB (FTS5's default) a fifth of the rest: 4.6 → 2.5 s on 1M
    // mentions. Searches measured no slower on the unmerged segments, which later writes
    // merge step by step. Both settings are stored in the index: the defaults go back.
    db.exec(`insert into mentions_fts(mentions_fts, rank) values ('automerge', 0)`);
    db.exec(`insert into mentions_fts(mentions_fts, rank) values ('hashsize', ${16 * 1024 * 1024})`);
    db.exec(`insert into mentions_fts(mentions_fts) values ('rebuild')`);
    db.exec(`insert into mentions_fts(mentions_fts, rank) values ('automerge', 4)`);
    db.exec(`insert into mentions_fts(mentions_fts, rank) values ('hashsize', ${1024 * 1024})`);
    for (const [name, create] of Object.entries(FTS_TRIGGERS)) if (!hasTable(db, 'trigger', name)) db.exec(create);
  }).immediate();
  deferringHashtags.delete(db);
}

/** After a crash during a paused import: builds the indexes. A no-op on a healthy or new store. */
export function repairIndexes(db: BetterSqlite3.Database): void {
  if (indexesPaused(db)) resumeIndexes(db);
}
