import type { Kysely } from 'kysely';
import type { StoreKind } from '../store-driver.ts';
import { idColumnType, type MurmurMigration } from './migration.ts';

/** Replies to mentions, one per idempotency key (src/listen/replies/). */
export const mentionRepliesMigration: MurmurMigration = {
  name: '5022-mention-replies',
  async up(db: Kysely<any>, kind: StoreKind) {
    const bigint = kind === 'postgres' ? 'bigint' : 'integer';
    await db.schema
      .createTable('mention_replies')
      .ifNotExists()
      .addColumn('id', idColumnType(kind), (c) => c.primaryKey())
      .addColumn('workspace_id', bigint, (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
      .addColumn('mention_id', bigint, (c) => c.notNull().references('mentions.id').onDelete('cascade'))
      .addColumn('source_id', bigint, (c) => c.notNull())
      .addColumn('idempotency_key', 'text', (c) => c.notNull())
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('url', 'text')
      .addColumn('external_id', 'text')
      .addColumn('error', 'text')
      .addColumn('retry_at', bigint)
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('requested_by', 'text', (c) => c.notNull())
      .addColumn('requested_at', bigint, (c) => c.notNull())
      .addColumn('approved_by', 'text')
      .addColumn('approved_at', bigint)
      .addColumn('sent_at', bigint)
      .addColumn('updated_at', bigint, (c) => c.notNull())
      .addUniqueConstraint('mention_replies_key', ['workspace_id', 'idempotency_key'])
      .execute();
    await db.schema.createIndex('mention_replies_mention').ifNotExists().on('mention_replies').column('mention_id').execute();
  },
};
