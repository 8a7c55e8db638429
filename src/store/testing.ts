/**
 * Test support: every store-facing suite runs once per backend.
 *
 *   describeEachStore('mentions', (open) => { it('…', async () => { const store = await open(); … }) })
 *
 * SQLite always runs (a fresh temp file per store). PostgreSQL runs when
 * MURMUR_TEST_POSTGRES_URL points at a server whose user may create databases;
 * each store gets a database of its own, dropped when the suite ends.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { afterAll, describe } from 'vitest';
import { openStore, type Store } from './store.ts';

export const postgresTestUrl = process.env.MURMUR_TEST_POSTGRES_URL;

let counter = 0;

async function createPostgresDatabase(adminUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `murmur_test_${process.pid}_${Date.now().toString(36)}_${counter++}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      try {
        await client.query(`drop database if exists ${name} with (force)`);
      } catch {
        // Forcing needs pg_signal_backend for other roles' backends (e.g. autovacuum); a
        // leftover test database is harmless, a failing cleanup would fail the suite.
      } finally {
        await client.end();
      }
    },
  };
}

export type OpenTestStore = () => Promise<Store>;

/** A fresh store location for one backend; `cleanup` removes everything it created. */
export function testStoreFactory(kind: 'sqlite' | 'postgres') {
  const cleanups: (() => Promise<void>)[] = [];
  const stores: Store[] = [];
  const location = async (): Promise<string> => {
    if (kind === 'sqlite') {
      const dir = mkdtempSync(join(tmpdir(), 'murmur-test-'));
      cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
      return join(dir, 'murmur.db');
    }
    const database = await createPostgresDatabase(postgresTestUrl!);
    cleanups.push(database.drop);
    return database.url;
  };
  const open: OpenTestStore = async () => {
    const store = await openStore(await location());
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
