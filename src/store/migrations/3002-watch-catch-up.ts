import type { Kysely } from 'kysely';
import type { StoreKind } from '../store-driver.ts';
import { watchMigration } from './3001-watch.ts';
import type { MurmurMigration } from './migration.ts';

/**
 * Tables were added to 3001-watch after stores had run it (watch_rollup_total,
 * watch_topic_authors, watch_topic_mentions), so those stores failed every watch
 * command with "no such table". Re-running 3001 (all `if not exists`) creates what is
 * missing; forgetting the rollup state makes the next refresh rebuild the rollups,
 * so the new tables are filled from the stored mentions.
 */
export const watchCatchUpMigration: MurmurMigration = {
  name: '3002-watch-catch-up',
  async up(db: Kysely<any>, kind: StoreKind) {
    await watchMigration.up(db, kind);
    await db.deleteFrom('watch_rollup_state').execute();
  },
};
