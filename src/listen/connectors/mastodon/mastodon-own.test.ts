import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import type { Store } from '../../../store/store.ts';
import { describeEachStore } from '../../../store/testing.ts';
import { workspaceId } from '../../../store/workspaces.ts';
import { addTestSource, poll, storedMentions, testClock } from '../connector-testing.ts';
import { accounts, status } from './mastodon-fixtures.ts';
import { MastodonReplay } from './mastodon-replay.ts';

let replay: MastodonReplay;
beforeAll(async () => {
  replay = await MastodonReplay.start();
});
afterAll(() => replay.close());
const followersAtStart = accounts.brand.followers_count;
afterEach(() => {
  accounts.brand.followers_count = followersAtStart;
});

const DAY = 86_400_000;

/** The brand's timeline: three public posts, one direct message, a boost of someone else, and a post older than the 30-day window. */
function brandTimeline(counts: [number, number, number]) {
  const brand = accounts.brand;
  return [
    status({ id: '113500000000000010', account: brand, content: '<p>New roast: Ethiopia Guji ☕</p>', createdAt: '2026-11-21T09:00:00.000Z', counts }),
    status({ id: '113500000000000009', account: brand, content: '<p>Sofia, we are open!</p>', createdAt: '2026-11-15T09:00:00.000Z', counts: [40, 12, 5] }),
    { ...status({ id: '113500000000000008', account: brand, content: '<p>@kasia your order is on its way</p>', createdAt: '2026-11-14T09:00:00.000Z' }), visibility: 'direct' },
    status({ id: '113500000000000007', account: brand, content: '', createdAt: '2026-11-13T09:00:00.000Z', reblog: status({ id: '113400000000000001', account: accounts.trwnh, content: '<p>Brewly is great</p>', createdAt: '2026-11-12T09:00:00.000Z' }) }),
    status({ id: '113500000000000006', account: brand, content: '<p>Cold brew season</p>', createdAt: '2026-11-01T09:00:00.000Z', counts: [7, 1, 0] }),
    status({ id: '113500000000000001', account: brand, content: '<p>Hello Mastodon</p>', createdAt: '2026-09-01T09:00:00.000Z', counts: [90, 30, 10] }),
  ];
}

async function ownPosts(store: Store) {
  return store.db.selectFrom('own_posts').select(['network', 'account', 'external_id', 'text', 'published_at', 'likes', 'shares', 'replies']).orderBy('published_at', 'desc').execute();
}

describeEachStore('mastodon own account', (open) => {
  it('stores the brand’s public posts apart from mentions, refreshes their counts at each poll, and keeps one follower count a day', async () => {
    const store = await open();
    const clock = testClock(Date.parse('2026-11-22T12:00:00Z'));
    replay.statuses = brandTimeline([3, 1, 0]);
    const source = await addTestSource(store, await workspaceId(store), { network: 'mastodon', config: { instance: replay.url, ownAccounts: ['brewly'], pageSize: 2 } }, clock.now);
    expect(source.description).toBe(`own @brewly @ ${new URL(replay.url).host}`);
    expect(await poll(store, source.id, clock.now)).toMatchObject({ outcome: 'ok', inserted: 0 });
    const requests = replay.server.requestsTo(/^\/api\/v1\/accounts\/200\/statuses$/);
    expect(requests.at(-1)!.query.get('exclude_reblogs')).toBe('true');
    const host = new URL(replay.url).hostname;
    expect(await ownPosts(store)).toEqual([
      { network: 'mastodon', account: `brewly@${host}`, external_id: `https://${host}/users/brewly/statuses/113500000000000010`, text: 'New roast: Ethiopia Guji ☕', published_at: Date.parse('2026-11-21T09:00:00Z'), likes: 3, shares: 1, replies: 0 },
      expect.objectContaining({ external_id: `https://${host}/users/brewly/statuses/113500000000000009`, likes: 40, shares: 12, replies: 5 }),
      expect.objectContaining({ external_id: `https://${host}/users/brewly/statuses/113500000000000006`, likes: 7 }),
    ]);
    // The brand's own posts are not mentions of it.
    expect(await storedMentions(store, 'mastodon')).toEqual([]);

    // Later the same day: more likes, more followers. Updated in place, one count for the day.
    replay.statuses = brandTimeline([25, 6, 4]);
    accounts.brand.followers_count = 5460;
    clock.advance(3 * 3_600_000);
    expect(await poll(store, source.id, clock.now)).toMatchObject({ outcome: 'ok' });
    expect((await ownPosts(store))[0]).toMatchObject({ likes: 25, shares: 6, replies: 4 });
    expect(await ownPosts(store)).toHaveLength(3);
    // Next day: a second count.
    accounts.brand.followers_count = 5510;
    clock.advance(DAY);
    await poll(store, source.id, clock.now);
    const counts = await store.db.selectFrom('follower_counts').select(['network', 'account', 'day', 'followers']).orderBy('day').execute();
    expect(counts).toEqual([
      { network: 'mastodon', account: `brewly@${host}`, day: Date.parse('2026-11-22T00:00:00Z'), followers: 5460 },
      { network: 'mastodon', account: `brewly@${host}`, day: Date.parse('2026-11-23T00:00:00Z'), followers: 5510 },
    ]);
  });
});
