import type { Kysely } from 'kysely';
import type { MurmurMigration } from './migration.ts';

/**
 * Issue #17: a sentiment adapter is applied only if, on corrections it was not trained on, it
 * fixes at least as many as it breaks (src/nlp/adapter.ts, `heldOutCheck`); the store keeps
 * both counts so the status can say why an adapter changes nothing. Null: trained before the
 * check existed (applied as it was).
 */
export const nlpAdapterHeldOutCheckMigration: MurmurMigration = {
  name: '5270-nlp-adapter-held-out-check',
  // SQLite runs a migration outside a transaction: one cut short may have added a column
  // already, so each column is added only where it is missing.
  async up(db: Kysely<any>) {
    const table = (await db.introspection.getTables()).find((t) => t.name === 'sentiment_adapters');
    for (const column of ['held_out_fixed', 'held_out_broken']) {
      if (!table?.columns.some((c) => c.name === column)) await db.schema.alterTable('sentiment_adapters').addColumn(column, 'integer').execute();
    }
  },
};
