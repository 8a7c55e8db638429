import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachStore } from '../../../store/testing.ts';
import { workspaceId } from '../../../store/workspaces.ts';
import { addSource, listSources, SourceConfigError } from '../../sources.ts';
import { addTestSource, poll, storedMentions, testClock, TEST_KEY } from '../connector-testing.ts';
import { googleNewsConfigSchema, googleNewsUrl } from './googlenews-connector.ts';
import { brewlyNews, googleNewsFeed, ID_WITH_URL, OPAQUE_ID } from './googlenews-fixtures.ts';
import { articleUrlOf } from './googlenews-mapper.ts';
import { GoogleNewsReplay } from './googlenews-replay.ts';

let replay: GoogleNewsReplay;
beforeAll(async () => {
  replay = await GoogleNewsReplay.start();
});
afterAll(() => replay.close());

const clock = testClock(Date.parse('2026-11-22T12:00:00Z'));

describe('google news options', () => {
  it('builds the search feed URL from the query, language and country, with the edition derived from them', () => {
    const config = googleNewsConfigSchema.parse({ query: 'brewly "cold brew" -jobs', hl: 'fr', gl: 'fr' });
    expect(googleNewsUrl(config)).toBe('https://news.google.com/rss/search?q=brewly+%22cold+brew%22+-jobs&hl=fr&gl=FR&ceid=FR%3Afr');
    expect(googleNewsUrl(googleNewsConfigSchema.parse({ query: 'brewly' }))).toBe('https://news.google.com/rss/search?q=brewly&hl=en-US&gl=US&ceid=US%3Aen');
    expect(googleNewsUrl(googleNewsConfigSchema.parse({ query: 'brewly', hl: 'zh-TW', gl: 'TW', ceid: 'TW:zh-Hant' }))).toContain('ceid=TW%3Azh-Hant');
  });

  it('unwraps the article URL only where the id carries it', () => {
    expect(articleUrlOf(`https://news.google.com/rss/articles/${ID_WITH_URL}?oc=5`)).toBe('https://coffee-chronicle.example/2026/11/brewly-sofia/');
    expect(articleUrlOf(`https://news.google.com/rss/articles/${OPAQUE_ID}?oc=5`)).toBeNull();
    expect(articleUrlOf(`https://evil.example/rss/articles/${ID_WITH_URL}`)).toBeNull();
    expect(articleUrlOf('not a url')).toBeNull();
  });
});

describeEachStore('google news connector', (open) => {
  it('stores each article once with its publisher as the author, through the normal poll', async () => {
    const store = await open();
    replay.publish('brewly', 'US:en', googleNewsFeed('brewly', brewlyNews));
    const source = await addTestSource(store, await workspaceId(store), { network: 'googlenews', config: { query: 'brewly', apiBase: replay.url } }, clock.now);
    expect(source.description).toBe('"brewly" in Google News US:en');
    expect(await poll(store, source.id, clock.now)).toMatchObject({ outcome: 'ok', inserted: 2 });
    const [search] = replay.server.requestsTo('/rss/search');
    expect(Object.fromEntries(search!.query)).toEqual({ q: 'brewly', hl: 'en-US', gl: 'US', ceid: 'US:en' });
    const rows = new Map((await storedMentions(store, 'rss')).map((r) => [r.external_id, r]));
    expect(rows.get(ID_WITH_URL)).toMatchObject({
      text: 'Brewly opens its first café in Sofia',
      url: 'https://coffee-chronicle.example/2026/11/brewly-sofia/',
      author_handle: 'coffee-chronicle.example',
      author_name: 'Coffee Chronicle',
      published_at: Date.parse('2026-11-21T09:30:00Z'),
      source_lang: 'en-US',
    });
    // Opaque id: the Google link stays (a browser follows it to the article); the publisher is still known.
    expect(rows.get(OPAQUE_ID)).toMatchObject({
      text: 'Brewly & rivals raise prices by 5%',
      url: `https://news.google.com/rss/articles/${OPAQUE_ID}?oc=5`,
      author_handle: 'dailygrind.example',
      author_name: 'The Daily Grind',
    });
    // The feed again, one article more: nothing doubles.
    replay.publish('brewly', 'US:en', googleNewsFeed('brewly', [{ id: 'CBMiQmh0dHBzOi8vbmV3cy5leGFtcGxlL2JyZXdseS1waWxzZW4', headline: 'Brewly in Plzeň', publisher: 'News', publisherUrl: 'https://news.example', pubDate: 'Sun, 22 Nov 2026 10:00:00 GMT' }, ...brewlyNews]));
    expect(await poll(store, source.id, clock.now)).toMatchObject({ outcome: 'ok', inserted: 1, updated: 2 });
    expect(await storedMentions(store, 'rss')).toHaveLength(3);
  });

  it('waits out a 429 without counting a failure, and shows a server error in sources list', async () => {
    const store = await open();
    const ws = await workspaceId(store);
    const source = await addTestSource(store, ws, { network: 'googlenews', config: { query: 'brewly', apiBase: replay.url } }, clock.now);
    // What news.google.com answers a client that polls too often: 429 with an HTML "unusual traffic" page.
    replay.server.fault('GET', '/rss/search', { status: 429, headers: { 'retry-after': '3600', 'content-type': 'text/html' }, body: '<html><title>Sorry...</title><body>Our systems have detected unusual traffic from your computer network.</body></html>' });
    const limited = await poll(store, source.id, clock.now);
    expect(limited).toMatchObject({ outcome: 'failed' });
    expect(limited.nextPollAt!.getTime()).toBe(clock.now() + 3_600_000);
    expect((await listSources(store, ws))[0]).toMatchObject({ consecutiveFailures: 0, lastError: expect.stringMatching(/rate limited \(HTTP 429\)/) });

    replay.server.fault('GET', '/rss/search', { status: 503, body: '<html>Service Unavailable</html>', headers: { 'content-type': 'text/html' } });
    expect(await poll(store, source.id, clock.now)).toMatchObject({ outcome: 'failed' });
    const [listed] = await listSources(store, ws);
    expect(listed).toMatchObject({ consecutiveFailures: 1 });
    expect(listed!.lastError).toBe(`GET ${replay.url}/rss/search: HTTP 503 Service Unavailable`);
  });

  it('refuses options Google News does not understand, naming the field', async () => {
    const store = await open();
    const add = async (config: Record<string, unknown>) => addSource(store, await workspaceId(store), { network: 'googlenews', config }, { key: TEST_KEY, now: clock.now });
    await expect(add({ query: 'brewly', gl: 'France' })).rejects.toThrow(SourceConfigError);
    await expect(add({ query: 'brewly', gl: 'France' })).rejects.toThrow(/gl: a two-letter country code/);
    await expect(add({ query: '  ' })).rejects.toThrow(/query: give a --query/);
  });
});
