/**
 * Migrated empty stores, made once per test run (vitest's global setup,
 * scripts/test/global-setup.ts): a suite's fresh store is a copy of one — a file copy on
 * SQLite, `create database … template` on PostgreSQL — instead of running every migration
 * again, which costs about half a second per PostgreSQL store and a run opens hundreds.
 * The migrations still run from scratch: here, once per backend and run, and in the
 * migration tests, which open their stores directly.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { openStore } from './store.ts';

/** Where the run's migrated templates are: a SQLite file, and a PostgreSQL database when the run has a server. */
export interface StoreTemplates {
  sqlite: string;
  postgres?: string;
}

let counter = 0;

/**
 * A new PostgreSQL database on the server of `adminUrl` (a copy of `template` if given), named
 * `<prefix>_<pid>_<time>_<n>`; `drop` never throws: forcing needs pg_signal_backend for other
 * roles' backends (e.g. autovacuum), and a leftover test database is harmless where a failing
 * cleanup would fail the suite.
 */
export async function createPostgresDatabase(adminUrl: string, prefix: string, template?: string): Promise<{ name: string; url: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${process.pid}_${Date.now().toString(36)}_${counter++}`;
  await adminQuery(adminUrl, `create database ${name}${template ? ` template ${template}` : ''}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const drop = () => adminQuery(adminUrl, `drop database if exists ${name} with (force)`).catch(() => {});
  return { name, url: url.toString(), drop };
}

async function adminQuery(adminUrl: string, text: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(text);
  } finally {
    await admin.end();
  }
}

/** Migrates one empty store per backend; `drop` removes the PostgreSQL one (the caller owns `dir`). */
export async function createStoreTemplates(dir: string, postgresAdminUrl: string | undefined): Promise<{ templates: StoreTemplates; drop(): Promise<void> }> {
  const sqlite = join(dir, 'template.db');
  await (await openStore(sqlite)).close();
  if (existsSync(`${sqlite}-wal`)) throw new Error(`the SQLite template ${sqlite} kept a write-ahead log after closing`);
  if (!postgresAdminUrl) return { templates: { sqlite }, drop: async () => {} };
  const database = await createPostgresDatabase(postgresAdminUrl, 'murmur_template');
  try {
    // Closed before any copy: PostgreSQL copies only a template nobody is connected to.
    await (await openStore(database.url)).close();
  } catch (error) {
    await database.drop();
    throw error;
  }
  return { templates: { sqlite, postgres: database.name }, drop: database.drop };
}
