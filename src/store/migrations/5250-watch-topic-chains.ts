import { sql, type Kysely } from 'kysely';
import type { StoreKind } from '../store-driver.ts';
import { columnTypes } from './migration.ts';
import type { MurmurMigration } from './migration.ts';

/**
 * Issues #15/#16: Watch keeps what reply chains and sites need, so root cause, the crisis
 * scan and activation no longer read mentions' rows and texts: the topic copy's replies,
 * reposts and mentions with a link in watch_topic_chains (ids, URL, host, link
 * candidates), and feed items' and imports' host in the copy, both written by the rollup.
 */
export const watchTopicChainsMigration: MurmurMigration = {
  name: '5250-watch-topic-chains',
  // Each step can run again: SQLite runs a migration outside a transaction, so one cut
  // short (a crash, ^C) has committed its first statements and runs whole at the next open.
  async up(db: Kysely<any>, kind: StoreKind) {
    const { bigint } = columnTypes(kind);
    const copy = (await db.introspection.getTables()).find((t) => t.name === 'watch_topic_mentions');
    if (!copy?.columns.some((c) => c.name === 'domain')) await db.schema.alterTable('watch_topic_mentions').addColumn('domain', 'text').execute();
    const table = db.schema
      .createTable('watch_topic_chains')
      .ifNotExists()
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
    await db.schema.createIndex('watch_topic_chains_workspace').ifNotExists().on('watch_topic_chains').columns(['workspace_id', 'published_at']).execute();
    // The rollup rebuilds, copy and chains together, at its next refresh (as 3003, 3004 and
    // 5030 did): filling them here would run today's writer in a migration that must
    // never change, and mix old copy rows with texts written since the last refresh.
    await db.deleteFrom('watch_rollup_state').execute();
  },
};
