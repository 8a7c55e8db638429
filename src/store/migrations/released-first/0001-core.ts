import { sql, type Kysely } from 'kysely';
import type { StoreKind } from '../../store-driver.ts';
import { idColumnType, type MurmurMigration } from '../migration.ts';

export const coreMigration: MurmurMigration = {
  name: '0001-core',
  async up(db: Kysely<any>, kind: StoreKind) {
    const id = idColumnType(kind);
    const bigint = kind === 'postgres' ? 'bigint' : 'integer';

    await db.schema
      .createTable('workspaces')
      .addColumn('id', id, (c) => c.primaryKey())
      .addColumn('slug', 'text', (c) => c.notNull().unique())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('created_at', bigint, (c) => c.notNull())
      .execute();
    await db
      .insertInto('workspaces')
      .values({ slug: 'default', name: 'Default workspace', created_at: Date.now() })
      .execute();

    await db.schema
      .createTable('topics')
      .addColumn('id', id, (c) => c.primaryKey())
      .addColumn('workspace_id', bigint, (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('query', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('created_at', bigint, (c) => c.notNull())
      .addColumn('updated_at', bigint, (c) => c.notNull())
      .addUniqueConstraint('topics_workspace_name', ['workspace_id', 'name'])
      .execute();

    await db.schema
      .createTable('mentions')
      .addColumn('id', id, (c) => c.primaryKey())
      .addColumn('workspace_id', bigint, (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('external_id', 'text', (c) => c.notNull())
      .addColumn('url', 'text')
      .addColumn('domain', 'text')
      .addColumn('author_handle', 'text', (c) => c.notNull())
      .addColumn('author_name', 'text')
      .addColumn('author_followers', bigint)
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('text_norm', 'text', (c) => c.notNull())
      .addColumn('published_at', bigint, (c) => c.notNull())
      .addColumn('lang', 'text')
      .addColumn('lang_confidence', 'real')
      .addColumn('sentiment', 'text')
      .addColumn('sentiment_score', 'real')
      .addColumn('sentiment_neg', 'real')
      .addColumn('sentiment_neu', 'real')
      .addColumn('sentiment_pos', 'real')
      .addColumn('likes', bigint, (c) => c.notNull().defaultTo(0))
      .addColumn('shares', bigint, (c) => c.notNull().defaultTo(0))
      .addColumn('replies', bigint, (c) => c.notNull().defaultTo(0))
      .addColumn('views', bigint)
      .addColumn('parent_external_id', 'text')
      .addColumn('hashtags', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('mentioned', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('first_seen_at', bigint, (c) => c.notNull())
      .addColumn('updated_at', bigint, (c) => c.notNull())
      .addUniqueConstraint('mentions_source_external_id', ['workspace_id', 'source', 'external_id'])
      .execute();
    await db.schema.createIndex('mentions_published').on('mentions').columns(['workspace_id', 'published_at']).execute();
    await db.schema.createIndex('mentions_author').on('mentions').columns(['workspace_id', 'author_handle']).execute();

    await db.schema
      .createTable('mention_hashtags')
      .addColumn('mention_id', bigint, (c) => c.notNull().references('mentions.id').onDelete('cascade'))
      .addColumn('workspace_id', bigint, (c) => c.notNull())
      .addColumn('tag', 'text', (c) => c.notNull())
      .addColumn('published_at', bigint, (c) => c.notNull())
      .addPrimaryKeyConstraint('mention_hashtags_pk', ['mention_id', 'tag'])
      .execute();
    await db.schema.createIndex('mention_hashtags_tag').on('mention_hashtags').columns(['workspace_id', 'tag', 'published_at']).execute();

    await db.schema
      .createTable('mention_topics')
      .addColumn('mention_id', bigint, (c) => c.notNull().references('mentions.id').onDelete('cascade'))
      .addColumn('topic_id', bigint, (c) => c.notNull().references('topics.id').onDelete('cascade'))
      .addColumn('published_at', bigint, (c) => c.notNull())
      .addPrimaryKeyConstraint('mention_topics_pk', ['mention_id', 'topic_id'])
      .execute();
    await db.schema.createIndex('mention_topics_topic').on('mention_topics').columns(['topic_id', 'published_at']).execute();

    if (kind === 'sqlite') {
      // External-content FTS5 index over the folded text, kept in step by triggers.
      await sql`create virtual table mentions_fts using fts5(text_norm, content='mentions', content_rowid='id', tokenize='unicode61 remove_diacritics 2')`.execute(db);
      await sql`create trigger mentions_fts_insert after insert on mentions begin
        insert into mentions_fts(rowid, text_norm) values (new.id, new.text_norm); end`.execute(db);
      await sql`create trigger mentions_fts_delete after delete on mentions begin
        insert into mentions_fts(mentions_fts, rowid, text_norm) values ('delete', old.id, old.text_norm); end`.execute(db);
      await sql`create trigger mentions_fts_update after update of text_norm on mentions begin
        insert into mentions_fts(mentions_fts, rowid, text_norm) values ('delete', old.id, old.text_norm);
        insert into mentions_fts(rowid, text_norm) values (new.id, new.text_norm); end`.execute(db);
    } else {
      await sql`create index mentions_fts on mentions using gin (to_tsvector('simple', text_norm))`.execute(db);
      await sql`create index mentions_trgm on mentions using gin (text_norm gin_trgm_ops)`.execute(db);
    }
  },
};
