import type { Kysely } from 'kysely';
import type { StoreKind } from '../../store-driver.ts';
import { idColumnType, type MurmurMigration } from '../migration.ts';

/** Watch: quarter-hour rollups per topic, alert rules and the log of alerts sent. */
export const watchMigration: MurmurMigration = {
  name: '3001-watch',
  async up(db: Kysely<any>, kind: StoreKind) {
    const id = idColumnType(kind);
    const bigint = kind === 'postgres' ? 'bigint' : 'integer';
    const real = kind === 'postgres' ? 'double precision' : 'real';

    await db.schema
      .createTable('watch_rollup')
      .addColumn('workspace_id', bigint, (c) => c.notNull())
      .addColumn('topic_id', bigint, (c) => c.notNull().references('topics.id').onDelete('cascade'))
      .addColumn('bucket', bigint, (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('lang', 'text', (c) => c.notNull())
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
      .addColumn('replies_or_reposts', bigint, (c) => c.notNull())
      .addPrimaryKeyConstraint('watch_rollup_pk', ['topic_id', 'bucket', 'source', 'lang'])
      .execute();
    await db.schema.createIndex('watch_rollup_workspace_bucket').on('watch_rollup').columns(['workspace_id', 'bucket']).execute();

    await db.schema
      .createTable('watch_rollup_state')
      .addColumn('workspace_id', bigint, (c) => c.primaryKey())
      .addColumn('watermark', bigint, (c) => c.notNull())
      .execute();

    // The rollup refresh finds what changed since its watermark through this index.
    await db.schema.createIndex('mentions_updated').on('mentions').columns(['workspace_id', 'updated_at']).execute();

    await db.schema
      .createTable('watch_alert_rules')
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
      .createTable('watch_alerts_sent')
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
      .createIndex('watch_alerts_sent_dedupe')
      .on('watch_alerts_sent')
      .columns(['rule_id', 'dedupe_key', 'channel'])
      .execute();
  },
};
