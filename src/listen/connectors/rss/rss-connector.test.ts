import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Store } from '../../../store/store.ts';
import { describeEachStore } from '../../../store/testing.ts';
import { workspaceId } from '../../../store/workspaces.ts';
import { addTestSource, poll, sourceState, storedMentions, testClock } from '../connector-testing.ts';
import { blogAtom, chronicleItems, feedburnerRss, githubReleasesAtom, googleAlertsAtom, latin1Feed, rss2 } from './rss-fixtures.ts';
import { mapFeedItem, parseFeed } from './rss-mapper.ts';
import { FeedReplay } from './rss-replay.ts';

let replay: FeedReplay;
beforeAll(async () => {
  replay = await FeedReplay.start();
});
afterAll(() => replay.close());

const clock = testClock(Date.parse('2026-11-22T12:00:00Z'));
let counter = 0;
/** Each test its own feed path, so tests do not share validators. */
const feedPath = (name: string) => `${name}-${++counter}.xml`;

/** Publishes each feed at a path of its own, adds it as a source and polls it once; the poll summaries. */
async function pollFeeds(store: Store, feeds: [name: string, body: string, contentType?: string][]) {
  const ws = await workspaceId(store);
  const summaries = [];
  for (const [name, body, contentType] of feeds) {
    const path = feedPath(name);
    replay.publish(path, body, contentType);
    const source = await addTestSource(store, ws, { network: 'rss', config: { url: replay.feedUrl(path) } }, clock.now);
    summaries.push(await poll(store, source.id, clock.now));
  }
  return summaries;
}

