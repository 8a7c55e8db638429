import type { Kysely } from 'kysely';
import type { StoreKind } from '../store-driver.ts';
import type { MurmurMigration } from './migration.ts';

/**
 * Repost groups (src/listen/lists/collapse.ts) are found by a post's link and by the
 * parent id its reposts carry: without these, listing one group scans the workspace.
 */
export const listsCollapseIndexesMigration: MurmurMigration = {
  name: '5020-lists-collapse-indexes',
  async up(db: Kysely<any>, _kind: StoreKind) {
    await db.schema.createIndex('mentions_url').ifNotExists().on('mentions').columns(['workspace_id', 'url']).execute();
    await db.schema
      .createIndex('mentions_parent')
      .ifNotExists()
      .on('mentions')
      .columns(['workspace_id', 'source', 'parent_external_id'])
      .where('parent_external_id', 'is not', null)
      .execute();
  },
};
