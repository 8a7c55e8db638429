import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { describeEachStore } from '../../../store/testing.ts';
import { workspaceId } from '../../../store/workspaces.ts';
import { addTestSource, poll, storedMentions, testClock } from '../connector-testing.ts';
import { authors, post } from './bluesky-fixtures.ts';
import { BlueskyReplay } from './bluesky-replay.ts';
import { forgetBlueskySessions } from './bluesky-session.ts';

let replay: BlueskyReplay;
beforeAll(async () => {
  replay = await BlueskyReplay.start();
});
afterAll(() => replay.close());
beforeEach(() => forgetBlueskySessions());

/** Alice's feed: two posts of hers, a repost of Ivan's (not hers), and one older than the 30-day window. */
function aliceFeed(likes: number) {
  const ivans = post({ rkey: '3lbivan0001', author: authors.ivan, text: 'Кафе Brewly в София', createdAt: '2026-11-20T08:00:00.000Z', counts: [9, 0, 0, 0] });
  return [
    { post: post({ rkey: '3lbalice0003', author: authors.alice, text: 'Our new roast is out ☕', createdAt: '2026-11-21T10:00:00.000Z', counts: [likes, 4, 2, 1] }) },
    { post: ivans, reason: { $type: 'app.bsky.feed.defs#reasonRepost', by: { did: authors.alice.did, handle: authors.alice.handle }, indexedAt: '2026-11-20T09:00:00.000Z' } },
    { post: post({ rkey: '3lbalice0002', author: authors.alice, text: 'Thank you Sofia!', createdAt: '2026-11-10T10:00:00.000Z', counts: [30, 2, 3, 0] }) },
    { post: post({ rkey: '3lbalice0001', author: authors.alice, text: 'Hello Bluesky', createdAt: '2026-09-01T10:00:00.000Z', counts: [100, 20, 10, 0] }) },
  ];
}

describeEachStore('bluesky own posts', (open) => {
  it('reads the account’s own posts and followers, refreshing counts without doubling, apart from mentions', async () => {
    const store = await open();
    const clock = testClock(Date.parse('2026-11-22T12:00:00Z'));
    replay.authorFeed = aliceFeed(12);
    replay.followersCount = 2048;
    const source = await addTestSource(store, await workspaceId(store), { network: 'bluesky', config: { service: replay.url, identifier: 'alice.bsky.social', ownPosts: true }, secrets: { appPassword: replay.appPassword } }, clock.now);
    expect(source.description).toBe('own posts via alice.bsky.social');
    const first = await poll(store, source.id, clock.now);
    expect(first.error).toBeNull();
    expect(first).toMatchObject({ outcome: 'ok', inserted: 0 });
    const feedRequest = replay.server.requestsTo('/xrpc/app.bsky.feed.getAuthorFeed').at(-1)!;
    expect(feedRequest.query.get('actor')).toBe(authors.alice.did);
    const rows = () => store.db.selectFrom('own_posts').select(['account', 'external_id', 'url', 'text', 'likes', 'shares', 'replies']).orderBy('published_at', 'desc').execute();
    expect(await rows()).toEqual([
      { account: 'alice.bsky.social', external_id: `at://${authors.alice.did}/app.bsky.feed.post/3lbalice0003`, url: 'https://bsky.app/profile/alice.bsky.social/post/3lbalice0003', text: 'Our new roast is out ☕', likes: 12, shares: 5, replies: 2 },
      expect.objectContaining({ external_id: `at://${authors.alice.did}/app.bsky.feed.post/3lbalice0002`, likes: 30 }),
    ]);
    expect(await storedMentions(store, 'bluesky')).toEqual([]);

    replay.authorFeed = aliceFeed(57);
    replay.followersCount = 2101;
    clock.advance(3_600_000);
    await poll(store, source.id, clock.now);
    expect((await rows()).map((r) => r.likes)).toEqual([57, 30]);
    expect(await store.db.selectFrom('follower_counts').select(['network', 'account', 'day', 'followers']).execute()).toEqual([
      { network: 'bluesky', account: 'alice.bsky.social', day: Date.parse('2026-11-22T00:00:00Z'), followers: 2101 },
    ]);
  });
});
