/**
 * What differs between the storage backends. Everything else (queries, repositories,
 * analytics) is written once against Kysely and runs on both.
 *
 * Each backend lives in its own folder with the same roles (`sqlite/sqlite-driver.ts`,
 * `postgres/postgres-driver.ts`), like Kysely's own `src/dialect/`.
 */
import type { Dialect, Expression, Kysely, SqlBool } from 'kysely';
import type { Database } from './schema.ts';

export type StoreKind = 'sqlite' | 'postgres';

/** One full-text term: a folded word, optionally a prefix (`deliv*`). */
export interface FullTextTerm {
  word: string;
  prefix: boolean;
}

export interface StoreDriver {
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
}
