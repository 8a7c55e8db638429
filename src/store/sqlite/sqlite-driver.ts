import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { SqliteDialect, sql, type DatabaseConnection, type Kysely, type RawBuilder, type SqliteDatabase, type SqliteStatement } from 'kysely';
import type { Database } from '../schema.ts';
import type { FullTextTerm, StoreDriver } from '../store-driver.ts';
import { pauseIndexes, repairIndexes, resumeIndexes } from './bulk-load.ts';
import { sqliteMentionWrites } from './bulk-upsert.ts';

/** FTS5 takes a quoted string literally; doubling quotes escapes them. */
function ftsTerm(term: FullTextTerm): string {
  return `"${term.word.replaceAll('"', '""')}"${term.prefix ? '*' : ''}`;
}

/**
 * Kysely prepares every query afresh; the same few hundred SQL texts come back on every
 * API request and report, and preparing was ~6.5% of a request's CPU. So statements are
 * kept per SQL text (least recently used dropped beyond `size`: queries with `in (…)`
 * lists of varying length make many texts). A statement still being iterated (a stream)
 * is busy: the same SQL then gets a fresh one.
 */
export class StatementCache implements SqliteDatabase {
  readonly #statements = new Map<string, BetterSqlite3.Statement>();

  constructor(
    readonly database: BetterSqlite3.Database,
    readonly size = 256,
  ) {}

  prepare(text: string): SqliteStatement {
    const cached = this.#statements.get(text);
    if (cached) {
      if (cached.busy) return this.database.prepare(text);
      // Re-inserting moves it to the end: the Map's order is the recency order.
      this.#statements.delete(text);
      this.#statements.set(text, cached);
      return cached;
    }
    const statement = this.database.prepare(text);
    this.#statements.set(text, statement);
    if (this.#statements.size > this.size) this.#statements.delete(this.#statements.keys().next().value!);
    return statement;
  }

  /** How many statements are kept (tests). */
  get cached(): number {
    return this.#statements.size;
  }

  close(): void {
    this.#statements.clear();
    this.database.close();
  }
}

/**
 * better-sqlite3 runs each statement synchronously and Kysely then awaits an already
 * resolved promise, so a request running many queries (a search scanning page after page,
 * a rollup refresh, an overview) never let the event loop answer anyone else, /healthz
 * included, until it was done. Each statement now waits for the event loop's next turn:
 * the longest stall is one statement, not one request.
 */
export function yieldBeforeEachQuery(connection: DatabaseConnection): void {
  const execute = connection.executeQuery.bind(connection);
  connection.executeQuery = async (query) => {
    await new Promise<void>((resolve) => setImmediate(resolve));
    return execute(query);
  };
}

/** Busy timeout (ms) of the connection: how long a write waits for another writer's lock. */
const BUSY_TIMEOUT = 10_000;
/** Inside withoutLockWaits: long enough for a commit in flight, short enough not to stall. */
const BUSY_TIMEOUT_NO_WAIT = 20;

/**
 * Page cache (KB) during a bulk write (`murmur import`). A bulk write touches index pages
 * everywhere, so SQLite's default 64 MB page cache buys an import little over the OS file
 * cache, but adds to its memory (measured on 150k-300k rows: -40 MB peak RSS, CPU time
 * within the ±10% noise of a shared machine). Only this process's connection is affected.
 */
const BULK_WRITE_CACHE_KB = 16_384;


export class SqliteDriver implements StoreDriver {
  readonly kind = 'sqlite' as const;
  readonly location: string;
  readonly mentionWrites = sqliteMentionWrites(() => this.database);
  readonly #path: string;
  #database: BetterSqlite3.Database | undefined;
  /** withoutLockWaits calls in progress (they may overlap: one per workspace). */
  #noWait = 0;

  constructor(path: string) {
    this.#path = path === ':memory:' ? path : resolve(path);
    this.location = this.#path;
  }

