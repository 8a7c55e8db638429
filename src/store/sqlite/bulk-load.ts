/**
 * Bulk loads into an empty SQLite store. Kept in step row by row, the full-text index
 * (`mentions_fts`, FTS5 fed by triggers) costs about half of a first import's storage
 * time and the secondary indexes most of the rest (`npm run bench:ingest`); built once
 * from the filled tables they cost a fraction of that. So a first import pauses them
 * (`pauseIndexes`) and builds them at the end (`resumeIndexes`).
 *
 * A paused store is recognisable by its missing FTS insert trigger: whoever opens the
 * store next (after an import that died, kill -9) finishes the job (`repairIndexes`,
 * run on open). Meanwhile, search misses the new rows and queries run unindexed.
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
} as const;

/** The triggers that keep `mentions_fts` in step with `mentions` (migration 0001-core). */
export const FTS_TRIGGERS: Record<string, string> = {
  mentions_fts_insert: FTS_INSERT_TRIGGER,
  mentions_fts_delete: FTS_DELETE_TRIGGER,
  mentions_fts_update: FTS_UPDATE_TRIGGER,
};

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
}

/** Builds the indexes, rebuilds the full-text index from `mentions` and puts its triggers back, in one transaction. */
export function resumeIndexes(db: BetterSqlite3.Database): void {
  db.transaction(() => {
    for (const create of Object.values(DEFERRED_INDEXES)) db.exec(create);
    db.exec(`insert into mentions_fts(mentions_fts) values ('rebuild')`);
    for (const [name, create] of Object.entries(FTS_TRIGGERS)) if (!hasTable(db, 'trigger', name)) db.exec(create);
  }).immediate();
}

/** After a crash during a paused import: builds the indexes. A no-op on a healthy or new store. */
export function repairIndexes(db: BetterSqlite3.Database): void {
  if (indexesPaused(db)) resumeIndexes(db);
}
