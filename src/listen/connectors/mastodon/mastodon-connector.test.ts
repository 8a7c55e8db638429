import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { describeEachStore } from '../../../store/testing.ts';
import { workspaceId } from '../../../store/workspaces.ts';
import { listSources } from '../../sources.ts';
import { addTestSource, poll, sourceState, storedMentions, testClock } from '../connector-testing.ts';
import { accounts, brewlyTimeline, status, tag, type StatusFixture } from './mastodon-fixtures.ts';
import { MastodonReplay } from './mastodon-replay.ts';

let replay: MastodonReplay;
beforeAll(async () => {
  replay = await MastodonReplay.start();
});
afterAll(() => replay.close());
beforeEach(() => {
  replay.statuses = brewlyTimeline();
  replay.tags = [tag('brewly', [['1763769600', '42', '17'], ['1763683200', '30', '12']])];
  replay.rateLimit.remaining = 300;
  replay.server.requests.length = 0;
});

const clock = testClock(Date.parse('2026-11-22T12:00:00Z'));
const mastodon = (config: Record<string, unknown> = {}) => ({
  network: 'mastodon',
  config: { instance: replay.url, tags: ['brewly'], pageSize: 5, ...config },
});

/** The id of the i-th status of brewlyTimeline() (1-based). */
const idOf = (i: number) => String(109_000_000_000_000_000n + BigInt(i) * 1000n);

function nextStatus(n: number, content = '<p>More <a href="/tags/brewly">#brewly</a> news 📰</p>') {
  return status({ id: idOf(100 + n), account: accounts.trwnh, content, createdAt: `2026-11-22T11:${String(10 + n).padStart(2, '0')}:00.000Z` });
}

