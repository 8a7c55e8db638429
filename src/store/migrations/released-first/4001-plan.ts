import { sql, type ColumnDefinitionBuilder, type Kysely } from 'kysely';
import type { StoreKind } from '../../store-driver.ts';
import { idColumnType, type MurmurMigration } from '../migration.ts';

/** Part 3, Plan: versioned plans, the editorial calendar, KPI entries, monthly reviews. */
export const planMigration: MurmurMigration = {
  name: '4001-plan',
  async up(db: Kysely<any>, kind: StoreKind) {
    const id = idColumnType(kind);
    const bigint = kind === 'postgres' ? 'bigint' : 'integer';
    const workspace = (c: ColumnDefinitionBuilder) => c.notNull().references('workspaces.id').onDelete('cascade');

    await db.schema
      .createTable('plans')
      .addColumn('id', id, (c) => c.primaryKey())
      .addColumn('workspace_id', bigint, workspace)
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('current_version', 'integer', (c) => c.notNull())
      .addColumn('created_at', bigint, (c) => c.notNull())
      .addColumn('updated_at', bigint, (c) => c.notNull())
      .addUniqueConstraint('plans_workspace_name', ['workspace_id', 'name'])
      .execute();

    await db.schema
      .createTable('plan_versions')
      .addColumn('id', id, (c) => c.primaryKey())
      .addColumn('plan_id', bigint, (c) => c.notNull().references('plans.id').onDelete('cascade'))
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('document', 'text', (c) => c.notNull())
      .addColumn('author', 'text', (c) => c.notNull())
      .addColumn('change', 'text', (c) => c.notNull())
      .addColumn('created_at', bigint, (c) => c.notNull())
      .addUniqueConstraint('plan_versions_plan_version', ['plan_id', 'version'])
      .execute();

    await db.schema
      .createTable('calendar_items')
      .addColumn('id', id, (c) => c.primaryKey())
      .addColumn('workspace_id', bigint, workspace)
      .addColumn('plan_id', bigint, (c) => c.references('plans.id').onDelete('set null'))
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('owner', 'text', (c) => c.notNull())
      .addColumn('scheduled_at', bigint)
      .addColumn('status', 'text', (c) =>
        c.notNull().check(sqlIn('status', ['idea', 'draft', 'approved', 'scheduled', 'published', 'failed'])),
      )
      .addColumn('source_id', bigint)
      .addColumn('publish_attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('published_url', 'text')
      .addColumn('publish_error', 'text')
      .addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
      .addColumn('created_at', bigint, (c) => c.notNull())
      .addColumn('updated_at', bigint, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('calendar_items_due')
      .on('calendar_items')
      .columns(['workspace_id', 'status', 'scheduled_at'])
      .execute();

    await db.schema
      .createTable('kpi_entries')
      .addColumn('id', id, (c) => c.primaryKey())
      .addColumn('workspace_id', bigint, workspace)
      .addColumn('plan_id', bigint, (c) => c.notNull().references('plans.id').onDelete('cascade'))
      .addColumn('kpi_id', 'text', (c) => c.notNull())
      .addColumn('measured_at', bigint, (c) => c.notNull())
      .addColumn('value', 'real', (c) => c.notNull())
      .addColumn('author', 'text', (c) => c.notNull())
      .addColumn('created_at', bigint, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('kpi_entries_kpi').on('kpi_entries').columns(['plan_id', 'kpi_id', 'measured_at']).execute();

    await db.schema
      .createTable('plan_reviews')
      .addColumn('id', id, (c) => c.primaryKey())
      .addColumn('workspace_id', bigint, workspace)
      .addColumn('plan_id', bigint, (c) => c.notNull().references('plans.id').onDelete('cascade'))
      .addColumn('month', 'text', (c) => c.notNull())
      .addColumn('plan_version', 'integer', (c) => c.notNull())
      .addColumn('result', 'text', (c) => c.notNull())
      .addColumn('decisions', 'text', (c) => c.notNull())
      .addColumn('author', 'text', (c) => c.notNull())
      .addColumn('created_at', bigint, (c) => c.notNull())
      .execute();
  },
};

/** `column in ('a', 'b')` for a check constraint; values are our own constants, never user input. */
function sqlIn(column: string, values: string[]) {
  return sql.raw(`${column} in (${values.map((v) => `'${v}'`).join(', ')})`);
}
