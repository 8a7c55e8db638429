import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { describeEachStore } from '../../../store/testing.ts';
import { workspaceId } from '../../../store/workspaces.ts';
import { listSources } from '../../sources.ts';
import { addTestSource, poll, sourceState, storedMentions, testClock } from '../connector-testing.ts';
import { authors, brewlyPosts, post } from './bluesky-fixtures.ts';
import { BlueskyReplay } from './bluesky-replay.ts';
import { forgetBlueskySessions } from './bluesky-session.ts';

let replay: BlueskyReplay;
beforeAll(async () => {
  replay = await BlueskyReplay.start();
});
afterAll(() => replay.close());
beforeEach(() => {
  replay.posts = brewlyPosts();
  replay.server.requests.length = 0;
  replay.sessionsCreated = 0;
  replay.refreshes = 0;
  forgetBlueskySessions();
});

const clock = testClock(Date.parse('2026-11-22T12:00:00Z'));
const bluesky = (config: Record<string, unknown> = {}, appPassword = 'abcd-efgh-ijkl-mnop') => ({
  network: 'bluesky',
  config: { service: replay.url, identifier: 'alice.bsky.social', queries: ['brewly'], pageSize: 4, ...config },
  secrets: { appPassword },
});
const searches = () => replay.server.requestsTo('/xrpc/app.bsky.feed.searchPosts');

