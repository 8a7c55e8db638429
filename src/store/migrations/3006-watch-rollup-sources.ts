import type { Kysely } from 'kysely';
import type { StoreKind } from '../store-driver.ts';
import type { MurmurMigration } from './migration.ts';

/**
 * Which networks carry a topic over a period (advocates' "absent from"): a few index seeks
 * per network (src/watch/queries.ts, loadTopicChannels) instead of summing a month of the
 * rollup per source — a month of a big topic is ~115,000 quarter × source × language rows.
 */
export const watchRollupSourcesMigration: MurmurMigration = {
  name: '3006-watch-rollup-sources',
  async up(db: Kysely<any>, _kind: StoreKind) {
    await db.schema.createIndex('watch_rollup_topic_source').ifNotExists().on('watch_rollup').columns(['topic_id', 'source', 'bucket']).execute();
  },
};
