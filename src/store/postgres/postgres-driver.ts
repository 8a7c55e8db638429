import { PostgresDialect, sql, type Kysely, type RawBuilder } from 'kysely';
import type pg from 'pg';
import { log } from '../../core/log.ts';
import { portableMentionWrites } from '../mention-write-path.ts';
import type { Database } from '../schema.ts';
import type { FullTextTerm, StoreDriver } from '../store-driver.ts';

/**
 * pg, loaded when a PostgreSQL store is first opened: a SQLite user's every command would
 * otherwise pay for parsing it (bench:startup).
 */
async function loadPg(): Promise<typeof pg> {
  const { default: loaded } = await import('pg');
  // Epoch-millisecond timestamps are BIGINT; they fit a JS number exactly, so parse them as one.
  loaded.types.setTypeParser(loaded.types.builtins.INT8, (value) => Number.parseInt(value, 10));
  loaded.types.setTypeParser(loaded.types.builtins.NUMERIC, (value) => Number.parseFloat(value));
  return loaded;
}

/** A LIKE pattern matching `word` anywhere; \\, % and _ are escaped (backslash is LIKE's default escape). */
function likeAnywhere(term: FullTextTerm): string {
  return `%${term.word.replace(/[\\%_]/g, '\\$&')}%`;
}

/** Query parameters pg (pg-connection-string) reads secrets from. */
const SECRET_PARAMS = ['password', 'sslpassword', 'sslkey'];

/** The URL with its password masked, in the user part and in `?password=` alike. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    for (const name of SECRET_PARAMS) if (parsed.searchParams.has(name)) parsed.searchParams.set(name, '***');
    return parsed.toString().replaceAll('%2A%2A%2A', '***');
  } catch {
    return 'postgres://(unparseable url)';
  }
}

export class PostgresDriver implements StoreDriver {
  readonly kind = 'postgres' as const;
  readonly location: string;
  readonly mentionWrites = portableMentionWrites;
  readonly #url: string;
  #pool: pg.Pool | undefined;

  constructor(url: string) {
    this.#url = url;
    this.location = redactUrl(url);
  }

  get pool(): pg.Pool {
    if (!this.#pool) throw new Error('PostgreSQL store is not open yet');
    return this.#pool;
  }

  createDialect() {
    return new PostgresDialect({
      pool: async () => {
        const { Pool } = await loadPg();
        this.#pool = new Pool({ connectionString: this.#url, max: 10 });
        // An idle connection that the server closes (restart, admin termination) must not crash
        // the process: the pool drops it and the next query opens a new one.
        this.#pool.on('error', (error) => log.warn({ err: error.message, store: this.location }, 'PostgreSQL connection lost'));
        return this.#pool;
      },
    });
  }

  async prepare(db: Kysely<Database>): Promise<void> {
    // Trigram index backs substring/prefix pre-filters; the extension ships with PostgreSQL.
    await sql`create extension if not exists pg_trgm`.execute(db);
  }

  /** Lock waits are asynchronous here: the process goes on answering meanwhile. */
  withoutLockWaits<T>(fn: () => Promise<T>): Promise<T> {
    return fn();
  }

  /** Lock waits are awaited, never refused (withoutLockWaits changes nothing here). */
  isLockBusy(): boolean {
    return false;
  }

  fullTextCondition(terms: FullTextTerm[]) {
    // Substring match on the folded text, served by the trigram index. Not tsvector:
    // PostgreSQL's text-search parser keeps hosts, e-mails, URLs and decimals whole
    // ('brewly.com', '3.5'), so 'brewly' or '5' would miss rows the matcher accepts,
    // and a pre-filter must never drop a real match.
    const conditions = terms.map((term) => sql<boolean>`mentions.text_norm like ${likeAnywhere(term)}`);
    return conditions.length === 0 ? sql<boolean>`true` : sql<boolean>`(${sql.join(conditions, sql` and `)})`;
  }

  /** A transaction-scoped advisory lock: released by commit or rollback, never leaked. */
  async lockUntilCommit(db: Kysely<Database>, namespace: number, key: number): Promise<void> {
    await sql`select pg_advisory_xact_lock(${sql.lit(namespace)}, ${sql.lit(key)})`.execute(db);
  }

  monthStart(epochMs: RawBuilder<unknown>) {
    return sql<number>`(cast(extract(epoch from date_trunc('month', to_timestamp(${epochMs} / 1000) at time zone 'UTC')) as bigint) * 1000)`;
  }

  /** The database's collation may order by language rules; "C" orders by bytes. */
  bytewise(column: string) {
    return sql.raw(`${column} collate "C"`);
  }

  /** The planner has statistics to choose by. */
  preferIndex(_index: string) {
    return sql.raw('');
  }

  /** DROP INDEX would lock readers out until the rewrite commits: kept. */
  async dropIndexesForRewrite(): Promise<string[]> {
    return [];
  }

  async beginBulkLoad(): Promise<null> {
    return null;
  }

  /** The server owns its cache. */
  shrinkCacheForBulkWrite(): void {}
}
