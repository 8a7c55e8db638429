import type { Kysely } from 'kysely';
import type { StoreKind } from '../store-driver.ts';
import { columnTypes, type MurmurMigration } from './migration.ts';

/**
 * Part 6, Checklists: reports delivered on a schedule (src/reports/digests/), and the log
 * of every delivery, one row per report period and recipient, so a retry never sends twice.
 */
export const reportDigestsMigration: MurmurMigration = {
  name: '5080-reports-digests',
  async up(db: Kysely<any>, kind: StoreKind) {
    const { id, bigint } = columnTypes(kind);
    await db.schema
      .createTable('report_digests')
      .addColumn('id', id, (c) => c.primaryKey())
      .addColumn('workspace_id', bigint, (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('topic_id', bigint, (c) => c.references('topics.id').onDelete('cascade'))
      .addColumn('cron', 'text', (c) => c.notNull())
      .addColumn('time_zone', 'text', (c) => c.notNull())
      .addColumn('recipients', 'text', (c) => c.notNull())
      .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('next_run_at', bigint, (c) => c.notNull())
      .addColumn('created_at', bigint, (c) => c.notNull())
      .addUniqueConstraint('report_digests_name', ['workspace_id', 'name'])
      .execute();
    await db.schema.createIndex('report_digests_due').on('report_digests').columns(['enabled', 'next_run_at']).execute();
    await db.schema
      .createTable('report_digest_deliveries')
      .addColumn('id', id, (c) => c.primaryKey())
      .addColumn('workspace_id', bigint, (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
      .addColumn('digest_id', bigint, (c) => c.notNull().references('report_digests.id').onDelete('cascade'))
      .addColumn('report_date', 'text', (c) => c.notNull())
      .addColumn('recipient', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull())
      .addColumn('error', 'text')
      .addColumn('retry_at', bigint)
      .addColumn('updated_at', bigint, (c) => c.notNull())
      .addUniqueConstraint('report_digest_deliveries_once', ['digest_id', 'report_date', 'recipient'])
      .execute();
    await db.schema.createIndex('report_digest_deliveries_retry').on('report_digest_deliveries').columns(['status', 'retry_at']).execute();
  },
};
