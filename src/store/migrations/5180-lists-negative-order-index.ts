import { sql, type Kysely } from 'kysely';
import type { StoreKind } from '../store-driver.ts';
import type { MurmurMigration } from './migration.ts';

/**
 * The mention lists' "negative first" order (src/listen/lists/sort.ts) was the one order
 * 5170 left without an index, so every page sorted the workspace's mentions again. The key
 * is spelled exactly as sort.ts spells it, then newest, then id: a page is an index range.
 */
export const listsNegativeOrderIndexMigration: MurmurMigration = {
  name: '5180-lists-negative-order-index',
  async up(db: Kysely<any>, _kind: StoreKind) {
    await db.schema
      .createIndex('mentions_negative_order')
      .ifNotExists()
      .on('mentions')
      .expression(sql`workspace_id, (case sentiment when 'negative' then 0 when 'neutral' then 1 when 'positive' then 2 else 3 end), published_at desc, id desc`)
      .execute();
  },
};