describeEachStore('rss connector', (open) => {
  it('stores RSS 2.0 items, then asks conditionally and stores nothing twice', async () => {
    const store = await open();
    const path = feedPath('chronicle');
    replay.publish(path, rss2(chronicleItems.slice(1)));
    const source = await addTestSource(store, await workspaceId(store), { network: 'rss', config: { url: replay.feedUrl(path) } }, clock.now);
    expect(await poll(store, source.id, clock.now)).toMatchObject({ outcome: 'ok', inserted: 2 });
    const rows = new Map((await storedMentions(store, 'rss')).map((r) => [r.external_id, r]));
    expect(rows.get('https://coffee-chronicle.example/?p=1199')).toMatchObject({
      author_handle: 'tom baker',
      author_name: 'Tom Baker',
      text: 'Price rises at Brewly & rivals\n\nSeveral chains raised prices by 5%.',
      url: 'https://coffee-chronicle.example/2026/11/prices/',
      published_at: Date.parse('2026-11-20T17:05:00Z'),
    });
    // No author: the site is the author, the feed its display name.
    expect(rows.get('https://coffee-chronicle.example/?p=1190')).toMatchObject({ author_handle: 'coffee-chronicle.example', author_name: 'Coffee Chronicle', published_at: Date.parse('2026-11-18T07:00:00Z') });

    const unchanged = await poll(store, source.id, clock.now);
    expect(unchanged).toMatchObject({ outcome: 'ok', fetched: 0, inserted: 0 });
    const conditional = replay.server.requests.filter((r) => r.path === `/feeds/${path}`).at(-1)!;
    expect(conditional.headers['if-none-match']).toMatch(/^"[0-9a-f]{16}"$/);
    expect(conditional.headers['if-modified-since']).toBe('Sun, 22 Nov 2026 10:00:00 GMT');
    expect((await sourceState(store, source.id)).cursor).toMatchObject({ lastModified: 'Sun, 22 Nov 2026 10:00:00 GMT' });

    replay.publish(path, rss2(chronicleItems), undefined, 'Sun, 22 Nov 2026 11:00:00 GMT');
    expect(await poll(store, source.id, clock.now)).toMatchObject({ inserted: 1, updated: 2 });
    const all = await storedMentions(store, 'rss');
    expect(all).toHaveLength(3);
    expect(all.at(-1)!.text).toBe('Brewly opens its first café in Sofia\n\nThe chain’s first store in Bulgaria opened on Vitosha Blvd. «Кафето е отлично», said one visitor ☕.');
  });

  it('decodes a feed by its declared charset (ISO-8859-1 in the XML declaration, windows-1251 in the header)', async () => {
    const store = await open();
    const ws = await workspaceId(store);
    const latin = feedPath('latin1');
    replay.publish(latin, latin1Feed(), 'text/xml');
    const cyrillic = feedPath('cp1251');
    const xml = rss2([{ guid: 'bg-1', title: 'Брюли отваря в Пловдив', link: 'https://novini.example/1', description: 'Кафе за всеки', pubDate: 'Sun, 22 Nov 2026 08:00:00 +0200' }]).replace('encoding="UTF-8"', 'encoding="windows-1251"');
    replay.publish(cyrillic, encodeCp1251(xml), 'application/rss+xml; charset=windows-1251');
    const a = await addTestSource(store, ws, { network: 'rss', config: { url: replay.feedUrl(latin) } }, clock.now);
    const b = await addTestSource(store, ws, { network: 'rss', config: { url: replay.feedUrl(cyrillic) } }, clock.now);
    await poll(store, a.id, clock.now);
    await poll(store, b.id, clock.now);
    const rows = new Map((await storedMentions(store, 'rss')).map((r) => [r.external_id, r]));
    expect(rows.get('jc-88')).toMatchObject({
      text: 'Brewly ouvre à Genève : café crème à 3,50 €\n\nUne ouverture très attendue à Genève. Déçu ? Pas du tout !',
      author_name: 'Amélie Dupré',
    });
    expect(rows.get('bg-1')!.text).toBe('Брюли отваря в Пловдив\n\nКафе за всеки');
  });

  it('reads Atom (Google Alerts) and unwraps its redirect links', async () => {
    const store = await open();
    const path = feedPath('alerts');
    replay.publish(path, googleAlertsAtom(), 'application/atom+xml; charset=utf-8');
    const source = await addTestSource(store, await workspaceId(store), { network: 'rss', config: { url: replay.feedUrl(path) } }, clock.now);
    expect(await poll(store, source.id, clock.now)).toMatchObject({ inserted: 2 });
    const rows = await storedMentions(store, 'rss');
    expect(rows.map((r) => r.url)).toEqual(['https://blog.example.com/brewly-fans', 'https://www.kopi-news.example/brewly-jakarta']);
    expect(rows[1]).toMatchObject({ text: 'Brewly expands to Indonesia\n\nKopi Brewly kini hadir di Jakarta ...', author_handle: 'kopi-news.example' });
    expect(rows[0]).toMatchObject({ author_handle: 'jane roe', author_name: 'Jane Roe' });
  });

  it('resolves relative Atom links against xml:base (link, entry, feed), else the feed URL; entries without an author get the feed\'s', async () => {
    const store = await open();
    const atom = 'application/atom+xml; charset=utf-8';
    const summaries = await pollFeeds(store, [['releases', githubReleasesAtom(), atom], ['blog', blogAtom(), atom]]);
    expect(summaries).toMatchObject([{ outcome: 'ok', inserted: 1 }, { outcome: 'ok', inserted: 3 }]);
    const rows = new Map((await storedMentions(store, 'rss')).map((r) => [r.external_id, r]));
    // No xml:base anywhere: the path is relative to the URL the feed was fetched from.
    expect(rows.get('tag:github.com,2008:Repository/11167738/v3.9.0')).toMatchObject({ url: `${replay.url}/gulpjs/gulp/releases/tag/v3.9.0`, author_name: 'phated' });
    expect(rows.get('urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a')).toMatchObject({
      url: 'https://kaffee-blog.example/blog/2026/brewly-berlin',
      author_handle: 'lena vogel',
      author_name: 'Lena Vogel',
      // Caption and heading are two sentences, not "KitchenHow".
      text: 'Brewly in Berlin\n\nBrewly Kitchen\n\nHow to order\n\nAm Tresen.',
    });
    expect(rows.get('urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6b')).toMatchObject({ url: 'https://kaffee-blog.example/archiv/brewly-en', author_name: 'Guest Writer' });
    expect(rows.get('urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6c')).toMatchObject({ url: 'https://cdn.kaffee-blog.example/posts/bohnen', author_handle: 'lena vogel', author_name: 'Lena Vogel' });
  });

  it('stores the language the feed declares: RSS <language>, Atom xml:lang of the feed or the entry', async () => {
    const store = await open();
    const atom = 'application/atom+xml';
    await pollFeeds(store, [['lang-rss', feedburnerRss()], ['lang-blog', blogAtom(), atom], ['lang-github', githubReleasesAtom(), atom], ['lang-none', googleAlertsAtom(), atom]]);
    const langs = Object.fromEntries((await storedMentions(store, 'rss')).map((r) => [r.external_id, r.source_lang]));
    expect(langs).toEqual({
      'bw-501': 'pt-BR',
      'bw-502': 'pt-BR',
      'urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a': 'de',
      'urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6b': 'en', // the entry's own xml:lang
      'urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6c': 'de',
      'tag:github.com,2008:Repository/11167738/v3.9.0': 'en-US',
      // Google Alerts declares none.
      'tag:google.com,2013:googlealerts/feed:13337002456789012345': null,
      'tag:google.com,2013:googlealerts/feed:13337002456789012399': null,
    });
  });

  it('stores the article behind a FeedBurner redirect (feedburner:origLink) and resolves relative RSS links', async () => {
    const store = await open();
    expect(await pollFeeds(store, [['feedburner', feedburnerRss()]])).toMatchObject([{ inserted: 2 }]);
    const rows = new Map((await storedMentions(store, 'rss')).map((r) => [r.external_id, r]));
    expect(rows.get('bw-501')).toMatchObject({ url: 'https://barista-weekly.example/2026/11/brewly-sao-paulo/', author_handle: 'barista-weekly.example', author_name: 'Barista Weekly' });
    expect(rows.get('bw-502')).toMatchObject({ url: `${replay.url}/2026/11/cafe-gelado/` });
  });

  it('resolves relative links against the URL the feed was redirected to', async () => {
    const store = await open();
    const moved = `archive/${feedPath('moved')}`;
    replay.publish(moved, rss2([{ guid: 'mv-1', title: 'Brewly moved', link: 'posts/brewly-moved', description: 'New address.', pubDate: 'Sun, 22 Nov 2026 08:00:00 GMT' }]));
    const old = feedPath('old');
    replay.server.fault('GET', `/feeds/${old}`, { status: 301, headers: { location: replay.feedUrl(moved) } });
    const source = await addTestSource(store, await workspaceId(store), { network: 'rss', config: { url: replay.feedUrl(old) } }, clock.now);
    expect(await poll(store, source.id, clock.now)).toMatchObject({ inserted: 1 });
    expect((await storedMentions(store, 'rss'))[0]!.url).toBe(`${replay.url}/feeds/archive/posts/brewly-moved`);
  });

  it('asks again once when the server drops the connection before answering, instead of failing the poll', async () => {
    const store = await open();
    const path = feedPath('dropped');
    replay.publish(path, rss2(chronicleItems.slice(2)));
    const source = await addTestSource(store, await workspaceId(store), { network: 'rss', config: { url: replay.feedUrl(path) } }, clock.now);
    expect(await poll(store, source.id, clock.now)).toMatchObject({ outcome: 'ok', inserted: 1 });
    replay.server.fault('GET', `/feeds/${path}`, { drop: true });
    expect(await poll(store, source.id, clock.now)).toMatchObject({ outcome: 'ok', fetched: 0 });
    expect(replay.server.requestsTo(`/feeds/${path}`)).toHaveLength(3);
    // Twice in a row is a server that is down, not a stale connection: the poll fails.
    replay.server.fault('GET', `/feeds/${path}`, { drop: true }, 2);
    expect(await poll(store, source.id, clock.now)).toMatchObject({ outcome: 'failed', error: expect.stringMatching(/the server closed the connection without answering/) });
  });

  it('names the feed when it is not XML or not a feed, and a 404', async () => {
    const store = await open();
    const ws = await workspaceId(store);
    const broken = feedPath('broken');
    replay.publish(broken, '<rss><channel><item><title>unclosed', 'application/rss+xml');
    const html = feedPath('html');
    replay.publish(html, '<html><body>Not a feed</body></html>', 'text/html');
    const results = [];
    for (const path of [broken, html, 'missing.xml']) {
      const source = await addTestSource(store, ws, { network: 'rss', config: { url: replay.feedUrl(path) } }, clock.now);
      results.push((await poll(store, source.id, clock.now)).error);
    }
    expect(results[0]).toMatch(new RegExp(`GET ${replay.feedUrl(broken).replace(/[.?]/g, '\\$&')}: not well-formed XML`));
    expect(results[0]).toContain('(the document ends with <rss> <channel> <item> <title> still open: cut off?)');
    expect(results[1]).toMatch(/neither an RSS nor an Atom feed \(root element: html\)/);
    expect(results[2]).toMatch(/missing\.xml: HTTP 404/);
  });
});

