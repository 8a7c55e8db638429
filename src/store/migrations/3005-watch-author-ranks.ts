import { sql, type Kysely } from 'kysely';
import type { StoreKind } from '../store-driver.ts';
import type { MurmurMigration } from './migration.ts';

/**
 * The rank indexes of watch_author_months (3004) ordered ties by nothing: a month's top
 * 300 by negative posts read every author with as many as the 300th (6,404 rows at 1M
 * mentions). Ordered by measure, then handle and network (byte order, as the ranking code
 * compares), the top K is K index entries.
 */
export const watchAuthorRanksMigration: MurmurMigration = {
  name: '3005-watch-author-ranks',
  async up(db: Kysely<any>, kind: StoreKind) {
    const bytes = kind === 'postgres' ? ' collate "C"' : '';
    for (const measure of ['positive_reach', 'negative_reach', 'positive', 'negative', 'influence']) {
      await sql.raw(`drop index watch_author_months_${measure}`).execute(db);
      await sql
        .raw(`create index watch_author_months_by_${measure} on watch_author_months (topic_id, month, ${measure} desc, author_handle${bytes}, source${bytes})`)
        .execute(db);
    }
  },
};
