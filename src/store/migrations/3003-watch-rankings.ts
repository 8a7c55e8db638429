import { sql, type Kysely } from 'kysely';
import type { StoreKind } from '../store-driver.ts';
import type { MurmurMigration } from './migration.ts';

/**
 * Watch at 10 million mentions (`npm run bench:watch`): rankings over a topic's month
 * read indexes in rank order instead of sorting the month, per-author lookups read an
 * author's rows only, and hashtags and links of a topic have a narrow copy of their own.
 * Forgetting the rollup state makes the next refresh rebuild the rollups, filling the
 * new column and table from the stored mentions.
 */
export const watchRankingsMigration: MurmurMigration = {
  name: '3003-watch-rankings',
  async up(db: Kysely<any>, kind: StoreKind) {
    const bigint = kind === 'postgres' ? 'bigint' : 'integer';
    // Whether the mention's text carries a link (the activation's links and videos).
    await db.schema.alterTable('watch_topic_mentions').addColumn('has_link', 'integer', (c) => c.notNull().defaultTo(0)).execute();

    // SQLite appends the primary key (topic_id, published_at, mention_id) to every index
    // of a WITHOUT ROWID table; PostgreSQL carries the read columns with INCLUDE.
    const create = (name: string, keys: string, sqliteExtra: string, include: string) =>
      kind === 'sqlite'
        ? sql.raw(`create index ${name} on watch_topic_mentions (${keys}${sqliteExtra ? `, ${sqliteExtra}` : ''})`).execute(db)
        : sql.raw(`create index ${name} on watch_topic_mentions (${keys}) include (${include})`).execute(db);
    // Top posts of a long period: walk the topic's posts by engagement, stop at the limit.
    await create('watch_topic_mentions_engagement', 'topic_id, engagement desc, mention_id', 'sentiment, is_original', 'published_at, sentiment, is_original');
    // An author's posts on a topic, and the networks an author appears on.
    await create('watch_topic_mentions_author', 'topic_id, author_handle, published_at', 'source, engagement', 'source, engagement, mention_id');

    // Each hashtag of each topic mention: a topic's tags of a week without joining mentions.
    const table = db.schema
      .createTable('watch_topic_hashtags')
      .addColumn('workspace_id', bigint, (c) => c.notNull())
      .addColumn('topic_id', bigint, (c) => c.notNull().references('topics.id').onDelete('cascade'))
      .addColumn('published_at', bigint, (c) => c.notNull())
      .addColumn('tag', 'text', (c) => c.notNull())
      .addColumn('mention_id', bigint, (c) => c.notNull())
      .addColumn('sentiment', 'text')
      .addPrimaryKeyConstraint('watch_topic_hashtags_pk', ['topic_id', 'published_at', 'tag', 'mention_id']);
    await (kind === 'sqlite' ? table.modifyEnd(sql`without rowid`) : table).execute();
    await db.schema.createIndex('watch_topic_hashtags_workspace').on('watch_topic_hashtags').columns(['workspace_id', 'published_at']).execute();

    await db.deleteFrom('watch_rollup_state').execute();
  },
};