  /** The raw better-sqlite3 handle, for bulk paths that measure faster without Kysely. */
  get database(): BetterSqlite3.Database {
    if (!this.#database) throw new Error('SQLite store is not open yet');
    return this.#database;
  }

  createDialect() {
    if (this.#path !== ':memory:') {
      // better-sqlite3 says only "unable to open database file" for a directory.
      if (existsSync(this.#path) && statSync(this.#path).isDirectory()) {
        throw new Error(`it is a directory, not a file: give a file path such as ${join(this.#path, 'murmur.db')}`);
      }
      mkdirSync(dirname(this.#path), { recursive: true });
    }
    const database = new BetterSqlite3(this.#path);
    // WAL lets the dashboard read while an import writes; NORMAL is durable across
    // process crashes (kill -9), which is the failure the importer guards against.
    database.pragma('journal_mode = WAL');
    database.pragma('synchronous = NORMAL');
    database.pragma('foreign_keys = ON');
    database.pragma(`busy_timeout = ${BUSY_TIMEOUT}`);
    database.pragma('cache_size = -65536');
    this.#database = database;
    return new SqliteDialect({ database: new StatementCache(database), onCreateConnection: async (connection) => yieldBeforeEachQuery(connection) });
  }

  async prepare(_db: Kysely<Database>): Promise<void> {
    // An import that died with its indexes paused left them missing or incomplete.
    repairIndexes(this.database);
  }

  /**
   * A write waiting for another process's lock waits inside better-sqlite3, on this
   * thread: the whole server stalls for up to the busy timeout. Here it fails instead
   * (SQLITE_BUSY). The timeout is per connection, so overlapping calls share one lowering.
   */
  async withoutLockWaits<T>(fn: () => Promise<T>): Promise<T> {
    if (this.#noWait++ === 0) this.database.pragma(`busy_timeout = ${BUSY_TIMEOUT_NO_WAIT}`);
    try {
      return await fn();
    } finally {
      if (--this.#noWait === 0) this.database.pragma(`busy_timeout = ${BUSY_TIMEOUT}`);
    }
  }

  /** better-sqlite3's SqliteError carries SQLite's extended code: SQLITE_BUSY, SQLITE_BUSY_SNAPSHOT… */
  isLockBusy(error: unknown): boolean {
    const code = (error as { code?: unknown } | null)?.code;
    return typeof code === 'string' && code.startsWith('SQLITE_BUSY');
  }

  fullTextCondition(terms: FullTextTerm[]) {
    const match = terms.map(ftsTerm).join(' ');
    return sql<boolean>`mentions.id in (select rowid from mentions_fts where mentions_fts match ${match})`;
  }

  /** One writer at a time already: nothing to lock. */
  async lockUntilCommit(): Promise<void> {}

  monthStart(epochMs: RawBuilder<unknown>) {
    return sql<number>`(cast(strftime('%s', ${epochMs} / 1000, 'unixepoch', 'start of month') as integer) * 1000)`;
  }

  /** SQLite's default collation (BINARY) already compares bytes. */
  bytewise(column: string) {
    return sql.raw(column);
  }

  preferIndex(index: string) {
    return sql.raw(`indexed by ${index}`);
  }

  /**
   * A rewrite of tables far bigger than the page cache makes each row inserted into a
   * secondary index a random page write; built from the filled table at the end, an index
   * is one sort. Dropped inside the caller's transaction, so a failure rolls them back;
   * readers keep their snapshot meanwhile.
   */
  async dropIndexesForRewrite(db: Kysely<Database>, indexes: string[]): Promise<string[]> {
    if (indexes.length === 0) return [];
    const { rows } = await sql<{ name: string; sql: string }>`
      select name, sql from sqlite_master where type = 'index' and name in (${sql.join(indexes)})
    `.execute(db);
    for (const r of rows) await sql.raw(`drop index ${r.name}`).execute(db);
    return rows.map((r) => r.sql);
  }

  /**
   * Into an empty store, the full-text and secondary indexes are built once at the end
   * instead of row by row (see bulk-load.ts); into a filled one, rebuilding them would cost
   * more than it saves.
   */
  async beginBulkLoad(db: Kysely<Database>): Promise<(() => Promise<void>) | null> {
    const database = this.database;
    if (database.prepare('select 1 from mentions limit 1').get() !== undefined) return null;
    pauseIndexes(database);
    return () => db.connection().execute(async () => resumeIndexes(database));
  }

  shrinkCacheForBulkWrite(): void {
    this.database.pragma(`cache_size = -${BULK_WRITE_CACHE_KB}`);
  }

}
