import { expect, it } from 'vitest';
import { addCalendarItem } from '../../plan/calendar.ts';
import { describeEachStore } from '../../store/testing.ts';
import { workspaceId } from '../../store/workspaces.ts';
import { itemUploadLedger } from './publish-uploads.ts';

describeEachStore('the upload ledger of a calendar item', (open) => {
  it('keeps uploads per item and account, overwrites on remember, and forgets one or all of them', async () => {
    const store = await open();
    const ws = await workspaceId(store);
    const item = async () => (await addCalendarItem(store, ws, { channel: 'mastodon', title: 'Cup', body: 'Cup', owner: 'maria' })).id;
    const [a, b] = [await item(), await item()];
    const ledger = itemUploadLedger(store, ws, a, 3, 1000);
    await ledger.remember('mastodon:cup', '110000001');
    await ledger.remember('mastodon:cup', '110000002');
    await ledger.remember('mastodon:mug', '110000003');
    await itemUploadLedger(store, ws, b, 3, 1000).remember('mastodon:cup', 'other item');
    await itemUploadLedger(store, ws, a, 31, 1000).remember('mastodon:cup', 'other account');
    expect(await ledger.find('mastodon:cup')).toBe('110000002');
    expect(await itemUploadLedger(store, ws, a, 31, 1000).find('mastodon:cup')).toBe('other account');
    await ledger.forget('mastodon:cup');
    expect([await ledger.find('mastodon:cup'), await ledger.find('mastodon:mug')]).toEqual([null, '110000003']);
    await ledger.forgetAll();
    expect(await ledger.find('mastodon:mug')).toBeNull();
    expect(await itemUploadLedger(store, ws, b, 3, 1000).find('mastodon:cup')).toBe('other item');
    expect(await itemUploadLedger(store, ws, a, 31, 1000).find('mastodon:cup')).toBe('other account');
  });
});
