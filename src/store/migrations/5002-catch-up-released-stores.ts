import { sql, type Kysely } from 'kysely';
import type { StoreKind } from '../store-driver.ts';
import { FTS_TRIGGERS } from '../sqlite/bulk-load.ts';
import type { MurmurMigration } from './migration.ts';

/**
 * What stores made by the first released schema still lacked after every later migration
 * (found by migrations/history.test.ts, which compares them with fresh stores):
 *   - watch_rollup_state.topics_version, added to 3001-watch after it shipped: 3002 re-ran
 *     3001's `create table if not exists`, which leaves an existing table as it is, so every
 *     rollup refresh of such a store failed on the missing column;
 *   - on SQLite, the full-text update trigger's `when old.text_norm is not new.text_norm`,
 *     added to 0001-core later: a re-import rewrote the full-text entry of every mention.
 * A no-op on stores that have both.
 */
export const catchUpReleasedStoresMigration: MurmurMigration = {
  name: '5002-catch-up-released-stores',
  async up(db: Kysely<any>, kind: StoreKind) {
    const columns =
      kind === 'sqlite'
        ? (await sql<{ name: string }>`select name from pragma_table_info('watch_rollup_state')`.execute(db)).rows
        : (await sql<{ name: string }>`select column_name as name from information_schema.columns where table_schema = current_schema() and table_name = 'watch_rollup_state'`.execute(db)).rows;
    if (!columns.some((c) => c.name === 'topics_version')) {
      await db.schema.alterTable('watch_rollup_state').addColumn('topics_version', 'text', (c) => c.notNull().defaultTo('')).execute();
      // The rollups of these stores were never refreshed with the column: rebuilt on next read.
      await db.deleteFrom('watch_rollup_state').execute();
    }
    if (kind === 'sqlite') {
      const { rows } = await sql<{ sql: string }>`select sql from sqlite_master where type = 'trigger' and name = 'mentions_fts_update'`.execute(db);
      // Only a store whose trigger is there (a paused bulk load has none: repairIndexes puts today's back).
      if (rows.length > 0 && !/when\s+old\.text_norm\s+is\s+not/i.test(rows[0]!.sql)) {
        await sql`drop trigger mentions_fts_update`.execute(db);
        await sql.raw(FTS_TRIGGERS.mentions_fts_update!).execute(db);
      }
    }
  },
};
