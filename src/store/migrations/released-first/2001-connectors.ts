import type { Kysely } from 'kysely';
import type { StoreKind } from '../../store-driver.ts';
import { idColumnType, type MurmurMigration } from '../migration.ts';

export const connectorsMigration: MurmurMigration = {
  name: '2001-connectors',
  async up(db: Kysely<any>, kind: StoreKind) {
    const bigint = kind === 'postgres' ? 'bigint' : 'integer';
    await db.schema
      .createTable('sources')
      .addColumn('id', idColumnType(kind), (c) => c.primaryKey())
      .addColumn('workspace_id', bigint, (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
      .addColumn('network', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('config', 'text', (c) => c.notNull())
      .addColumn('secrets', 'text')
      .addColumn('interval_ms', bigint, (c) => c.notNull())
      .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('cursor', 'text')
      .addColumn('status', 'text', (c) => c.notNull().defaultTo('new'))
      .addColumn('consecutive_failures', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('last_error', 'text')
      .addColumn('last_polled_at', bigint)
      .addColumn('last_success_at', bigint)
      .addColumn('next_poll_at', bigint, (c) => c.notNull())
      .addColumn('lease_until', bigint)
      .addColumn('last_result', 'text')
      .addColumn('created_at', bigint, (c) => c.notNull())
      .addColumn('updated_at', bigint, (c) => c.notNull())
      .addUniqueConstraint('sources_workspace_name', ['workspace_id', 'name'])
      .execute();
    await db.schema.createIndex('sources_due').on('sources').columns(['enabled', 'next_poll_at']).execute();

    await db.schema
      .createTable('hashtag_volume')
      .addColumn('workspace_id', bigint, (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
      .addColumn('source_id', bigint, (c) => c.notNull().references('sources.id').onDelete('cascade'))
      .addColumn('instance', 'text', (c) => c.notNull())
      .addColumn('tag', 'text', (c) => c.notNull())
      .addColumn('day', bigint, (c) => c.notNull())
      .addColumn('uses', bigint, (c) => c.notNull())
      .addColumn('accounts', bigint, (c) => c.notNull())
      .addColumn('updated_at', bigint, (c) => c.notNull())
      .addPrimaryKeyConstraint('hashtag_volume_pk', ['workspace_id', 'instance', 'tag', 'day'])
      .execute();
  },
};
