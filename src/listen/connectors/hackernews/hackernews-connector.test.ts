import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { describeEachStore } from '../../../store/testing.ts';
import { workspaceId } from '../../../store/workspaces.ts';
import { addTestSource, poll, storedMentions, testClock } from '../connector-testing.ts';
import { brewlyHits, hnComment, story } from './hackernews-fixtures.ts';
import { HackerNewsReplay } from './hackernews-replay.ts';

let replay: HackerNewsReplay;
beforeAll(async () => {
  replay = await HackerNewsReplay.start();
});
afterAll(() => replay.close());
beforeEach(() => {
  replay.hits = brewlyHits();
  replay.server.requests.length = 0;
});

const clock = testClock(Date.parse('2026-11-22T12:00:00Z'));
const hn = (config: Record<string, unknown> = {}) => ({ network: 'hackernews', config: { queries: ['brewly'], apiBase: replay.url, pageSize: 4, ...config } });
const searches = () => replay.server.requestsTo('/api/v1/search_by_date');

describeEachStore('hacker news connector', (open) => {
  it('pages stories and comments by date and maps them', async () => {
    const store = await open();
    const source = await addTestSource(store, await workspaceId(store), hn(), clock.now);
    expect(await poll(store, source.id, clock.now)).toMatchObject({ outcome: 'ok', inserted: 10, pages: 3 });
    expect(searches().map((r) => r.query.get('page'))).toEqual(['0', '1', '2']);
    expect(searches()[0]!.query.get('tags')).toBe('(story,comment)');
    // Later pages are bounded above by the newest hit, so new items cannot shift them.
    expect(searches()[1]!.query.get('numericFilters')).toBe(`created_at_i>=${Date.parse('2026-11-21T12:00:00Z') / 1000},created_at_i<=${Date.parse('2026-11-22T07:40:00Z') / 1000}`);
    const rows = new Map((await storedMentions(store, 'hackernews')).map((r) => [r.external_id, r]));
    expect(rows.get('42000001')).toMatchObject({
      author_handle: 'pg_fan',
      text: 'Show HN: Brewly – open-source coffee subscription\n\nhttps://brewly.example/blog/launch',
      url: 'https://news.ycombinator.com/item?id=42000001',
      likes: 120,
      replies: 3,
      parent_external_id: null,
    });
    expect(rows.get('42000005')).toMatchObject({ text: 'Brewly\'s pricing page is confusing.\n\nWhy "per cup"?', parent_external_id: '42000001' });
    expect(rows.get('42000009')!.parent_external_id).toBe('42000005');
    expect(rows.get('42000020')!.text).toBe('Ask HN: Anyone using Brewly in production?\n\nWe run Brewly for 40 offices.\n\nÇa marche bien.');
    expect(rows.get('42000033')!.text).toBe('Brewly の API は良いです 👍');
    expect(rows.get('42000071')!.text).toBe('Good Brewly postmortem — honest & detailed.');
  });

  it('resumes a cut walk inside its frozen window while new hits arrive, with nothing lost or doubled', async () => {
    const store = await open();
    const source = await addTestSource(store, await workspaceId(store), hn({ maxPages: 1 }), clock.now);
    const inserted: number[] = [];
    for (let i = 0; i < 5; i++) {
      if (i === 1) replay.hits.push(story(42000090, 'late', 'Brewly late story', 110), hnComment(42000091, 'late2', 'brewly reply', 111, 42000090, 42000090, 'Brewly late story'));
      inserted.push((await poll(store, source.id, clock.now)).inserted);
    }
    expect(inserted.reduce((a, b) => a + b, 0)).toBe(12);
    const ids = (await storedMentions(store, 'hackernews')).map((r) => r.external_id);
    expect(new Set(ids).size).toBe(12);
    const last = searches().at(-1)!;
    expect(last.query.get('numericFilters')).toBe(`created_at_i>=${Date.parse('2026-11-22T07:51:00Z') / 1000}`);
  });

  it('keeps stored pages through a 500 and a malformed body', async () => {
    const store = await open();
    const source = await addTestSource(store, await workspaceId(store), hn(), clock.now);
    replay.server.fault('GET', '/api/v1/search_by_date', { status: 500, body: 'upstream error' }, 1, 1);
    const first = await poll(store, source.id, clock.now);
    expect(first).toMatchObject({ outcome: 'failed', inserted: 4 });
    expect(first.error).toMatch(/search_by_date: HTTP 500 Internal Server Error$/);
    replay.server.fault('GET', '/api/v1/search_by_date', { json: { hits: [{ objectID: 1 }], page: 0, nbPages: 1 } });
    expect((await poll(store, source.id, clock.now)).error).toMatch(/unexpected response shape at hits\.0\.objectID/);
    expect((await poll(store, source.id, clock.now)).inserted).toBe(6);
    expect(await storedMentions(store, 'hackernews')).toHaveLength(10);
  });
});
