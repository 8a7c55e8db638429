import type { Kysely } from 'kysely';
import type { StoreKind } from '../store-driver.ts';
import { idColumnType, type MurmurMigration } from './migration.ts';

/** Tags on mentions, by hand or by rules in the topic language (src/inbox/tags.ts). */
export const inboxTagsMigration: MurmurMigration = {
  name: '5011-inbox-tags',
  async up(db: Kysely<any>, kind: StoreKind) {
    const bigint = kind === 'postgres' ? 'bigint' : 'integer';
    await db.schema
      .createTable('tag_rules')
      .addColumn('id', idColumnType(kind), (c) => c.primaryKey())
      .addColumn('workspace_id', bigint, (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
      .addColumn('tag', 'text', (c) => c.notNull())
      .addColumn('query', 'text', (c) => c.notNull())
      .addColumn('created_at', bigint, (c) => c.notNull())
      .addColumn('updated_at', bigint, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('tag_rules_workspace').on('tag_rules').column('workspace_id').execute();

    await db.schema
      .createTable('mention_tags')
      .addColumn('mention_id', bigint, (c) => c.notNull().references('mentions.id').onDelete('cascade'))
      .addColumn('workspace_id', bigint, (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
      .addColumn('tag', 'text', (c) => c.notNull())
      // 0 for a tag put by hand; no foreign key, so hand tags need no rule row.
      .addColumn('rule_id', bigint, (c) => c.notNull())
      .addColumn('published_at', bigint, (c) => c.notNull())
      .addPrimaryKeyConstraint('mention_tags_pk', ['mention_id', 'tag', 'rule_id'])
      .execute();
    await db.schema.createIndex('mention_tags_tag').on('mention_tags').columns(['workspace_id', 'tag', 'published_at']).execute();
    await db.schema.createIndex('mention_tags_rule').on('mention_tags').columns(['rule_id', 'mention_id']).execute();
  },
};
