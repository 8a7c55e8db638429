/**
 * Test support: every store-facing suite runs once per backend.
 *
 *   describeEachStore('mentions', (open) => { it('…', async () => { const store = await open(); … }) })
 *
 * SQLite always runs (a fresh temp file per store). PostgreSQL runs when
 * MURMUR_TEST_POSTGRES_URL points at a server whose user may create databases;
 * each store gets a database of its own, dropped when the suite ends.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CompiledQuery, sql, type Compilable, type KyselyPlugin, type RootOperationNode } from 'kysely';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { afterAll, describe, inject, type ProvidedContext } from 'vitest';
import { openStore, type Store } from './store.ts';
import { createPostgresDatabase, type StoreTemplates } from './test-templates.ts';

export const postgresTestUrl = process.env.MURMUR_TEST_POSTGRES_URL;

/** What vitest's global setup (scripts/test/global-setup.ts) provides the run; nothing in a bench or script. */
export function providedByRun<K extends keyof ProvidedContext>(key: K): ProvidedContext[K] | undefined {
  try {
    return inject(key);
  } catch {
    return undefined; // outside a vitest worker
  }
}

export type OpenTestStore = () => Promise<Store>;

/**
 * Fresh stores for one backend; `cleanup` removes everything it created. `location()` is
 * empty (for a CLI or server to create and migrate); `open()` is migrated, copied from the
 * run's template when there is one.
 */
export function testStoreFactory(kind: 'sqlite' | 'postgres') {
  const cleanups: (() => Promise<void>)[] = [];
  const stores: Store[] = [];
  const templates = providedByRun('storeTemplates');
  const newLocation = async (template: StoreTemplates | undefined): Promise<string> => {
    if (kind === 'sqlite') {
      const dir = mkdtempSync(join(tmpdir(), 'murmur-test-'));
      cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
      const file = join(dir, 'murmur.db');
      if (template) copyFileSync(template.sqlite, file);
      return file;
    }
    const database = await createPostgresDatabase(postgresTestUrl!, 'murmur_test', template?.postgres);
    cleanups.push(database.drop);
    return database.url;
  };
  const location = () => newLocation(undefined);
  const open: OpenTestStore = async () => {
    const store = await openStore(await newLocation(templates));
    stores.push(store);
    return store;
  };
  const cleanup = async () => {
    for (const store of stores.splice(0)) await store.close().catch(() => {});
    for (const fn of cleanups.splice(0).reverse()) await fn();
  };
  return { location, open, cleanup };
}

/** Runs `body` once per backend, as nested describes named after the backend. */
export function describeEachStore(name: string, body: (open: OpenTestStore, location: () => Promise<string>) => void) {
  describe(`${name} [sqlite]`, () => {
    const factory = testStoreFactory('sqlite');
    afterAll(factory.cleanup);
    body(factory.open, factory.location);
  });
  if (postgresTestUrl) {
    describe(`${name} [postgres]`, () => {
      const factory = testStoreFactory('postgres');
      afterAll(factory.cleanup);
      body(factory.open, factory.location);
    });
  } else {
    describe.skip(`${name} [postgres] — skipped: set MURMUR_TEST_POSTGRES_URL to run against PostgreSQL`, () => {
      body(async () => {
        throw new Error('unreachable');
      }, async () => '');
    });
  }
}

/** Names of the indexes on tables whose name starts with `tablePrefix`, sorted (both backends). */
export async function indexNames(store: Store, tablePrefix: string): Promise<string[]> {
  const like = `${tablePrefix.replace(/[\\%_]/g, '\\$&')}%`;
  const { rows } =
    store.driver.kind === 'sqlite'
      ? await sql<{ name: string }>`select name from sqlite_master where type = 'index' and tbl_name like ${like} escape '\\' order by name`.execute(store.db)
      : await sql<{ name: string }>`select indexname as name from pg_indexes where schemaname = current_schema() and tablename like ${like} order by indexname`.execute(store.db);
  return rows.map((r) => r.name);
}

