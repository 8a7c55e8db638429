import { sql, type Kysely } from 'kysely';
import type { StoreKind } from '../store-driver.ts';
import type { MurmurMigration } from './migration.ts';

/**
 * Where a mention was dated before a re-import moved it (`previous_published_at`), until
 * the Watch rollup has recomputed that earlier quarter hour: without it the mention
 * counted in both places until a full rebuild. Null for nearly every row, so a partial
 * index finds the moved ones.
 */
export const previousPublishedAtMigration: MurmurMigration = {
  name: '0003-core-previous-published-at',
  async up(db: Kysely<any>, kind: StoreKind) {
    await db.schema
      .alterTable('mentions')
      .addColumn('previous_published_at', kind === 'postgres' ? 'bigint' : 'integer')
      .execute();
    await sql`create index mentions_moved on mentions (workspace_id) where previous_published_at is not null`.execute(db);
  },
};
