import { sql, type Kysely } from 'kysely';
import type { StoreKind } from '../store-driver.ts';
import { columnTypes } from './migration.ts';
import { writeTopicChains } from '../topic-chains.ts';
import type { MurmurMigration } from './migration.ts';

/**
 * Issues #15/#16: Watch keeps what reply chains and sites need, so root cause, the crisis
 * scan and activation no longer read mentions' rows and texts: the topic copy's replies,
 * reposts and mentions with a link in watch_topic_chains (ids, URL, host, link
 * candidates), and feed items' and imports' host in the copy. Filled here from the
 * mentions for what the rollup copied already; the rollup writes both from now on.
 */
export const watchTopicChainsMigration: MurmurMigration = {
  name: '5250-watch-topic-chains',
  async up(db: Kysely<any>, kind: StoreKind) {
    const { bigint } = columnTypes(kind);
    await db.schema.alterTable('watch_topic_mentions').addColumn('domain', 'text').execute();
    const table = db.schema
      .createTable('watch_topic_chains')
      .addColumn('workspace_id', bigint, (c) => c.notNull())
      .addColumn('topic_id', bigint, (c) => c.notNull().references('topics.id').onDelete('cascade'))
      .addColumn('published_at', bigint, (c) => c.notNull())
      .addColumn('mention_id', bigint, (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('author_handle', 'text', (c) => c.notNull())
      .addColumn('sentiment', 'text')
      .addColumn('is_original', 'integer', (c) => c.notNull())
      .addColumn('has_link', 'integer', (c) => c.notNull())
      .addColumn('external_id', 'text', (c) => c.notNull())
      .addColumn('parent_external_id', 'text')
      .addColumn('url', 'text')
      .addColumn('domain', 'text')
      .addColumn('links', 'text')
      .addPrimaryKeyConstraint('watch_topic_chains_pk', ['topic_id', 'published_at', 'mention_id']);
    // Clustered by topic and time, as the copy is (3001-watch).
    await (kind === 'sqlite' ? table.modifyEnd(sql`without rowid`) : table).execute();
    // The rollup finds a range's rows by workspace and time.
    await db.schema.createIndex('watch_topic_chains_workspace').on('watch_topic_chains').columns(['workspace_id', 'published_at']).execute();
    await fillTopicChains(db);
  },
};

/** What the rollup would have written for the rows it copied before this migration: feed hosts, then chain rows. */
export async function fillTopicChains(db: Kysely<any>): Promise<void> {
  await sql`
    update watch_topic_mentions set domain = m.domain
    from mentions m where m.id = watch_topic_mentions.mention_id and watch_topic_mentions.source in ('rss', 'import')
  `.execute(db);
  const spans = await db
    .selectFrom('watch_topic_mentions')
    .select(['workspace_id', (eb) => eb.fn.min('published_at').as('first'), (eb) => eb.fn.max('published_at').as('last')])
    .groupBy('workspace_id')
    .execute();
  for (const s of spans) await writeTopicChains(db, Number(s.workspace_id), Number(s.first), Number(s.last) + 1);
}
