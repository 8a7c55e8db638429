import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { describeEachStore } from '../../../store/testing.ts';
import { workspaceId } from '../../../store/workspaces.ts';
import { listSources } from '../../sources.ts';
import { addTestSource, poll, sourceState, storedMentions, testClock } from '../connector-testing.ts';
import { brewlyPosts, NOW, textPost } from './tumblr-fixtures.ts';
import { TumblrReplay } from './tumblr-replay.ts';

let replay: TumblrReplay;
beforeAll(async () => {
  replay = await TumblrReplay.start();
});
afterAll(() => replay.close());
beforeEach(() => {
  replay.posts = brewlyPosts();
  replay.server.requests.length = 0;
  replay.hourRemaining = 999;
  replay.dayRemaining = 4999;
});

const clock = testClock(NOW);
const tumblr = (config: Record<string, unknown> = {}, apiKey = replay.apiKey) => ({ network: 'tumblr', config: { tags: ['#Brewly'], apiBase: replay.url, pageSize: 3, ...config }, secrets: { apiKey } });
const calls = () => replay.server.requestsTo('/v2/tagged');
const at = (minutes: number) => Date.parse('2026-11-22T06:00:00Z') / 1000 + minutes * 60;

describeEachStore('tumblr connector', (open) => {
  it('pages a tag backwards with before and maps each post type', async () => {
    const store = await open();
    const source = await addTestSource(store, await workspaceId(store), tumblr(), clock.now);
    expect(await poll(store, source.id, clock.now)).toMatchObject({ outcome: 'ok', inserted: 7 });
    expect(calls().map((r) => r.query.get('before'))).toEqual([null, String(at(60) + 1), String(at(30) + 1), String(at(0) + 1)]);
    expect(calls()[0]!.query.get('tag')).toBe('Brewly');
    const rows = new Map((await storedMentions(store, 'tumblr')).map((r) => [r.external_id, r]));
    expect(rows.get('7001')).toMatchObject({
      author_handle: 'barista-bob',
      author_name: "Barista-bob's blog",
      text: 'Brewly cold brew, day one\n\nTried the Brewly kit.\n\nSmooth & strong ☕\n\n#brewly #coldbrew',
      url: 'https://barista-bob.tumblr.com/post/7001/brewly',
      likes: 14,
      published_at: at(0) * 1000,
    });
    expect(rows.get('7002')!.text).toBe('Brewly foam art 🎨\n\n#Brewly #latteart');
    expect(rows.get('7003')!.text).toBe('Brewly raises Series A\n\nhttps://news.example/brewly-series-a\n\nThe coffee startup raised $12M.\n\n#brewly');
    expect(rows.get('7004')).toMatchObject({ text: 'Même avis, très bon.\n\n#brewly #coldbrew', parent_external_id: '7001' });
  });

  it('reads only newer posts next time, and a post sharing the page’s last second is not skipped', async () => {
    const store = await open();
    const source = await addTestSource(store, await workspaceId(store), tumblr({ maxPages: 1 }), clock.now);
    // Two posts in the same second as the page's oldest: only one fits on the page.
    replay.posts.push(textPost(7008, 'twin', 60, 'Brewly twin', '<p>same second</p>'));
    const inserted: number[] = [];
    for (let i = 0; i < 5; i++) {
      if (i === 1) replay.posts.push(textPost(7010, 'late', 300, 'Brewly late', '<p>new</p>'));
      inserted.push((await poll(store, source.id, clock.now)).inserted);
    }
    const ids = (await storedMentions(store, 'tumblr')).map((r) => r.external_id);
    expect(new Set(ids).size).toBe(9);
    expect(inserted.reduce((a, b) => a + b, 0)).toBe(9);
    expect(await poll(store, source.id, clock.now)).toMatchObject({ outcome: 'ok', inserted: 0 });
  });

  it('refuses a wrong API key at once without showing it, and waits out a 429', async () => {
    const store = await open();
    const ws = await workspaceId(store);
    const bad = await addTestSource(store, ws, tumblr({}, 'wrong-key-ffff'), clock.now);
    const refused = await poll(store, bad.id, clock.now);
    expect(refused.error).toMatch(/^Tumblr refused the API key: GET http:\/\/127\.0\.0\.1:\d+\/v2\/tagged: HTTP 401 Unauthorized$/);
    const listed = JSON.stringify(await listSources(store, ws));
    expect(listed).not.toContain('wrong-key-ffff');
    expect((await listSources(store, ws))[0]).toMatchObject({ status: 'unhealthy', lastError: refused.error });

    const good = await addTestSource(store, ws, tumblr(), clock.now);
    replay.server.fault('GET', '/v2/tagged', { status: 429, json: { meta: { status: 429, msg: 'Limit Exceeded' }, response: [] } }, 1, 1);
    const limited = await poll(store, good.id, clock.now);
    expect(limited).toMatchObject({ outcome: 'failed', inserted: 3 });
    expect(limited.error).toMatch(/rate limited \(HTTP 429\): Tumblr allows 1,000 calls an hour per API key$/);
    expect(limited.nextPollAt!.getTime()).toBe(clock.now() + 3600_000);
    expect(await sourceState(store, good.id)).toMatchObject({ consecutive_failures: 0 });
    expect(await poll(store, good.id, clock.now)).toMatchObject({ outcome: 'ok', inserted: 4 });
  });

  it('stops paging when the hourly budget is spent and comes back at its reset', async () => {
    const store = await open();
    const source = await addTestSource(store, await workspaceId(store), { ...tumblr(), intervalMs: 60_000 }, clock.now);
    replay.hourRemaining = 2; // the first answer leaves 1
    const first = await poll(store, source.id, clock.now);
    expect(first).toMatchObject({ outcome: 'ok', inserted: 3, pages: 1 });
    expect(first.nextPollAt!.getTime()).toBe(clock.now() + 1800_000);
    replay.hourRemaining = 999;
    expect(await poll(store, source.id, clock.now)).toMatchObject({ outcome: 'ok', inserted: 4 });
  });

  it('rejects a post without an id, naming where', async () => {
    const store = await open();
    const source = await addTestSource(store, await workspaceId(store), tumblr(), clock.now);
    replay.server.fault('GET', '/v2/tagged', { json: { meta: { status: 200, msg: 'OK' }, response: [{ blog_name: 'x', type: 'text', timestamp: 1 }] } });
    expect((await poll(store, source.id, clock.now)).error).toMatch(/GET \/v2\/tagged \(post 0\): unexpected response shape at id_string/);
  });
});
