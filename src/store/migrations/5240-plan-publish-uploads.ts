import type { Kysely } from 'kysely';
import type { StoreKind } from '../store-driver.ts';
import { columnTypes, type MurmurMigration } from './migration.ts';

/**
 * Issue #19, pictures: what a calendar item has uploaded to a network (a Mastodon media
 * id, a Bluesky blob ref), one row per picture and account, so a retried publish attaches
 * the upload it already made instead of sending the picture again.
 */
export const planPublishUploadsMigration: MurmurMigration = {
  name: '5240-plan-publish-uploads',
  async up(db: Kysely<any>, kind: StoreKind) {
    const { id, bigint } = columnTypes(kind);
    await db.schema
      .createTable('calendar_item_uploads')
      .addColumn('id', id, (c) => c.primaryKey())
      .addColumn('workspace_id', bigint, (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
      .addColumn('item_id', bigint, (c) => c.notNull().references('calendar_items.id').onDelete('cascade'))
      .addColumn('upload_key', 'text', (c) => c.notNull())
      .addColumn('remote', 'text', (c) => c.notNull())
      .addColumn('created_at', bigint, (c) => c.notNull())
      .addUniqueConstraint('calendar_item_uploads_item_key', ['item_id', 'upload_key'])
      .execute();
  },
};
