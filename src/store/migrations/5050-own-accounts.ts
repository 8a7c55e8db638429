import type { Kysely } from 'kysely';
import type { StoreKind } from '../store-driver.ts';
import { columnTypes, type MurmurMigration } from './migration.ts';

/**
 * The brand's own accounts (src/listen/connectors/own-account.ts): their posts with the
 * engagement counts of the latest poll, and one follower count per account and day.
 * Kept apart from `mentions`: what the brand says is not what is said about it, and no
 * listening figure (volume, sentiment, share of voice) may count it.
 */
export const ownAccountsMigration: MurmurMigration = {
  name: '5050-own-accounts',
  async up(db: Kysely<any>, kind: StoreKind) {
    const { id, bigint } = columnTypes(kind);
    await db.schema
      .createTable('own_posts')
      .addColumn('id', id, (c) => c.primaryKey())
      .addColumn('workspace_id', bigint, (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
      // The posts stay when their source goes, as mentions do.
      .addColumn('source_id', bigint, (c) => c.references('sources.id').onDelete('set null'))
      .addColumn('network', 'text', (c) => c.notNull())
      .addColumn('account', 'text', (c) => c.notNull())
      .addColumn('external_id', 'text', (c) => c.notNull())
      .addColumn('url', 'text')
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('published_at', bigint, (c) => c.notNull())
      .addColumn('likes', bigint, (c) => c.notNull())
      .addColumn('shares', bigint, (c) => c.notNull())
      .addColumn('replies', bigint, (c) => c.notNull())
      .addColumn('views', bigint)
      .addColumn('first_seen_at', bigint, (c) => c.notNull())
      .addColumn('updated_at', bigint, (c) => c.notNull())
      .addUniqueConstraint('own_posts_external', ['workspace_id', 'network', 'external_id'])
      .execute();
    await db.schema.createIndex('own_posts_published').on('own_posts').columns(['workspace_id', 'published_at']).execute();

    await db.schema
      .createTable('follower_counts')
      .addColumn('workspace_id', bigint, (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
      .addColumn('source_id', bigint, (c) => c.references('sources.id').onDelete('set null'))
      .addColumn('network', 'text', (c) => c.notNull())
      .addColumn('account', 'text', (c) => c.notNull())
      /** Start of the UTC day, epoch ms; the day's last poll sets the count. */
      .addColumn('day', bigint, (c) => c.notNull())
      .addColumn('followers', bigint, (c) => c.notNull())
      .addColumn('updated_at', bigint, (c) => c.notNull())
      .addPrimaryKeyConstraint('follower_counts_pk', ['workspace_id', 'network', 'account', 'day'])
      .execute();
  },
};
