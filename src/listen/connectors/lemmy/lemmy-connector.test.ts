import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { describeEachStore } from '../../../store/testing.ts';
import { workspaceId } from '../../../store/workspaces.ts';
import { listSources } from '../../sources.ts';
import { addTestSource, poll, sourceState, storedMentions, testClock } from '../connector-testing.ts';
import { brewlyComments, brewlyPosts, commentView, postView } from './lemmy-fixtures.ts';
import { LemmyReplay } from './lemmy-replay.ts';

let replay: LemmyReplay;
beforeAll(async () => {
  replay = await LemmyReplay.start();
});
afterAll(() => replay.close());
beforeEach(() => {
  replay.posts = brewlyPosts();
  replay.comments = brewlyComments(replay.posts);
  replay.server.requests.length = 0;
});

const clock = testClock(Date.parse('2026-11-22T12:00:00Z'));
const lemmy = (config: Record<string, unknown> = {}) => ({ network: 'lemmy', config: { instance: replay.url, queries: ['brewly'], pageSize: 2, ...config } });
const searches = (type: string) => replay.server.requestsTo('/api/v3/search').filter((r) => r.query.get('type_') === type);
const host = () => new URL(replay.url).host;

describeEachStore('lemmy connector', (open) => {
  it('pages posts and comments newest first and maps author, community, counts and parents', async () => {
    const store = await open();
    const source = await addTestSource(store, await workspaceId(store), lemmy(), clock.now);
    expect(await poll(store, source.id, clock.now)).toMatchObject({ outcome: 'ok', inserted: 7 });
    expect(searches('Posts').map((r) => r.query.get('page'))).toEqual(['1', '2', '3']);
    expect(searches('Posts')[0]!.query.get('sort')).toBe('New');
    expect(searches('Comments').map((r) => r.query.get('page'))).toEqual(['1', '2']);
    const rows = new Map((await storedMentions(store, 'lemmy')).map((r) => [r.external_id, r]));
    expect(rows.get(`https://${host()}/post/1001`)).toMatchObject({
      author_handle: 'barista_bob@lemmy.world',
      author_name: 'Bob',
      text: 'Brewly cold brew kit: worth it?\n\nBought the **Brewly** kit last week.\n\n!coffee@lemmy.world',
      url: 'https://lemmy.world/post/1501',
      likes: 42,
      replies: 3,
      parent_external_id: null,
    });
    expect(rows.get(`https://${host()}/post/1003`)!.text).toBe('Brewly opens its roasting firmware\n\nhttps://github.com/brewly/firmware\n\n!opensource@programming.dev');
    // A timestamp without a zone (Lemmy before 0.19) is UTC.
    expect(Number(rows.get(`https://${host()}/post/1004`)!.published_at)).toBe(Date.parse('2026-11-22T09:00:00.123Z'));
    expect(rows.get(`https://${host()}/comment/2001`)).toMatchObject({ author_handle: 'andy@lemmy.world', url: 'https://lemmy.world/comment/11001', likes: 5, replies: 1, parent_external_id: `https://${host()}/post/1001` });
    expect(rows.get(`https://${host()}/comment/2002`)!.parent_external_id).toBe(`https://${host()}/comment/2001`);
    expect(rows.get(`https://${host()}/comment/2003`)!.text).toBe('Brewly firmware builds fine on ARM.\n\n!opensource@programming.dev');
  });

  it('reads only what is new at the next poll, and resumes a cut walk without losing or doubling anything', async () => {
    const store = await open();
    const source = await addTestSource(store, await workspaceId(store), lemmy({ maxPages: 1 }), clock.now);
    const inserted: number[] = [];
    for (let i = 0; i < 5; i++) {
      if (i === 1) {
        // New items land on top while the walk is half-way: every page below shifts by one.
        const late = postView({ id: 1010, title: 'Brewly late post', author: ['late', 'lemmy.world'], community: ['coffee', 'lemmy.world'], minutes: 200 });
        replay.posts.push(late);
        replay.comments.push(commentView({ id: 2010, post: late, content: 'Brewly late comment', author: ['late2', 'lemmy.world'], minutes: 201 }));
      }
      inserted.push((await poll(store, source.id, clock.now)).inserted);
    }
    const ids = (await storedMentions(store, 'lemmy')).map((r) => r.external_id);
    expect(ids).toHaveLength(9);
    expect(new Set(ids).size).toBe(9);
    expect(inserted.reduce((a, b) => a + b, 0)).toBe(9);
    replay.server.requests.length = 0;
    expect(await poll(store, source.id, clock.now)).toMatchObject({ outcome: 'ok', inserted: 0 });
  });

  it('waits out a rate limit without counting a failure, and resumes where it stopped', async () => {
    const store = await open();
    const ws = await workspaceId(store);
    const source = await addTestSource(store, ws, lemmy(), clock.now);
    // Lemmy 0.19 answers a spent search limit with 400 rate_limit_error and no Retry-After.
    replay.server.fault('GET', '/api/v3/search', { status: 400, json: { error: 'rate_limit_error' } }, 1, 1);
    const first = await poll(store, source.id, clock.now);
    expect(first).toMatchObject({ outcome: 'failed', inserted: 2 });
    expect(first.error).toMatch(/HTTP 400 Bad Request \(rate_limit_error\)$/);
    expect(first.nextPollAt!.getTime()).toBe(clock.now() + 600_000);
    expect(await sourceState(store, source.id)).toMatchObject({ consecutive_failures: 0 });
    // A proxy in front of it may send a plain 429 with Retry-After.
    replay.server.fault('GET', '/api/v3/search', { status: 429, headers: { 'retry-after': '120' }, body: 'Too Many Requests' });
    expect((await poll(store, source.id, clock.now)).nextPollAt!.getTime()).toBe(clock.now() + 120_000);
    expect(await poll(store, source.id, clock.now)).toMatchObject({ outcome: 'ok', inserted: 5 });
    expect(await storedMentions(store, 'lemmy')).toHaveLength(7);
  });

  it('shows a refused search in sources list with Lemmy’s error code, and rejects a malformed answer', async () => {
    const store = await open();
    const ws = await workspaceId(store);
    const source = await addTestSource(store, ws, lemmy({ community: 'nosuchcommunity' }), clock.now);
    const summary = await poll(store, source.id, clock.now);
    expect(summary.error).toMatch(/GET http:\/\/127\.0\.0\.1:\d+\/api\/v3\/search: HTTP 400 Bad Request \(couldnt_find_community\)$/);
    expect((await listSources(store, ws))[0]).toMatchObject({ lastError: summary.error, consecutiveFailures: 1 });
    const other = await addTestSource(store, ws, lemmy({ community: 'coffee' }), clock.now);
    replay.server.fault('GET', '/api/v3/search', { json: { type_: 'Posts', posts: [{ post: { id: 'x' } }], comments: [] } });
    expect((await poll(store, other.id, clock.now)).error).toMatch(/GET \/api\/v3\/search: unexpected response shape at posts\.0\.post\.id/);
    expect(await poll(store, other.id, clock.now)).toMatchObject({ outcome: 'ok', inserted: 4 });
    expect(searches('Posts').at(-1)!.query.get('community_name')).toBe('coffee');
  });
});
