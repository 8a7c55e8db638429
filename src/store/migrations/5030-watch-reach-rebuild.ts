import type { Kysely } from 'kysely';
import type { StoreKind } from '../store-driver.ts';
import type { MurmurMigration } from './migration.ts';

/**
 * The rollup's reach became the reach of docs/figures.md (a typical account where a network
 * hides follower counts, as the author rankings always counted it): forgetting the rollup's
 * state makes the next read rebuild it from the mentions, which are untouched.
 */
export const watchReachRebuildMigration: MurmurMigration = {
  name: '5030-watch-reach-rebuild',
  async up(db: Kysely<any>, _kind: StoreKind) {
    await db.deleteFrom('watch_rollup_state').execute();
  },
};
