import { expect, it } from 'vitest';
import { describeEachStore } from '../../store/testing.ts';
import { workspaceId } from '../../store/workspaces.ts';
import { addSource } from '../sources.ts';
import { hashtagVolumeSeries } from './hashtag-volume.ts';

describeEachStore('hashtag volume series', (open) => {
  it('sums the days reported by several instances, within a range', async () => {
    const store = await open();
    const ws = await workspaceId(store);
    const source = await addSource(store, ws, { network: 'mastodon', config: { instance: 'a.example', volumeTags: ['coffee'] } });
    const day = (d: number) => Date.UTC(2026, 10, d);
    const row = (instance: string, d: number, uses: number, accounts: number) => ({ workspace_id: ws, source_id: source.id, instance, tag: 'coffee', day: day(d), uses, accounts, updated_at: 0 });
    await store.db.insertInto('hashtag_volume').values([row('a.example', 20, 10, 4), row('b.example', 20, 5, 2), row('a.example', 21, 7, 3), row('a.example', 22, 1, 1)]).execute();
    expect(await hashtagVolumeSeries(store, ws, '#Coffee', { from: new Date(day(20)), to: new Date(day(22)) })).toEqual([
      { day: new Date(day(20)), uses: 15, accounts: 6, instances: 2 },
      { day: new Date(day(21)), uses: 7, accounts: 3, instances: 1 },
    ]);
    expect(await hashtagVolumeSeries(store, ws, 'tea')).toEqual([]);
  });
});
