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
});
