import type { Kysely } from 'kysely';
import type { StoreKind } from '../store-driver.ts';
import type { MurmurMigration } from './migration.ts';

/**
 * A row per demo or first import under way in a workspace, written when it starts and
 * deleted when it finishes: a process killed half-way leaves it, so later commands can
 * say the data is incomplete instead of answering from half a load.
 */
export const unfinishedLoadsMigration: MurmurMigration = {
  name: '0005-core-unfinished-loads',
  async up(db: Kysely<any>, kind: StoreKind) {
    const bigint = kind === 'postgres' ? 'bigint' : 'integer';
    await db.schema
      .createTable('unfinished_loads')
      .addColumn('workspace_id', bigint, (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('detail', 'text', (c) => c.notNull())
      .addColumn('started_at', bigint, (c) => c.notNull())
      .addPrimaryKeyConstraint('unfinished_loads_pk', ['workspace_id', 'kind'])
      .execute();
  },
};
