import type { Kysely } from 'kysely';
import type { StoreKind } from '../store-driver.ts';
import type { MurmurMigration } from './migration.ts';

/** Each workspace's sentiment adapter, trained on its corrections for one base model version (src/nlp/adapt.ts). */
export const nlpSentimentAdaptersMigration: MurmurMigration = {
  name: '5150-nlp-sentiment-adapters',
  async up(db: Kysely<any>, kind: StoreKind) {
    const bigint = kind === 'postgres' ? 'bigint' : 'integer';
    await db.schema
      .createTable('sentiment_adapters')
      .ifNotExists()
      .addColumn('workspace_id', bigint, (c) => c.primaryKey().references('workspaces.id').onDelete('cascade'))
      .addColumn('base_version', 'text', (c) => c.notNull())
      .addColumn('corrections', 'integer', (c) => c.notNull())
      .addColumn('weights', 'text', (c) => c.notNull())
      .addColumn('trained_at', bigint, (c) => c.notNull())
      .execute();
  },
};