describeEachStore('bluesky connector', (open) => {
  it('pages searchPosts by cursor with one session and maps posts faithfully', async () => {
    const store = await open();
    const source = await addTestSource(store, await workspaceId(store), bluesky(), clock.now);
    const summary = await poll(store, source.id, clock.now);
    expect(summary).toMatchObject({ outcome: 'ok', inserted: 10, pages: 3 });
    expect(searches().map((r) => r.query.get('cursor'))).toEqual([null, '4', '8']);
    expect(searches()[0]!.query.get('sort')).toBe('latest');
    expect(replay.sessionsCreated).toBe(1);
    const rows = await storedMentions(store, 'bluesky');
    expect(rows[1]).toMatchObject({
      external_id: 'at://did:plc:ewvi7nxzyoun6zhxrhs64oiz/app.bsky.feed.post/3lbrewaaaaaa1',
      author_handle: 'ivan.bg',
      author_name: 'Иван Петров',
      author_followers: null,
      text: 'Кафето на brewly е страхотно ☕',
      url: 'https://bsky.app/profile/ivan.bg/post/3lbrewaaaaaa1',
      likes: 2,
      shares: 2, // 1 repost + 1 quote
      replies: 1,
      source_lang: 'bg', // the record's `langs`
    });
    expect(rows[2]).toMatchObject({ author_name: null, text: 'brewly ki coffee bahut achhi hai yaar 😍', source_lang: 'hi' });
  });

  it('asks only for posts since the last one on the next poll and stores each once', async () => {
    const store = await open();
    const source = await addTestSource(store, await workspaceId(store), bluesky(), clock.now);
    await poll(store, source.id, clock.now);
    replay.posts.push(post({ rkey: '3lbrewnew0001', author: authors.priya, text: 'brewly again 🚀', createdAt: '2026-11-22T11:30:00.000Z' }));
    replay.server.requests.length = 0;
    expect(await poll(store, source.id, clock.now)).toMatchObject({ outcome: 'ok', inserted: 1, updated: 0 });
    expect(searches()[0]!.query.get('since')).toBe(replay.posts[9]!.record.createdAt);
    expect(replay.sessionsCreated).toBe(1);
    expect(await storedMentions(store, 'bluesky')).toHaveLength(11);
  });

  it('refreshes an expired access token mid-walk, and logs in again when the refresh token is dead too', async () => {
    const store = await open();
    const source = await addTestSource(store, await workspaceId(store), bluesky({ maxPages: 1 }), clock.now);
    await poll(store, source.id, clock.now);
    replay.expireAccessTokens();
    expect(await poll(store, source.id, clock.now)).toMatchObject({ outcome: 'ok', inserted: 4 });
    expect(replay.refreshes).toBe(1);
    replay.expireAccessTokens();
    replay.expireRefreshTokens();
    expect(await poll(store, source.id, clock.now)).toMatchObject({ outcome: 'ok', inserted: 2 });
    expect(replay.sessionsCreated).toBe(2);
    expect(await storedMentions(store, 'bluesky')).toHaveLength(10);
  });

  it('marks the source unhealthy at once when the app password is refused', async () => {
    const store = await open();
    const ws = await workspaceId(store);
    const source = await addTestSource(store, ws, bluesky({}, 'wrong-password'), clock.now);
    const summary = await poll(store, source.id, clock.now);
    expect(summary.error).toMatch(/Bluesky refused the app password for alice\.bsky\.social/);
    expect(summary.error).not.toContain('wrong-password');
    const [listed] = await listSources(store, ws);
    expect(listed).toMatchObject({ status: 'unhealthy', consecutiveFailures: 1 });
  });

  it('links replies and quote posts to their parent', async () => {
    const store = await open();
    const [first] = replay.posts;
    replay.posts.push(
      post({ rkey: '3lbrewreply01', author: authors.ivan, text: '@alice brewly agreed', createdAt: '2026-11-22T11:00:00.000Z', replyTo: first!.uri }),
      post({ rkey: '3lbrewquote01', author: authors.priya, text: 'this brewly take 👇', createdAt: '2026-11-22T11:01:00.000Z', quote: first!.uri }),
    );
    const source = await addTestSource(store, await workspaceId(store), bluesky(), clock.now);
    await poll(store, source.id, clock.now);
    const rows = await storedMentions(store, 'bluesky');
    expect(rows.filter((r) => r.parent_external_id === first!.uri).map((r) => r.external_id.split('/').pop())).toEqual(['3lbrewreply01', '3lbrewquote01']);
  });

  it('ends the walk when a cursor sends it back to newer posts, with duplicates stored once', async () => {
    const store = await open();
    const source = await addTestSource(store, await workspaceId(store), bluesky(), clock.now);
    const newest = [...replay.posts].reverse();
    replay.server.fault('GET', '/xrpc/app.bsky.feed.searchPosts', { json: { cursor: 'p2', posts: newest.slice(0, 4) } });
    replay.server.fault('GET', '/xrpc/app.bsky.feed.searchPosts', { json: { cursor: 'p3', posts: newest.slice(2, 6) } });
    replay.server.fault('GET', '/xrpc/app.bsky.feed.searchPosts', { json: { cursor: 'p4', posts: newest.slice(0, 4) } });
    const summary = await poll(store, source.id, clock.now);
    expect(summary).toMatchObject({ outcome: 'ok', inserted: 6 });
    expect(searches()).toHaveLength(3);
    expect((await sourceState(store, source.id)).cursor).toMatchObject({ streams: { 'search:brewly': { walk: null } } });
  });

  it('reads Retry-After given as an HTTP date', async () => {
    const store = await open();
    const source = await addTestSource(store, await workspaceId(store), bluesky(), clock.now);
    replay.server.fault('GET', '/xrpc/app.bsky.feed.searchPosts', { status: 429, headers: { 'retry-after': new Date(clock.now() + 90_000).toUTCString() }, json: { error: 'RateLimitExceeded', message: 'Rate Limit Exceeded' } });
    const summary = await poll(store, source.id, clock.now);
    expect(summary.nextPollAt!.getTime()).toBe(clock.now() + 90_000);
  });

  it('passes the language filter and stores an empty result as success', async () => {
    const store = await open();
    const source = await addTestSource(store, await workspaceId(store), bluesky({ lang: 'bg', queries: ['brewly', 'nothing-matches-this'] }), clock.now);
    const summary = await poll(store, source.id, clock.now);
    expect(summary).toMatchObject({ outcome: 'ok', inserted: 3 });
    expect(searches().every((r) => r.query.get('lang') === 'bg')).toBe(true);
  });
});
