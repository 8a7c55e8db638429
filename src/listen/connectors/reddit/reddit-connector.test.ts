import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { describeEachStore } from '../../../store/testing.ts';
import { workspaceId } from '../../../store/workspaces.ts';
import { listSources } from '../../sources.ts';
import { addTestSource, poll, storedMentions, testClock } from '../connector-testing.ts';
import { forgetRedditTokens } from './reddit-connector.ts';
import { coffeeLinks, doubleChargeComments, link } from './reddit-fixtures.ts';
import { RedditReplay } from './reddit-replay.ts';

let replay: RedditReplay;
beforeAll(async () => {
  replay = await RedditReplay.start();
});
afterAll(() => replay.close());
beforeEach(() => {
  replay.links = coffeeLinks();
  replay.comments = new Map([['1h0a04', doubleChargeComments()]]);
  replay.server.requests.length = 0;
  replay.tokensIssued = 0;
  replay.remaining = 99;
  forgetRedditTokens();
});

const clock = testClock(Date.parse('2026-11-22T12:00:00Z'));
const reddit = (config: Record<string, unknown> = {}, clientSecret = 'gko_LXELoV07ZBNUXrvWZfzE3aI') => ({
  network: 'reddit',
  config: { clientId: 'p-jcoLKBynTLew', query: 'brewly', subreddits: ['coffee'], authBase: replay.url, apiBase: replay.url, pageSize: 3, userAgent: 'test:murmur:0.1 (by /u/murmur)', ...config },
  secrets: { clientSecret },
});

describeEachStore('reddit connector', (open) => {
  it('searches with an app-only token, pages with after, and reads the comments of new threads', async () => {
    const store = await open();
    const source = await addTestSource(store, await workspaceId(store), reddit(), clock.now);
    const summary = await poll(store, source.id, clock.now);
    expect(summary).toMatchObject({ outcome: 'ok', inserted: 10, pages: 3 });
    expect(replay.tokensIssued).toBe(1);
    const searches = replay.server.requestsTo('/r/coffee/search');
    expect(searches.map((r) => r.query.get('after'))).toEqual([null, 't3_1h0a05', 't3_1h0a02']);
    expect(searches[0]!.query.get('restrict_sr')).toBe('on');
    expect(searches[0]!.query.get('raw_json')).toBe('1');
    expect(searches[0]!.headers['user-agent']).toBe('test:murmur:0.1 (by /u/murmur)');
    const rows = await storedMentions(store, 'reddit');
    const byId = new Map(rows.map((r) => [r.external_id, r]));
    expect(byId.get('t3_1h0a02')).toMatchObject({
      author_handle: 'marie_fr',
      text: 'Brewly à Paris ?\n\nQuelqu’un a testé le café Brewly près de Bastille ?',
      url: 'https://www.reddit.com/r/coffee/comments/1h0a02/brewly_paris_/',
      likes: 11,
    });
    expect(byId.get('t3_1h0a03')!.text).toBe('Brewly 新作レビュー\n\n甘すぎず美味しい 🍵');
    expect(byId.get('t3_1h0a04')).toMatchObject({ text: 'Brewly app charged me twice 😡', replies: 3 });
    expect(byId.get('t1_lx001')).toMatchObject({ parent_external_id: 't3_1h0a04', author_handle: 'brewly_support', likes: 25, replies: 1 });
    expect(byId.get('t1_lx003')).toMatchObject({ parent_external_id: 't1_lx001', text: 'Done, thanks.' });
    expect(byId.get('t1_lx002')!.text).toBe('Même problème ici 😕');
    expect(byId.has('t1_lx009')).toBe(false); // a `more` stub is not a comment
  });

  it('gets a new token when the old one is refused, and stores only newer links next time', async () => {
    const store = await open();
    const source = await addTestSource(store, await workspaceId(store), reddit({ comments: false }), clock.now);
    await poll(store, source.id, clock.now);
    replay.expireTokens();
    replay.links.push(link({ id: '1h0a08', subreddit: 'coffee', author: 'newbie', title: 'First time trying Brewly', minutes: 120 }));
    replay.server.requests.length = 0;
    const second = await poll(store, source.id, clock.now);
    expect(second).toMatchObject({ outcome: 'ok', inserted: 1 });
    expect(replay.tokensIssued).toBe(2);
    expect(await storedMentions(store, 'reddit')).toHaveLength(8);
  });

  it('reads subreddit listings when there is no query, and links crossposts to their parent', async () => {
    const store = await open();
    replay.links.push(link({ id: '1h0b01', subreddit: 'espresso', author: 'kenji', title: 'x-post: Brewly blind test', minutes: 60, crosspostParent: 't3_1h0a07' }));
    const source = await addTestSource(store, await workspaceId(store), reddit({ query: null, subreddits: ['coffee', 'espresso'], comments: false }), clock.now);
    expect(await poll(store, source.id, clock.now)).toMatchObject({ outcome: 'ok', inserted: 8 });
    const rows = await storedMentions(store, 'reddit');
    expect(rows.find((r) => r.external_id === 't3_1h0b01')!.parent_external_id).toBe('t3_1h0a07');
  });

  it('fails with a clear reason on a refused secret, without printing it', async () => {
    const store = await open();
    const ws = await workspaceId(store);
    const source = await addTestSource(store, ws, reddit({}, 'not-the-secret'), clock.now);
    const summary = await poll(store, source.id, clock.now);
    expect(summary.error).toMatch(/Reddit refused client id p-jcoLKBynTLew and its secret/);
    expect(summary.error).not.toContain('not-the-secret');
    expect((await listSources(store, ws))[0]).toMatchObject({ status: 'unhealthy' });
  });

  it('pauses on X-Ratelimit-Remaining 0 until X-Ratelimit-Reset, then resumes where it stopped', async () => {
    const store = await open();
    // A 1-minute interval, so the reset (412 s) is what decides the next poll.
    const source = await addTestSource(store, await workspaceId(store), { ...reddit({ comments: false }), intervalMs: 60_000 }, clock.now);
    replay.remaining = 2; // page 1 answers with 1 remaining
    const first = await poll(store, source.id, clock.now);
    expect(first).toMatchObject({ outcome: 'ok', inserted: 3, pages: 1 });
    expect(first.nextPollAt!.getTime()).toBe(clock.now() + 412_000);
    replay.remaining = 99;
    expect((await poll(store, source.id, clock.now)).inserted).toBe(4);
  });

  it('keeps a thread whose comments have gone private (403)', async () => {
    const store = await open();
    const source = await addTestSource(store, await workspaceId(store), reddit(), clock.now);
    replay.server.fault('GET', '/comments/1h0a04', { status: 403, json: { reason: 'private', message: 'Forbidden', error: 403 } });
    expect(await poll(store, source.id, clock.now)).toMatchObject({ outcome: 'ok', inserted: 7 });
  });

  it('rejects a listing that is not a Listing, naming the endpoint', async () => {
    const store = await open();
    const source = await addTestSource(store, await workspaceId(store), reddit(), clock.now);
    replay.server.fault('GET', '/r/coffee/search', { json: { kind: 't3', data: {} } });
    const summary = await poll(store, source.id, clock.now);
    expect(summary.error).toMatch(/GET \/r\/coffee\/search: unexpected response shape at kind/);
  });
});
