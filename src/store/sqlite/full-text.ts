/**
 * The SQLite full-text index (`mentions_fts`, FTS5 over `mentions.text_norm`) is kept
 * in step by triggers. Fed row by row it costs about half of a first import's storage
 * time (`npm run bench:ingest`); rebuilt in one pass from the table it costs about a
 * third of that. So a bulk import into an empty store pauses the insert trigger and
 * rebuilds the index at the end.
 *
 * A paused index is recognisable by its missing insert trigger: whoever opens the store
 * next (a crashed import, kill -9) rebuilds it (`repairFullTextIndex`, run on open).
 */
import type BetterSqlite3 from 'better-sqlite3';

export const FTS_INSERT_TRIGGER = `create trigger mentions_fts_insert after insert on mentions begin
  insert into mentions_fts(rowid, text_norm) values (new.id, new.text_norm); end`;
const FTS_DELETE_TRIGGER = `create trigger mentions_fts_delete after delete on mentions begin
  insert into mentions_fts(mentions_fts, rowid, text_norm) values ('delete', old.id, old.text_norm); end`;
// A re-imported mention whose folded text did not change keeps its entry.
const FTS_UPDATE_TRIGGER = `create trigger mentions_fts_update after update of text_norm on mentions
  when old.text_norm is not new.text_norm begin
  insert into mentions_fts(mentions_fts, rowid, text_norm) values ('delete', old.id, old.text_norm);
  insert into mentions_fts(rowid, text_norm) values (new.id, new.text_norm); end`;

/** The triggers that keep `mentions_fts` in step with `mentions` (migration 0001-core). */
export const FTS_TRIGGERS: Record<string, string> = {
  mentions_fts_insert: FTS_INSERT_TRIGGER,
  mentions_fts_delete: FTS_DELETE_TRIGGER,
  mentions_fts_update: FTS_UPDATE_TRIGGER,
};

function hasTable(db: BetterSqlite3.Database, type: 'table' | 'trigger', name: string): boolean {
  return db.prepare('select 1 from sqlite_master where type = ? and name = ?').get(type, name) !== undefined;
}

/** True when the index exists but its insert trigger is gone (paused, or an import died). */
export function fullTextIndexPaused(db: BetterSqlite3.Database): boolean {
  return hasTable(db, 'table', 'mentions_fts') && !hasTable(db, 'trigger', 'mentions_fts_insert');
}

/**
 * Stops keeping the index in step until `resumeFullTextIndex`. All three triggers go:
 * a 'delete' of a row that was never indexed would corrupt an FTS5 index. The insert
 * trigger goes last, so its absence means all are gone.
 */
export function pauseFullTextIndex(db: BetterSqlite3.Database): void {
  db.transaction(() => {
    for (const name of Object.keys(FTS_TRIGGERS).reverse()) db.exec(`drop trigger if exists ${name}`);
  }).immediate();
}

/** Rebuilds the whole index from `mentions` and puts the triggers back, in one transaction. */
export function resumeFullTextIndex(db: BetterSqlite3.Database): void {
  db.transaction(() => {
    db.exec(`insert into mentions_fts(mentions_fts) values ('rebuild')`);
    for (const [name, create] of Object.entries(FTS_TRIGGERS)) if (!hasTable(db, 'trigger', name)) db.exec(create);
  }).immediate();
}

/** After a crash during a paused import: rebuilds the index. A no-op on a healthy or new store. */
export function repairFullTextIndex(db: BetterSqlite3.Database): void {
  if (fullTextIndexPaused(db)) resumeFullTextIndex(db);
}
