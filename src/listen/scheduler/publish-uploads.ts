/**
 * The UploadLedger of a calendar item, kept in the store (calendar_item_uploads): what each
 * attempt uploaded to the publishing account, so a retry after a failure attaches it
 * instead of sending the pictures again.
 */
import type { Store } from '../../store/store.ts';
import type { UploadLedger } from '../connectors/publisher.ts';

export function itemUploadLedger(store: Store, workspaceId: number, itemId: number, sourceId: number, now: number): UploadLedger {
  const scoped = (key: string) => `source ${sourceId} ${key}`;
  return {
    async find(key) {
      const row = await store.db.selectFrom('calendar_item_uploads').select('remote').where('item_id', '=', itemId).where('upload_key', '=', scoped(key)).executeTakeFirst();
      return row?.remote ?? null;
    },
    async remember(key, remote) {
      await store.db
        .insertInto('calendar_item_uploads')
        .values({ workspace_id: workspaceId, item_id: itemId, upload_key: scoped(key), remote, created_at: now })
        .onConflict((oc) => oc.columns(['item_id', 'upload_key']).doUpdateSet({ remote }))
        .execute();
    },
    async forget(key) {
      await store.db.deleteFrom('calendar_item_uploads').where('item_id', '=', itemId).where('upload_key', '=', scoped(key)).execute();
    },
    async forgetAll() {
      await store.db.deleteFrom('calendar_item_uploads').where('item_id', '=', itemId).where('upload_key', 'like', scoped('%')).execute();
    },
  };
}
