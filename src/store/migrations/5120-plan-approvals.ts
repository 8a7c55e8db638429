import type { Kysely } from 'kysely';
import type { StoreKind } from '../store-driver.ts';
import { columnTypes, type MurmurMigration } from './migration.ts';

/**
 * Part 3, Plan: the composer's approval chain. Calendar items carry their approval
 * state and media (with alt text); a workspace setting says whether posts need approval;
 * every change to an item is an event (who, what, comment); a client review link is a
 * hashed, expiring, revocable token for one item.
 */
export const planApprovalsMigration: MurmurMigration = {
  name: '5120-plan-approvals',
  async up(db: Kysely<any>, kind: StoreKind) {
    const { id, bigint } = columnTypes(kind);
    await db.schema.alterTable('calendar_items').addColumn('approval', 'text', (c) => c.notNull().defaultTo('none')).execute();
    await db.schema.alterTable('calendar_items').addColumn('media', 'text', (c) => c.notNull().defaultTo('[]')).execute();
    await db.schema
      .createTable('calendar_settings')
      .addColumn('workspace_id', bigint, (c) => c.primaryKey().references('workspaces.id').onDelete('cascade'))
      .addColumn('require_approval', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('updated_at', bigint, (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('calendar_item_events')
      .addColumn('id', id, (c) => c.primaryKey())
      .addColumn('workspace_id', bigint, (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
      .addColumn('item_id', bigint, (c) => c.notNull().references('calendar_items.id').onDelete('cascade'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('author', 'text', (c) => c.notNull())
      .addColumn('comment', 'text')
      .addColumn('created_at', bigint, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('calendar_item_events_item').on('calendar_item_events').columns(['item_id', 'id']).execute();
    await db.schema
      .createTable('calendar_review_links')
      .addColumn('id', id, (c) => c.primaryKey())
      .addColumn('workspace_id', bigint, (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
      .addColumn('item_id', bigint, (c) => c.notNull().references('calendar_items.id').onDelete('cascade'))
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', bigint, (c) => c.notNull())
      .addColumn('expires_at', bigint, (c) => c.notNull())
      .addColumn('revoked_at', bigint)
      .execute();
  },
};