/** windows-1251 for the Cyrillic and ASCII this test needs (TextEncoder only writes UTF-8). */
function encodeCp1251(text: string): Buffer {
  const bytes: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) bytes.push(code);
    else if (code >= 0x410 && code <= 0x44f) bytes.push(code - 0x410 + 0xc0);
    else throw new Error(`no cp1251 byte for ${ch}`);
  }
  return Buffer.from(bytes);
}

it('names a body that is not XML at all (a wrong URL answering with text)', () => {
  expect(() => parseFeed('not xml at all {}', 'GET https://x.example/feed')).toThrow(
    'GET https://x.example/feed: not well-formed XML (it does not start with a tag, so it is not a feed)',
  );
});

it('keeps only web links: a javascript: or data: link is no article', () => {
  const items = (['javascript:alert(1)', 'data:text/html;base64,PGI+eDwvYj4=', '/ok'] as const).map((link, i) => ({ guid: `x-${i}`, title: 'Brewly', link, description: 'd', pubDate: 'Sun, 22 Nov 2026 08:00:00 GMT' }));
  const feed = parseFeed(rss2(items), 'GET https://news.example/feed', 'https://news.example/feed');
  expect(feed.items.map((item) => mapFeedItem(item, feed, 'https://news.example/feed', 0).url)).toEqual([null, null, 'https://news.example/ok']);
});