/**
 * The plan the backend would run `query` with, one line per step: SQLite's `explain query
 * plan` details, PostgreSQL's `explain` lines. On PostgreSQL, sorting and sequential scans
 * are priced out (inside a transaction, for this query only), so the plan shows whether an
 * index *can* give the order, whatever statistics a small test table has.
 */
export async function queryPlan(store: Store, query: Compilable): Promise<string[]> {
  const { sql: text, parameters } = query.compile();
  if (store.driver.kind === 'sqlite') {
    const { rows } = await store.db.executeQuery<{ detail: string }>(CompiledQuery.raw(`explain query plan ${text}`, [...parameters]));
    return rows.map((r) => r.detail);
  }
  return store.db.transaction().execute(async (trx) => {
    await sql`set local enable_sort = off`.execute(trx);
    await sql`set local enable_seqscan = off`.execute(trx);
    const { rows } = await trx.executeQuery<{ 'QUERY PLAN': string }>(CompiledQuery.raw(`explain ${text}`, [...parameters]));
    return rows.map((r) => r['QUERY PLAN']);
  });
}

/**
 * The plan with the statistics a store in use has: PostgreSQL's autovacuum analyzes its
 * tables (so they are analyzed first), a SQLite store is never analyzed (so its planner
 * goes by the query's shape alone).
 */
export async function queryPlanInUse(store: Store, query: Compilable): Promise<string[]> {
  if (store.driver.kind === 'postgres') await sql`analyze`.execute(store.db);
  return queryPlan(store, query);
}

/**
 * Makes inserts into `table` fail ('injected failure') for rows where `condition` (SQL on
 * the new row's columns, unqualified) holds; returns what removes the failure.
 */
export async function failInserts(store: Store, table: string, condition: string): Promise<() => Promise<void>> {
  const name = `fail_${table}`;
  // Column names are those followed by a comparison.
  const when = condition.replace(/\b([a-z_]+)\b(?=\s*[<>=!])/g, 'new.$1');
  if (store.driver.kind === 'sqlite') {
    await sql.raw(`create trigger ${name} before insert on ${table} when ${when} begin select raise(abort, 'injected failure'); end`).execute(store.db);
    return async () => void (await sql.raw(`drop trigger ${name}`).execute(store.db));
  }
  await sql.raw(`create function ${name}() returns trigger language plpgsql as $$ begin if ${when} then raise exception 'injected failure'; end if; return new; end $$`).execute(store.db);
  await sql.raw(`create trigger ${name} before insert on ${table} for each row execute function ${name}()`).execute(store.db);
  return async () => void (await sql.raw(`drop trigger ${name} on ${table}`).execute(store.db));
}

/**
 * A query function on the store at `location` that opens a connection per query, without
 * Kysely's migrator: a test can poll a store while another process migrates and writes it.
 */
export function rawQuery(location: string): (text: string) => Promise<Record<string, unknown>[]> {
  return async (text) => {
    if (/^postgres(ql)?:\/\//i.test(location)) {
      const client = new pg.Client({ connectionString: location });
      await client.connect();
      try {
        return (await client.query(text)).rows as Record<string, unknown>[];
      } finally {
        await client.end();
      }
    }
    const db = new BetterSqlite3(location, { readonly: true, fileMustExist: true });
    try {
      return db.prepare(text).all() as Record<string, unknown>[];
    } finally {
      db.close();
    }
  };
}

/** A store's schema, comparable across stores of one backend: tables with their columns (type, nullability, default), indexes (columns, uniqueness), triggers. */
export interface SchemaDescription {
  tables: Record<string, string[]>;
  indexes: Record<string, string>;
  triggers: Record<string, string>;
}

const squeeze = (text: string) => text.replace(/\s+/g, ' ').trim().toLowerCase();

