import type { Kysely } from 'kysely';
import type { MurmurMigration } from './migration.ts';

/**
 * The network's own language tag for a mention (RSS `<language>`, Atom `xml:lang`,
 * Mastodon `language`, Bluesky `langs`), beside the detected `lang`: to compare the two,
 * and to re-detect with it later. Null where the network gives none, and for the rows
 * stored before this column.
 */
export const sourceLangMigration: MurmurMigration = {
  name: '0004-core-source-lang',
  async up(db: Kysely<any>) {
    await db.schema.alterTable('mentions').addColumn('source_lang', 'text').execute();
  },
};
