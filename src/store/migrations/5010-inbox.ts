import type { Kysely } from 'kysely';
import type { StoreKind } from '../store-driver.ts';
import { idColumnType, type MurmurMigration } from './migration.ts';

/** The inbox: triage per mention, its history, sentiment corrections (src/inbox/). */
export const inboxMigration: MurmurMigration = {
  name: '5010-inbox',
  async up(db: Kysely<any>, kind: StoreKind) {
    const bigint = kind === 'postgres' ? 'bigint' : 'integer';

    await db.schema
      .createTable('mention_triage')
      .addColumn('mention_id', bigint, (c) => c.primaryKey().references('mentions.id').onDelete('cascade'))
      .addColumn('workspace_id', bigint, (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('assignee_id', bigint, (c) => c.references('users.id').onDelete('set null'))
      .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('updated_at', bigint, (c) => c.notNull())
      .addColumn('updated_by', bigint, (c) => c.references('users.id').onDelete('set null'))
      .execute();
    await db.schema.createIndex('mention_triage_state').on('mention_triage').columns(['workspace_id', 'state']).execute();
    await db.schema.createIndex('mention_triage_assignee').on('mention_triage').columns(['workspace_id', 'assignee_id']).execute();

    await db.schema
      .createTable('mention_triage_events')
      .addColumn('id', idColumnType(kind), (c) => c.primaryKey())
      .addColumn('workspace_id', bigint, (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
      .addColumn('mention_id', bigint, (c) => c.notNull().references('mentions.id').onDelete('cascade'))
      .addColumn('user_id', bigint, (c) => c.references('users.id').onDelete('set null'))
      .addColumn('field', 'text', (c) => c.notNull())
      .addColumn('old_value', 'text')
      .addColumn('new_value', 'text')
      .addColumn('at', bigint, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('mention_triage_events_mention').on('mention_triage_events').columns(['mention_id', 'id']).execute();

    await db.schema
      .createTable('sentiment_corrections')
      .addColumn('mention_id', bigint, (c) => c.primaryKey().references('mentions.id').onDelete('cascade'))
      .addColumn('workspace_id', bigint, (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
      .addColumn('label', 'text', (c) => c.notNull())
      .addColumn('original_label', 'text')
      .addColumn('user_id', bigint, (c) => c.references('users.id').onDelete('set null'))
      .addColumn('at', bigint, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('sentiment_corrections_workspace').on('sentiment_corrections').columns(['workspace_id', 'at']).execute();
  },
};
