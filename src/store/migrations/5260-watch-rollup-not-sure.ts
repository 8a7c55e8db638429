import type { Kysely } from 'kysely';
import type { StoreKind } from '../store-driver.ts';
import { columnTypes } from './migration.ts';
import type { MurmurMigration } from './migration.ts';

/**
 * Issue #17: the Watch rollup counts the mentions whose sentiment is "not sure", so the
 * not-sure share shows beside net sentiment (docs/figures.md) from one computation.
 */
export const watchRollupNotSureMigration: MurmurMigration = {
  name: '5260-watch-rollup-not-sure',
  // SQLite runs a migration outside a transaction: one cut short may have added a column
  // already, so each column is added only where it is missing.
  async up(db: Kysely<any>, kind: StoreKind) {
    const { bigint } = columnTypes(kind);
    const tables = await db.introspection.getTables();
    for (const name of ['watch_rollup', 'watch_rollup_total']) {
      const table = tables.find((t) => t.name === name);
      if (!table?.columns.some((c) => c.name === 'not_sure')) {
        await db.schema.alterTable(name).addColumn('not_sure', bigint, (c) => c.notNull().defaultTo(0)).execute();
      }
    }
    // The rollup rebuilds at its next refresh and fills the counts (as 5030 and 5250 do):
    // counting here would run today's definition in a migration that must never change.
    await db.deleteFrom('watch_rollup_state').execute();
  },
};