export async function describeSchema(store: Store): Promise<SchemaDescription> {
  const described: SchemaDescription = { tables: {}, indexes: {}, triggers: {} };
  if (store.driver.kind === 'sqlite') {
    const { rows: objects } = await sql<{ type: string; name: string; tbl_name: string; sql: string | null }>`
      select type, name, tbl_name, sql from sqlite_master where name not like 'sqlite_%' and name not like 'kysely_%' order by name`.execute(store.db);
    for (const o of objects) {
      if (o.type === 'table') {
        const { rows } = await sql<{ name: string; type: string; notnull: number; dflt_value: string | null; pk: number }>`select * from pragma_table_info(${o.name})`.execute(store.db);
        described.tables[o.name] = rows.map((c) => `${c.name} ${c.type.toLowerCase()}${c.notnull ? ' not null' : ''}${c.dflt_value === null ? '' : ` default ${c.dflt_value}`}${c.pk ? ` pk${c.pk}` : ''}`);
      } else if (o.type === 'index') {
        const { rows } = await sql<{ name: string }>`select name from pragma_index_info(${o.name}) order by seqno`.execute(store.db);
        const unique = o.sql !== null && /create\s+unique/i.test(o.sql);
        described.indexes[o.name] = `${o.tbl_name}(${rows.map((r) => r.name).join(', ')})${unique || o.sql === null ? ' unique' : ''}`;
      } else if (o.type === 'trigger') described.triggers[o.name] = squeeze(o.sql ?? '');
    }
    return described;
  }
  const { rows: columns } = await sql<{ table_name: string; column_name: string; data_type: string; is_nullable: string; column_default: string | null }>`
    select table_name, column_name, data_type, is_nullable, column_default from information_schema.columns
    where table_schema = current_schema() and table_name not like 'kysely_%' order by table_name, ordinal_position`.execute(store.db);
  for (const c of columns) {
    (described.tables[c.table_name] ??= []).push(`${c.column_name} ${c.data_type}${c.is_nullable === 'NO' ? ' not null' : ''}${c.column_default === null ? '' : ` default ${c.column_default}`}`);
  }
  const { rows: indexes } = await sql<{ indexname: string; indexdef: string }>`
    select indexname, indexdef from pg_indexes where schemaname = current_schema() and tablename not like 'kysely_%' order by indexname`.execute(store.db);
  for (const i of indexes) described.indexes[i.indexname] = squeeze(i.indexdef.replace(/"/g, ''));
  const { rows: triggers } = await sql<{ name: string; def: string }>`
    select t.tgname as name, pg_get_triggerdef(t.oid) as def from pg_trigger t join pg_class c on c.oid = t.tgrelid
    join pg_namespace n on n.oid = c.relnamespace where not t.tgisinternal and n.nspname = current_schema() order by t.tgname`.execute(store.db);
  for (const t of triggers) described.triggers[t.name] = squeeze(t.def);
  return described;
}

/**
 * Another process (an import, say) holding an SQLite store's write lock until the caller
 * lets it go: a second connection in a write transaction.
 */
export function holdSqliteWriteLock(location: string): () => void {
  const other = new BetterSqlite3(location);
  other.prepare('begin immediate').run();
  return () => {
    other.prepare('rollback').run();
    other.close();
  };
}

/** One query a store ran: its SQL and how many rows it returned. */
export interface RecordedQuery {
  sql: string;
  rows: number;
}

/**
 * The store with every query it runs recorded (SQL and rows returned): a work counter for
 * tests that a read touches only what it should, whatever the machine's speed.
 */
export function recordQueries(store: Store): { store: Store; queries: RecordedQuery[] } {
  const queries: RecordedQuery[] = [];
  const nodes = new WeakMap<object, RootOperationNode>();
  const executor = store.db.getExecutor();
  const recorder: KyselyPlugin = {
    transformQuery: (args) => {
      nodes.set(args.queryId, args.node);
      return args.node;
    },
    transformResult: async (args) => {
      const node = nodes.get(args.queryId);
      if (node) queries.push({ sql: executor.compileQuery(node, args.queryId).sql, rows: args.result.rows.length });
      return args.result;
    },
  };
  return { store: { ...store, db: store.db.withPlugin(recorder) }, queries };
}
