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
