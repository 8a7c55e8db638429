import { sql, type Kysely } from 'kysely';
import type { StoreKind } from '../store-driver.ts';
import type { MurmurMigration } from './migration.ts';

/**
 * Per topic, UTC month, author and network: the sums author rankings need (see
 * src/watch/author-months.ts), with one index per measure rankings order by. The author
 * index of watch_topic_mentions gains the follower count, read for the ranked authors.
 * Forgetting the rollup state makes the next refresh rebuild the rollups, filling the table.
 */
export const watchAuthorMonthsMigration: MurmurMigration = {
  name: '3004-watch-author-months',
  async up(db: Kysely<any>, kind: StoreKind) {
    const bigint = kind === 'postgres' ? 'bigint' : 'integer';
    let table = db.schema
      .createTable('watch_author_months')
      .addColumn('workspace_id', bigint, (c) => c.notNull())
      .addColumn('topic_id', bigint, (c) => c.notNull().references('topics.id').onDelete('cascade'))
      .addColumn('month', bigint, (c) => c.notNull())
      .addColumn('author_handle', 'text', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull());
    for (const measure of ['mentions', 'positive', 'negative', 'engagement', 'audience', 'positive_reach', 'negative_reach', 'originals', 'influence']) {
      table = table.addColumn(measure, bigint, (c) => c.notNull());
    }
    table = table.addPrimaryKeyConstraint('watch_author_months_pk', ['topic_id', 'month', 'author_handle', 'source']);
    await (kind === 'sqlite' ? table.modifyEnd(sql`without rowid`) : table).execute();
    for (const measure of ['positive_reach', 'negative_reach', 'positive', 'negative', 'influence']) {
      await db.schema.createIndex(`watch_author_months_${measure}`).on('watch_author_months').columns(['topic_id', 'month', measure]).execute();
    }

    await sql`drop index watch_topic_mentions_author`.execute(db);
    await sql
      .raw(
        kind === 'sqlite'
          ? 'create index watch_topic_mentions_author_reach on watch_topic_mentions (topic_id, author_handle, published_at, source, engagement, followers)'
          : 'create index watch_topic_mentions_author_reach on watch_topic_mentions (topic_id, author_handle, published_at) include (source, engagement, followers, mention_id)',
      )
      .execute(db);
    await db.deleteFrom('watch_rollup_state').execute();
  },
};
