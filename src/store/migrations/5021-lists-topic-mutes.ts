import type { Kysely } from 'kysely';
import type { StoreKind } from '../store-driver.ts';
import { idColumnType, type MurmurMigration } from './migration.ts';

/** Per-topic mutes of authors, sites and terms (src/listen/lists/mutes.ts). */
export const listsTopicMutesMigration: MurmurMigration = {
  name: '5021-lists-topic-mutes',
  async up(db: Kysely<any>, kind: StoreKind) {
    const bigint = kind === 'postgres' ? 'bigint' : 'integer';
    await db.schema
      .createTable('topic_mutes')
      .ifNotExists()
      .addColumn('id', idColumnType(kind), (c) => c.primaryKey())
      .addColumn('workspace_id', bigint, (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
      .addColumn('topic_id', bigint, (c) => c.notNull().references('topics.id').onDelete('cascade'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('value', 'text', (c) => c.notNull())
      .addColumn('reason', 'text')
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', bigint, (c) => c.notNull())
      .addColumn('removed_by', 'text')
      .addColumn('removed_at', bigint)
      .execute();
    await db.schema.createIndex('topic_mutes_topic').ifNotExists().on('topic_mutes').columns(['topic_id', 'removed_at']).execute();
  },
};
