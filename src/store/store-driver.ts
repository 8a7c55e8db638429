/**
 * What differs between the storage backends. Everything else (queries, repositories,
 * analytics) is written once against Kysely and runs on both.
 *
 * Each backend lives in its own folder with the same roles (`sqlite/sqlite-driver.ts`,
 * `postgres/postgres-driver.ts`), like Kysely's own `src/dialect/`.
 */
import type { Dialect, Expression, Kysely, RawBuilder, SqlBool } from 'kysely';
import type { MentionWritePath } from './mention-write-path.ts';
import type { Database } from './schema.ts';

export type StoreKind = 'sqlite' | 'postgres';

/** One full-text term: a folded word, optionally a prefix (`deliv*`). */
export interface FullTextTerm {
  word: string;
  prefix: boolean;
}

/** Column types whose spelling differs between the backends, for migrations (`columnTypes(kind)`). */
export interface ColumnTypes {
  /** An auto-increment integer primary key. */
  id: 'bigserial' | 'integer';
  /** An epoch-millisecond timestamp, or any integer that may pass 2^31. */
  epochMs: 'bigint' | 'integer';
  /** A 64-bit integer: a reference to an `id`, a count, a timestamp. */
  bigint: 'bigint' | 'integer';
}

/**
 * Everything outside src/store/ that would otherwise ask which backend it runs on asks the
 * driver for the difference instead (as Kysely's dialect adapters do): a test
 * (src/store/backend-boundary.test.ts) fails when code outside src/store/ names a backend.
 */
export interface StoreDriver {
  /** Which backend: for src/store/ (migrations) and display only; code outside store/ uses the members below. */
  readonly kind: StoreKind;
  /** A display form of where the data lives, with any password removed. */
  readonly location: string;
  createDialect(): Dialect;
  /** Runs once after connecting, before migrations (pragmas, extensions). */
  prepare(db: Kysely<Database>): Promise<void>;
  /**
   * A condition on `mentions` that is true when every term occurs in the text.
   * Used as a pre-filter: callers still run the exact matcher on the rows it returns.
   */
  fullTextCondition(terms: FullTextTerm[]): Expression<SqlBool>;
  /**
   * Runs `fn` with writes that find the store locked by another writer (an import in
   * another process) failing at once instead of waiting: for work that can be retried
   * later (the server's rollup refresh), where waiting would stall the process.
   */
  withoutLockWaits<T>(fn: () => Promise<T>): Promise<T>;
  /** Whether `error` is a write refused because another writer held the lock (inside withoutLockWaits). */
  isLockBusy(error: unknown): boolean;
  /**
   * Holds, until the end of the current transaction on `db`, a lock that serializes every
   * caller passing the same (namespace, key) across processes. SQLite needs none: its one
   * writer at a time already does it.
   */
  lockUntilCommit(db: Kysely<Database>, namespace: number, key: number): Promise<void>;
  /** SQL for the start (epoch ms) of the UTC calendar month of an epoch-ms expression. */
  monthStart(epochMs: RawBuilder<unknown>): RawBuilder<number>;
  /** `column` as an ORDER BY term that sorts text by its bytes (as JS `<` on ASCII, and the rank indexes). */
  bytewise(column: string): RawBuilder<unknown>;
  /**
   * A `from` clause hint telling a planner with no statistics (SQLite) to read the table
   * through `index`; empty where the planner chooses well by itself (PostgreSQL).
   */
  preferIndex(index: string): RawBuilder<unknown>;
  /**
   * Inside a transaction rewriting whole tables: drops those of `indexes` that exist, where
   * building them afresh at the end is cheaper than keeping them in step row by row, and
   * returns the statements that recreate them (run them before commit). Nothing on
   * backends where dropping an index would lock readers out (PostgreSQL).
   */
  dropIndexesForRewrite(db: Kysely<Database>, indexes: string[]): Promise<string[]>;
  /** How this backend writes mention batches (src/store/mention-writer.ts is the one caller). */
  readonly mentionWrites: MentionWritePath;
  /**
   * Before a bulk load into `db`: prepares whatever makes it faster (an empty SQLite store
   * builds its indexes once at the end) and returns what finishes it, or null.
   */
  beginBulkLoad(db: Kysely<Database>): Promise<(() => Promise<void>) | null>;
  /** Shrinks this connection's page cache for a long bulk write, where a big one buys little (no-op where the server owns it). */
  shrinkCacheForBulkWrite(): void;
}
