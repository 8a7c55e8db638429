/**
 * Opening a store: picks the backend from the location, connects, migrates.
 *
 *   openStore('./murmur.db')                       → embedded SQLite file (the default)
 *   openStore('postgres://user:pw@host/murmur')    → PostgreSQL
 */
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { Kysely, Migrator, type Migration, type MigrationProvider } from 'kysely';
import { migrations } from './migrations/index.ts';
import type { MurmurMigration } from './migrations/migration.ts';
import { PostgresDriver } from './postgres/postgres-driver.ts';
import type { Database } from './schema.ts';
import { SqliteDriver } from './sqlite/sqlite-driver.ts';
import type { StoreDriver, StoreKind } from './store-driver.ts';
import { WriteEvents } from './write-events.ts';

export const DEFAULT_STORE_LOCATION = './murmur.db';

export interface Store {
  readonly db: Kysely<Database>;
  /** What differs between the backends; code outside src/store/ never asks which one it is. */
  readonly driver: StoreDriver;
  /** "Mentions written" events of the mention writer (mention-writer.ts). */
  readonly writes: WriteEvents;
  /** Waits for the listeners of the last writes, then disconnects. */
  close(): Promise<void>;
}

/** `--db` first, then MURMUR_DB, then ./murmur.db. */
export function resolveStoreLocation(flag?: string | null): string {
  return flag || process.env.MURMUR_DB || DEFAULT_STORE_LOCATION;
}

/** The file a store location names (absolute), or null for a database server's URL and `:memory:`. */
export function storeFileOf(location: string): string | null {
  if (/^postgres(ql)?:\/\//i.test(location)) return null;
  const path = location.replace(/^sqlite:(\/\/)?/i, '');
  return path === ':memory:' ? null : resolve(path);
}

export function driverFor(location: string): StoreDriver {
  if (/^postgres(ql)?:\/\//i.test(location)) return new PostgresDriver(location);
  return new SqliteDriver(location.replace(/^sqlite:(\/\/)?/i, ''));
}

class StaticMigrationProvider implements MigrationProvider {
  constructor(
    private readonly kind: StoreKind,
    private readonly list: MurmurMigration[],
  ) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    const kind = this.kind;
    return Object.fromEntries(this.list.map((m) => [m.name, { up: (db: Kysely<any>) => m.up(db, kind) }]));
  }
}

export class StoreError extends Error {
  override name = 'StoreError';
}

/**
 * `migrations`: the schema history to bring the store to (default: all of them). Tests
 * replay an older history with it (migrations/history.test.ts).
 */
export async function openStore(location: string = resolveStoreLocation(), history: MurmurMigration[] = migrations): Promise<Store> {
  const driver = driverFor(location);
  let db: Kysely<Database>;
  try {
    db = new Kysely<Database>({ dialect: driver.createDialect() });
    await driver.prepare(db);
  } catch (error) {
    throw new StoreError(`cannot open the ${driver.kind} store at ${driver.location}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  // Until 5001 each part numbered its migrations in its own range (0xxx core, 3xxx watch…),
  // so stores made before then ran some of them out of order: those still run. From 5002
  // on, one sequence (CONTRIBUTING.md, "Migrations").
  const migrator = new Migrator({ db, provider: new StaticMigrationProvider(driver.kind, history), allowUnorderedMigrations: true });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    await db.destroy();
    const failed = results?.find((r) => r.status === 'Error')?.migrationName;
    const what = failed ? `migration ${failed} failed on` : 'cannot migrate the store at';
    throw new StoreError(`${what} ${driver.location}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  const writes = new WriteEvents();
  return {
    db,
    driver,
    writes,
    close: async () => {
      await writes.settled();
      await db.destroy();
    },
  };
}

/** Deletes the file a store lives in (and its journal), if it is a file: a fresh start for `murmur demo`. */
export function deleteStoreFiles(location: string): void {
  const file = storeFileOf(location);
  if (file === null) return;
  for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
}

/** The backend's name, to show (health checks, logs): never to branch on outside src/store/. */
export function backendName(store: Store): string {
  return store.driver.kind;
}
