import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { openStore } from './store.ts';
import { describeEachStore } from './testing.ts';

describeEachStore('opening a store made by an older Murmur', (_open, freshLocation) => {
  it('runs a migration that sorts before ones already run, and creates watch tables added to 3001 later', async () => {
    const location = await freshLocation();
    const old = await openStore(location);
    // A store that ran 3001 before watch_topic_mentions was added to it, and never saw 3002.
    await sql`drop table watch_topic_mentions`.execute(old.db);
    await old.db.deleteFrom('kysely_migration' as never).where('name' as never, '=', '3002-watch-catch-up' as never).execute();
    await old.db.insertInto('watch_rollup_state').values({ workspace_id: 1, watermark: 5, topics_version: '1:1' }).execute();
    await old.close();

    const store = await openStore(location);
    try {
      const rows = await store.db.selectFrom('watch_topic_mentions').selectAll().execute();
      expect(rows).toEqual([]);
      // The rollup state is forgotten, so the next refresh rebuilds and fills the new table.
      expect(await store.db.selectFrom('watch_rollup_state').selectAll().execute()).toEqual([]);
    } finally {
      await store.close();
    }
  });

  it('drops the unused tsvector index of old PostgreSQL stores, and keeps SQLite full-text search', async () => {
    const location = await freshLocation();
    const old = await openStore(location);
    if (old.driver.kind === 'postgres') await sql`create index mentions_fts on mentions using gin (to_tsvector('simple', text_norm))`.execute(old.db);
    await old.db.deleteFrom('kysely_migration' as never).where('name' as never, '=', '0002-core-drop-tsvector' as never).execute();
    await old.close();

    const store = await openStore(location);
    try {
      if (store.driver.kind === 'postgres') {
        const { rows } = await sql<{ n: number }>`select count(*)::int as n from pg_indexes where indexname = 'mentions_fts'`.execute(store.db);
        expect(rows[0]!.n).toBe(0);
      } else {
        const { rows } = await sql<{ n: number }>`select count(*) as n from sqlite_master where name = 'mentions_fts'`.execute(store.db);
        expect(Number(rows[0]!.n)).toBe(1);
      }
    } finally {
      await store.close();
    }
  });
});
