import { sql, type Kysely } from 'kysely';
import type { StoreKind } from '../store-driver.ts';
import type { MurmurMigration } from './migration.ts';

/**
 * 0001-core once built a tsvector GIN index on PostgreSQL; it was taken out of 0001 when
 * trigrams took over the pre-filter, but stores made before still carry it and pay for
 * it on every write. (On SQLite `mentions_fts` is the FTS5 table in use: left alone.)
 */
export const dropTsvectorMigration: MurmurMigration = {
  name: '0002-core-drop-tsvector',
  async up(db: Kysely<any>, kind: StoreKind) {
    if (kind === 'postgres') await sql`drop index if exists mentions_fts`.execute(db);
  },
};
