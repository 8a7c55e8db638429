import type { Kysely } from 'kysely';
import type { StoreKind } from '../store-driver.ts';
import type { MurmurMigration } from './migration.ts';

/** Crisis items a user dismissed for a topic, with who, when and why (src/watch/dismissals.ts). */
export const watchCrisisDismissalsMigration: MurmurMigration = {
  name: '5031-watch-crisis-dismissals',
  async up(db: Kysely<any>, kind: StoreKind) {
    const bigint = kind === 'postgres' ? 'bigint' : 'integer';
    await db.schema
      .createTable('watch_crisis_dismissals')
      .ifNotExists()
      .addColumn('workspace_id', bigint, (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
      .addColumn('topic_id', bigint, (c) => c.notNull().references('topics.id').onDelete('cascade'))
      .addColumn('item_key', 'text', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('dismissed_by', 'text', (c) => c.notNull())
      .addColumn('dismissed_at', bigint, (c) => c.notNull())
      .addPrimaryKeyConstraint('watch_crisis_dismissals_pk', ['topic_id', 'item_key'])
      .execute();
  },
};
