import type { ColumnDefinitionBuilder, Kysely } from 'kysely';
import type { StoreKind } from '../../store-driver.ts';
import { idColumnType, type MurmurMigration } from '../migration.ts';

/** Part 5, ROI: campaigns, UTM links and click counters, CRM conversions. */
export const roiMigration: MurmurMigration = {
  name: '4002-roi',
  async up(db: Kysely<any>, kind: StoreKind) {
    const id = idColumnType(kind);
    const bigint = kind === 'postgres' ? 'bigint' : 'integer';
    const workspace = (c: ColumnDefinitionBuilder) => c.notNull().references('workspaces.id').onDelete('cascade');

    await db.schema
      .createTable('campaigns')
      .addColumn('id', id, (c) => c.primaryKey())
      .addColumn('workspace_id', bigint, workspace)
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('utm_campaign', 'text', (c) => c.notNull())
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('cost_money', 'real', (c) => c.notNull().defaultTo(0))
      .addColumn('cost_hours', 'real', (c) => c.notNull().defaultTo(0))
      .addColumn('currency', 'text', (c) => c.notNull())
      .addColumn('start_at', bigint, (c) => c.notNull())
      .addColumn('end_at', bigint)
      .addColumn('topic_id', bigint, (c) => c.references('topics.id').onDelete('set null'))
      .addColumn('hashtag', 'text')
      .addColumn('reach_reported', bigint)
      .addColumn('engagement_reported', bigint)
      .addColumn('created_at', bigint, (c) => c.notNull())
      .addColumn('updated_at', bigint, (c) => c.notNull())
      .addUniqueConstraint('campaigns_workspace_utm', ['workspace_id', 'utm_campaign'])
      .execute();

    await db.schema
      .createTable('utm_links')
      .addColumn('id', id, (c) => c.primaryKey())
      .addColumn('workspace_id', bigint, workspace)
      .addColumn('campaign_id', bigint, (c) => c.notNull().references('campaigns.id').onDelete('cascade'))
      .addColumn('code', 'text', (c) => c.notNull().unique())
      .addColumn('destination', 'text', (c) => c.notNull())
      .addColumn('utm_source', 'text', (c) => c.notNull())
      .addColumn('utm_medium', 'text', (c) => c.notNull())
      .addColumn('utm_campaign', 'text', (c) => c.notNull())
      .addColumn('utm_content', 'text')
      .addColumn('utm_term', 'text')
      .addColumn('created_at', bigint, (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('link_clicks')
      .addColumn('link_id', bigint, (c) => c.notNull().references('utm_links.id').onDelete('cascade'))
      .addColumn('day', bigint, (c) => c.notNull())
      .addColumn('clicks', bigint, (c) => c.notNull())
      .addPrimaryKeyConstraint('link_clicks_pk', ['link_id', 'day'])
      .execute();

    await db.schema
      .createTable('conversions')
      .addColumn('id', id, (c) => c.primaryKey())
      .addColumn('workspace_id', bigint, workspace)
      .addColumn('event_id', 'text', (c) => c.notNull())
      .addColumn('stage', 'text', (c) => c.notNull())
      .addColumn('occurred_at', bigint, (c) => c.notNull())
      .addColumn('contact_key', 'text')
      .addColumn('revenue', 'real', (c) => c.notNull().defaultTo(0))
      .addColumn('currency', 'text', (c) => c.notNull())
      .addColumn('utm_source', 'text')
      .addColumn('utm_medium', 'text')
      .addColumn('utm_campaign', 'text')
      .addColumn('utm_content', 'text')
      .addColumn('touches', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('origin', 'text', (c) => c.notNull())
      .addColumn('created_at', bigint, (c) => c.notNull())
      .addUniqueConstraint('conversions_workspace_event', ['workspace_id', 'event_id'])
      .execute();
    await db.schema.createIndex('conversions_campaign').on('conversions').columns(['workspace_id', 'utm_campaign']).execute();

    await db.schema
      .createTable('roi_settings')
      .addColumn('workspace_id', bigint, (c) => c.primaryKey().references('workspaces.id').onDelete('cascade'))
      .addColumn('crm_webhook_secret', 'text', (c) => c.notNull())
      .addColumn('updated_at', bigint, (c) => c.notNull())
      .execute();
  },
};
