import { sql, type Kysely } from 'kysely';
import type { StoreKind } from '../store-driver.ts';
import type { MurmurMigration } from './migration.ts';

/**
 * The mention lists' "reach" and "engagement" orders (src/listen/lists/sort.ts) had no
 * index: every page, however deep, sorted the workspace's mentions again. These indexes
 * hold each order as it is read — the sort key's expression exactly as sort.ts spells it,
 * then newest, then id — so a page is an index range from its cursor. Expression indexes
 * are spelled the same on both backends.
 */
export const listsSortIndexesMigration: MurmurMigration = {
  name: '5170-lists-sort-indexes',
  async up(db: Kysely<any>, _kind: StoreKind) {
    await db.schema
      .createIndex('mentions_reach_order')
      .ifNotExists()
      .on('mentions')
      .expression(sql`workspace_id, coalesce(author_followers, 0) desc, published_at desc, id desc`)
      .execute();
    await db.schema
      .createIndex('mentions_engagement_order')
      .ifNotExists()
      .on('mentions')
      .expression(sql`workspace_id, (likes + shares + replies) desc, published_at desc, id desc`)
      .execute();
  },
};