describeEachStore('mastodon connector', (open) => {
  it('pages a hashtag timeline through the Link header and maps every field', async () => {
    const store = await open();
    const ws = await workspaceId(store);
    const source = await addTestSource(store, ws, mastodon(), clock.now);
    const summary = await poll(store, source.id, clock.now);
    expect(summary).toMatchObject({ outcome: 'ok', inserted: 12, updated: 0, hashtagDays: 2 });
    // 12 statuses at 5 a page: 3 pages of statuses, then the empty page that ends the walk is not needed (Link stops).
    expect(replay.server.requestsTo(/timelines\/tag\/brewly/).length).toBeGreaterThanOrEqual(3);
    const rows = await storedMentions(store, 'mastodon');
    expect(rows).toHaveLength(12);
    expect(rows[0]).toMatchObject({
      external_id: `https://127.0.0.1/users/trwnh/statuses/${idOf(1)}`,
      author_handle: 'trwnh@127.0.0.1',
      author_name: 'infinite love ⴳ',
      author_followers: 821,
      text: 'Trying the new #brewly cold brew ☕️ — pretty good!',
      url: `https://127.0.0.1/@trwnh/${idOf(1)}`,
    });
    expect(rows[1]).toMatchObject({ author_handle: 'kasia@social.example.pl', author_followers: 12004, text: 'Kawa z #brewly jest świetna 😍' });
    expect(rows[2]!.text).toBe('新しい#brewlyのコーヒー、最高です！🎉');
    expect(rows[3]!.text).toBe('Is it just me or did #brewly raise prices? 😤\nNot cool & not fair.');
    expect(rows[11]).toMatchObject({ likes: 11, shares: 2, replies: 1 });
    // The status's own `language`, kept beside what detection will say; null when the status has none.
    expect(rows.map((r) => r.source_lang)).toEqual(['en', 'pl', 'ja', 'en', 'bg', 'ar', null, 'en', 'fr', 'en', 'id', 'en']);
    const volume = await store.db.selectFrom('hashtag_volume').selectAll().orderBy('day').execute();
    expect(volume.map((v) => [v.tag, v.day, v.uses, v.accounts])).toEqual([
      ['brewly', 1763683200000, 30, 12],
      ['brewly', 1763769600000, 42, 17],
    ]);
  });

  it('asks only for newer statuses on the next poll (since_id) and stores each once', async () => {
    const store = await open();
    const ws = await workspaceId(store);
    const source = await addTestSource(store, ws, mastodon(), clock.now);
    await poll(store, source.id, clock.now);
    replay.statuses.push(nextStatus(1), nextStatus(2));
    replay.server.requests.length = 0;
    const second = await poll(store, source.id, clock.now);
    expect(second).toMatchObject({ outcome: 'ok', inserted: 2, updated: 0 });
    expect(replay.server.requestsTo(/timelines/)[0]!.query.get('since_id')).toBe(idOf(12));
    expect(await storedMentions(store, 'mastodon')).toHaveLength(14);
  });

  it('resumes a walk cut by its page budget without gaps, while new posts keep arriving', async () => {
    const store = await open();
    const ws = await workspaceId(store);
    const source = await addTestSource(store, ws, mastodon({ maxPages: 1 }), clock.now);
    const counts: number[] = [];
    for (let i = 0; i < 6; i++) {
      if (i === 1) replay.statuses.push(nextStatus(1));
      if (i === 3) replay.statuses.push(nextStatus(2), nextStatus(3));
      counts.push((await poll(store, source.id, clock.now)).inserted);
    }
    expect(counts.reduce((a, b) => a + b, 0)).toBe(15);
    const ids = (await storedMentions(store, 'mastodon')).map((r) => r.external_id);
    expect(new Set(ids).size).toBe(15);
    expect((await sourceState(store, source.id)).cursor).toMatchObject({ streams: { 'tag:brewly': { walk: null } } });
  });

  it('keeps the pages before a 500, counts the failure, and finishes the walk on the next poll', async () => {
    const store = await open();
    const ws = await workspaceId(store);
    const source = await addTestSource(store, ws, mastodon(), clock.now);
    // Page 1 goes through, page 2 fails.
    replay.server.fault('GET', /timelines\/tag/, { status: 500, json: { error: 'Internal Server Error' } }, 1, 1);
    const first = await poll(store, source.id, clock.now);
    expect(first.outcome).toBe('failed');
    expect(first.error).toMatch(/GET http:\/\/127\.0\.0\.1:\d+\/api\/v1\/timelines\/tag\/brewly: HTTP 500/);
    expect(first.inserted).toBe(5);
    const state = await sourceState(store, source.id);
    expect(state).toMatchObject({ consecutive_failures: 1, status: 'new' });
    expect(state.next_poll_at).toBe(clock.now() + 15_000); // back-off with random() = 0: half of 30 s
    const second = await poll(store, source.id, clock.now);
    expect(second).toMatchObject({ outcome: 'ok', inserted: 7, updated: 0 });
    expect(await sourceState(store, source.id)).toMatchObject({ consecutive_failures: 0, status: 'ok', last_error: null });
    expect(await storedMentions(store, 'mastodon')).toHaveLength(12);
  });

  it('marks a source unhealthy after three failures in a row, with the reason in sources list', async () => {
    const store = await open();
    const ws = await workspaceId(store);
    const source = await addTestSource(store, ws, mastodon(), clock.now);
    replay.server.fault('GET', '/api/v2/search', { status: 502, body: '<html>Bad Gateway</html>', headers: { 'content-type': 'text/html' } }, 3);
    const delays: number[] = [];
    for (let i = 0; i < 3; i++) {
      const s = await poll(store, source.id, clock.now, { random: () => 0.5 });
      delays.push(s.nextPollAt!.getTime() - clock.now());
    }
    expect(delays).toEqual([22_500, 45_000, 90_000]);
    const [listed] = await listSources(store, ws);
    expect(listed).toMatchObject({ status: 'unhealthy', consecutiveFailures: 3 });
    expect(listed!.lastError).toContain('HTTP 502');
    expect((await poll(store, source.id, clock.now)).outcome).toBe('ok');
    expect((await listSources(store, ws))[0]).toMatchObject({ status: 'ok', consecutiveFailures: 0, lastError: null });
  });

  it('waits as long as a 429 Retry-After says, without counting it as a failure', async () => {
    const store = await open();
    const ws = await workspaceId(store);
    const source = await addTestSource(store, ws, mastodon({ volumeTags: [], tags: ['brewly'] }), clock.now);
    replay.server.fault('GET', '/api/v2/search', { status: 429, headers: { 'retry-after': '120' }, json: { error: 'Too many requests' } });
    const summary = await poll(store, source.id, clock.now);
    expect(summary.outcome).toBe('failed');
    expect(summary.error).toMatch(/rate limited \(HTTP 429\)/);
    expect(summary.nextPollAt!.getTime()).toBe(clock.now() + 120_000);
    expect(await sourceState(store, source.id)).toMatchObject({ consecutive_failures: 0 });
  });

  it('stops paging when X-RateLimit-Remaining runs out and comes back at X-RateLimit-Reset', async () => {
    const store = await open();
    const ws = await workspaceId(store);
    const source = await addTestSource(store, ws, mastodon(), clock.now);
    replay.rateLimit.remaining = 3; // history uses 1 → 2 left; page 1 → 1 left: stop there
    const summary = await poll(store, source.id, clock.now);
    expect(summary).toMatchObject({ outcome: 'ok', inserted: 5 });
    expect(summary.nextPollAt!.toISOString()).toBe('2026-11-22T12:05:00.000Z');
    replay.rateLimit.remaining = 300;
    clock.advance(5 * 60_000);
    expect((await poll(store, source.id, clock.now)).inserted).toBe(7);
    clock.advance(-5 * 60_000);
  });

  it('names the endpoint when a body is not JSON or lacks documented fields, and loses nothing', async () => {
    const store = await open();
    const ws = await workspaceId(store);
    const source = await addTestSource(store, ws, mastodon({ volumeTags: [] }), clock.now);
    replay.server.fault('GET', '/api/v2/search', { body: '<html>maintenance', headers: { 'content-type': 'text/html' } });
    const broken = await poll(store, source.id, clock.now);
    expect(broken.error).toMatch(/GET http:\/\/127\.0\.0\.1:\d+\/api\/v2\/search: the body is not JSON/);
    const bad = brewlyTimeline().slice(0, 2).map(({ created_at: _dropped, ...rest }) => rest);
    replay.server.fault('GET', /timelines\/tag/, { json: bad });
    const shape = await poll(store, source.id, clock.now);
    expect(shape.error).toMatch(/unexpected response shape at 0\.created_at/);
    expect(await storedMentions(store, 'mastodon')).toHaveLength(0);
    expect((await poll(store, source.id, clock.now)).inserted).toBe(12);
  });

  it('ends the walk when the next link points back up (a cursor going backwards) and skips repeated items', async () => {
    const store = await open();
    const ws = await workspaceId(store);
    const source = await addTestSource(store, ws, mastodon(), clock.now);
    const newestFirst = [...replay.statuses].reverse();
    // Page 2 repeats page 1 (duplicated items) and links back to the top of the timeline.
    replay.server.fault('GET', /timelines\/tag/, { json: newestFirst.slice(0, 5), headers: { link: `<${replay.url}/api/v1/timelines/tag/brewly?max_id=${idOf(8)}>; rel="next"` } });
    replay.server.fault('GET', /timelines\/tag/, { json: newestFirst.slice(3, 8), headers: { link: `<${replay.url}/api/v1/timelines/tag/brewly?max_id=${idOf(99)}>; rel="next"` } });
    const summary = await poll(store, source.id, clock.now);
    expect(summary.outcome).toBe('ok');
    expect(summary.inserted).toBe(8);
    expect(replay.server.requestsTo(/timelines\/tag/)).toHaveLength(2);
    expect(await storedMentions(store, 'mastodon')).toHaveLength(8);
  });

  it('marks the source unhealthy at once when the instance refuses its token (expired or revoked)', async () => {
    const store = await open();
    const ws = await workspaceId(store);
    const source = await addTestSource(store, ws, { ...mastodon({ volumeTags: [] }), secrets: { token: 'revoked-token' } }, clock.now);
    replay.server.fault('GET', /timelines\/tag/, { status: 401, json: { error: 'The access token was revoked' } });
    const summary = await poll(store, source.id, clock.now);
    expect(summary.error).toMatch(/^127\.0\.0\.1:\d+ refused the access token \(revoked or expired: create a new one\)$/);
    expect((await listSources(store, ws))[0]).toMatchObject({ status: 'unhealthy', consecutiveFailures: 1 });
  });

  it('stores nothing and succeeds on an empty timeline', async () => {
    const store = await open();
    const ws = await workspaceId(store);
    const source = await addTestSource(store, ws, mastodon({ tags: ['nothinghere'] }), clock.now);
    expect(await poll(store, source.id, clock.now)).toMatchObject({ outcome: 'ok', inserted: 0, hashtagDays: 0 });
    expect(await sourceState(store, source.id)).toMatchObject({ status: 'ok' });
  });

  it('links replies and boosts to their parents, looking up parents not on the page', async () => {
    const store = await open();
    const ws = await workspaceId(store);
    const [first, second] = replay.statuses as [StatusFixture, StatusFixture];
    const outside = status({ id: '5', account: accounts.brand, content: '<p>Our new menu is out</p>', createdAt: '2026-11-01T00:00:00Z' });
    replay.statuses = [
      first,
      second,
      outside,
      status({ id: idOf(50), account: accounts.tokyo, content: '<p>@trwnh agreed! #brewly</p>', createdAt: '2026-11-22T10:00:00Z', inReplyToId: first.id }),
      status({ id: idOf(60), account: accounts.remote, content: '<p>#brewly yes</p>', createdAt: '2026-11-22T10:30:00Z', inReplyToId: '5' }),
      status({ id: idOf(70), account: accounts.trwnh, content: '', createdAt: '2026-11-22T11:00:00Z', reblog: second }),
      { ...status({ id: idOf(80), account: accounts.remote, content: '<p>#brewly for followers only</p>', createdAt: '2026-11-22T11:30:00Z' }), visibility: 'private' },
    ];
    const source = await addTestSource(store, ws, mastodon({ volumeTags: [] }), clock.now);
    await poll(store, source.id, clock.now);
    const rows = await storedMentions(store, 'mastodon');
    const byId = new Map(rows.map((r) => [r.external_id, r]));
    expect(byId.get(`https://mstdn.jp/users/hanako/statuses/${idOf(50)}`)!.parent_external_id).toBe(first.uri);
    expect(byId.get(`https://social.example.pl/users/kasia/statuses/${idOf(60)}`)!.parent_external_id).toBe(outside.uri);
    const boost = byId.get(`https://127.0.0.1/users/trwnh/statuses/${idOf(70)}`)!;
    expect(boost).toMatchObject({ parent_external_id: second.uri, text: 'Kawa z #brewly jest świetna 😍', author_handle: 'trwnh@127.0.0.1' });
    expect(replay.server.requestsTo('/api/v1/statuses/5')).toHaveLength(1);
    expect(rows.some((r) => r.text.includes('followers only'))).toBe(false);
  });

  it('reads account statuses and full-text search with a token', async () => {
    const store = await open();
    const ws = await workspaceId(store);
    const source = await addTestSource(
      store,
      ws,
      { ...mastodon({ tags: [], accounts: ['kasia@social.example.pl'], query: 'kawa' }), secrets: { token: 'mastodon-token-1' } },
      clock.now,
    );
    const summary = await poll(store, source.id, clock.now);
    expect(summary.outcome).toBe('ok');
    const rows = await storedMentions(store, 'mastodon');
    expect(rows.every((r) => r.author_handle === 'kasia@social.example.pl')).toBe(true);
    expect(rows).toHaveLength(4);
    const search = replay.server.requestsTo('/api/v2/search').find((r) => r.query.get('type') === 'statuses')!;
    expect(search.headers.authorization).toBe('Bearer mastodon-token-1');
  });
});

describe('mastodon connector without a store', () => {
  it('refuses an account that does not exist with a clear message', async () => {
    const { mastodonConnector } = await import('./mastodon-connector.ts');
    const { HttpClient } = await import('../http.ts');
    const config = mastodonConnector.configSchema.parse({ instance: replay.url, accounts: ['nobody@nowhere.example'] });
    const pages = mastodonConnector.poll({ sourceId: 1, config, secrets: {}, cursor: null, http: new HttpClient(), now: Date.now, signal: new AbortController().signal });
    await expect(pages.next()).rejects.toThrow(/Mastodon account nobody@nowhere.example not found/);
  });
});
