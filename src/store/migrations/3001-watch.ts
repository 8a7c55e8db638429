import { sql, type CreateTableBuilder, type Kysely } from 'kysely';
import type { StoreKind } from '../store-driver.ts';
import { idColumnType, type MurmurMigration } from './migration.ts';

/**
 * Watch: quarter-hour rollups per topic, alert rules and the log of alerts sent.
 * Every statement is `if not exists`: 3002-watch-catch-up re-runs it on stores made
 * before tables were added here.
 */
export const watchMigration: MurmurMigration = {
  name: '3001-watch',
  async up(db: Kysely<any>, kind: StoreKind) {
    const id = idColumnType(kind);
    const bigint = kind === 'postgres' ? 'bigint' : 'integer';
    const real = kind === 'postgres' ? 'double precision' : 'real';

    // Two rollups with the same measures: per source and language (share of voice,
    // breakdowns, root cause) and totals per quarter (every time series). Clustered on the
    // key in SQLite (WITHOUT ROWID) so a topic's month is one contiguous range.
    type Table = CreateTableBuilder<string, string>;
    const measures = (table: Table): Table =>
      table
        .addColumn('mentions', bigint, (c) => c.notNull())
        .addColumn('negative', bigint, (c) => c.notNull())
        .addColumn('neutral', bigint, (c) => c.notNull())
        .addColumn('positive', bigint, (c) => c.notNull())
        .addColumn('score_sum', real, (c) => c.notNull())
        .addColumn('likes', bigint, (c) => c.notNull())
        .addColumn('shares', bigint, (c) => c.notNull())
        .addColumn('replies', bigint, (c) => c.notNull())
        .addColumn('reach', bigint, (c) => c.notNull())
        .addColumn('views', bigint, (c) => c.notNull())
        .addColumn('replies_or_reposts', bigint, (c) => c.notNull());
    const clustered = (table: Table): Table => (kind === 'sqlite' ? table.modifyEnd(sql`without rowid`) : table);

    await clustered(
      measures(
        db.schema
          .createTable('watch_rollup').ifNotExists()
          .addColumn('workspace_id', bigint, (c) => c.notNull())
          .addColumn('topic_id', bigint, (c) => c.notNull().references('topics.id').onDelete('cascade'))
          .addColumn('bucket', bigint, (c) => c.notNull())
          .addColumn('source', 'text', (c) => c.notNull())
          .addColumn('lang', 'text', (c) => c.notNull()),
      ).addPrimaryKeyConstraint('watch_rollup_pk', ['topic_id', 'bucket', 'source', 'lang']),
    ).execute();
    await db.schema.createIndex('watch_rollup_workspace_bucket').ifNotExists().on('watch_rollup').columns(['workspace_id', 'bucket']).execute();

    await clustered(
      measures(
        db.schema
          .createTable('watch_rollup_total').ifNotExists()
          .addColumn('workspace_id', bigint, (c) => c.notNull())
          .addColumn('topic_id', bigint, (c) => c.notNull().references('topics.id').onDelete('cascade'))
          .addColumn('bucket', bigint, (c) => c.notNull()),
      ).addPrimaryKeyConstraint('watch_rollup_total_pk', ['topic_id', 'bucket']),
    ).execute();
    await db.schema.createIndex('watch_rollup_total_workspace_bucket').ifNotExists().on('watch_rollup_total').columns(['workspace_id', 'bucket']).execute();

    // A narrow copy of each topic's mentions, clustered by topic and time: author rankings
    // and top posts scan a topic's month here instead of joining wide mention rows.
    await clustered(
      db.schema
        .createTable('watch_topic_mentions').ifNotExists()
        .addColumn('workspace_id', bigint, (c) => c.notNull())
        .addColumn('topic_id', bigint, (c) => c.notNull().references('topics.id').onDelete('cascade'))
        .addColumn('published_at', bigint, (c) => c.notNull())
        .addColumn('mention_id', bigint, (c) => c.notNull())
        .addColumn('author_handle', 'text', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('sentiment', 'text')
        .addColumn('followers', bigint)
        .addColumn('engagement', bigint, (c) => c.notNull())
        .addColumn('is_original', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('watch_topic_mentions_pk', ['topic_id', 'published_at', 'mention_id']),
    ).execute();
    await db.schema.createIndex('watch_topic_mentions_workspace').ifNotExists().on('watch_topic_mentions').columns(['workspace_id', 'published_at']).execute();

    // When each author first mentioned each topic: "new authors" without scanning history.
    await clustered(
      db.schema
        .createTable('watch_topic_authors').ifNotExists()
        .addColumn('workspace_id', bigint, (c) => c.notNull())
        .addColumn('topic_id', bigint, (c) => c.notNull().references('topics.id').onDelete('cascade'))
        .addColumn('author_handle', 'text', (c) => c.notNull())
        .addColumn('first_at', bigint, (c) => c.notNull())
        .addPrimaryKeyConstraint('watch_topic_authors_pk', ['topic_id', 'author_handle']),
    ).execute();
    await db.schema.createIndex('watch_topic_authors_first').ifNotExists().on('watch_topic_authors').columns(['topic_id', 'first_at']).execute();

    await db.schema
      .createTable('watch_rollup_state').ifNotExists()
      .addColumn('workspace_id', bigint, (c) => c.primaryKey())
      .addColumn('watermark', bigint, (c) => c.notNull())
      .addColumn('topics_version', 'text', (c) => c.notNull().defaultTo(''))
      .execute();

    // The rollup refresh finds what changed since its watermark through this index.
    await db.schema.createIndex('mentions_updated').ifNotExists().on('mentions').columns(['workspace_id', 'updated_at']).execute();

    await db.schema
      .createTable('watch_alert_rules').ifNotExists()
      .addColumn('id', id, (c) => c.primaryKey())
      .addColumn('workspace_id', bigint, (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('topic_id', bigint, (c) => c.references('topics.id').onDelete('cascade'))
      .addColumn('params', 'text', (c) => c.notNull().defaultTo('{}'))
      .addColumn('channels', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', bigint, (c) => c.notNull())
      .addUniqueConstraint('watch_alert_rules_name', ['workspace_id', 'name'])
      .execute();

    await db.schema
      .createTable('watch_alerts_sent').ifNotExists()
      .addColumn('id', id, (c) => c.primaryKey())
      .addColumn('workspace_id', bigint, (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
      .addColumn('rule_id', bigint, (c) => c.notNull().references('watch_alert_rules.id').onDelete('cascade'))
      .addColumn('dedupe_key', 'text', (c) => c.notNull())
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('error', 'text')
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('payload', 'text', (c) => c.notNull())
      .addColumn('sent_at', bigint, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('watch_alerts_sent_dedupe').ifNotExists()
      .on('watch_alerts_sent')
      .columns(['rule_id', 'dedupe_key', 'channel'])
      .execute();
  },
};
