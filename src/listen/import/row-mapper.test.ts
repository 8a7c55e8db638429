import { describe, expect, it } from 'vitest';
import { DEFAULT_MAPPING, buildMapping, parseMapFlags } from './column-mapping.ts';
import { createRowMapper, derivedExternalId } from './row-mapper.ts';
import { Problem } from './values.ts';

const NOW = Date.UTC(2026, 10, 22);
const map = createRowMapper({ mapping: DEFAULT_MAPPING, source: 'import', now: NOW });

describe('row mapper defaults', () => {
  it('reads a Twitter/X export, nested user included', () => {
    const mention = map({
      id_str: '1850',
      full_text: 'Loving #Brewly',
      created_at: 'Wed Oct 10 20:19:24 +0000 2018',
      user: { screen_name: 'alice', name: 'Alice A.', followers_count: 1200 },
      favorite_count: 5,
      retweet_count: 2,
      reply_count: 1,
      lang: 'en',
      source: '<a href="https://mobile.twitter.com">Twitter for iPhone</a>',
    });
    expect(mention).toMatchObject({
      source: 'import',
      externalId: '1850',
      author: { handle: 'alice', displayName: 'Alice A.', followers: 1200 },
      text: 'Loving #Brewly',
      engagement: { likes: 5, shares: 2, replies: 1, views: null },
      langHint: 'en',
    });
    expect((mention as { publishedAt: Date }).publishedAt.toISOString()).toBe('2018-10-10T20:19:24.000Z');
  });

  it('reads a Mastodon status and a flat listening-tool CSV row', () => {
    expect(
      map({ id: '1', content: 'Salut', created_at: '2026-01-01T00:00:00Z', account: { acct: 'bob@piaille.fr', display_name: 'Bob', followers_count: 3 }, reblogs_count: 4, replies_count: 2, favourites_count: 9, uri: 'https://piaille.fr/@bob/1' }),
    ).toMatchObject({ author: { handle: 'bob@piaille.fr', displayName: 'Bob', followers: 3 }, engagement: { likes: 9, shares: 4, replies: 2 }, url: 'https://piaille.fr/@bob/1' });
    expect(
      map({ message: 'Great coffee', date: '2026-01-01', username: '@carol', link: 'https://x.example/p', shares: '', views: '1,000', network: 'Reddit' }),
    ).toMatchObject({ source: 'reddit', author: { handle: 'carol', followers: null }, url: 'https://x.example/p', engagement: { likes: 0, shares: 0, views: 1000 } });
  });

  it('gives rows without an id a deterministic id from source, author, date and text', () => {
    const row = { text: 'same post', created_at: '2026-01-01T10:00:00Z', author: 'dan' };
    const a = map(row);
    const b = map({ ...row, created_at: '2026-01-01 10:00:00' });
    expect((a as { externalId: string }).externalId).toBe(derivedExternalId('import', 'dan', Date.UTC(2026, 0, 1, 10), 'same post'));
    expect((b as { externalId: string }).externalId).toBe((a as { externalId: string }).externalId);
    expect((map({ ...row, text: 'other post' }) as { externalId: string }).externalId).not.toBe((a as { externalId: string }).externalId);
  });

  it('uses --map overrides instead of the defaults', () => {
    const custom = createRowMapper({ mapping: buildMapping(parseMapFlags(['text=body', 'published_at=ts', 'author=who'])), source: 'crm', now: NOW });
    expect(custom({ body: 'hi', ts: '2026-01-01', who: 'eve', text: 'ignored' })).toMatchObject({ text: 'hi', source: 'crm', author: { handle: 'eve' } });
    expect(custom({ text: 'hi', ts: '2026-01-01', who: 'eve' })).toBeInstanceOf(Problem);
  });
});

describe('row mapper rejects', () => {
  const ok = { id: '1', text: 'hello', created_at: '2026-01-01', author: 'a' };
  it.each([
    ['a row that is not an object', [1, 2], 'row is not an object: an array'],
    ['a missing text', { ...ok, text: '  ' }, 'missing text: no value in "text", "full_text"'],
    ['a missing date', { ...ok, created_at: undefined }, 'missing published_at'],
    ['an unparseable date', { ...ok, created_at: 'tomorrow noon' }, 'published_at (column "created_at"): unparseable date "tomorrow noon"'],
    ['a missing author', { ...ok, author: '' }, 'missing author'],
    ['an over-long text', { ...ok, text: 'x'.repeat(100_001) }, 'text: 100,001 characters, over the limit of 100,000'],
    ['an over-long author', { ...ok, author: 'a'.repeat(300) }, 'author: 300 characters, over the limit of 256'],
    ['a negative count', { ...ok, likes: -1 }, 'likes: expected a non-negative whole number, got -1'],
    ['an unknown count', { ...ok, reply_count: 'lots' }, 'replies (column "reply_count"): expected a non-negative whole number, got "lots"'],
    ['a bad url', { ...ok, url: 'ftp://x' }, 'url: not an http(s) URL'],
    ['a bad language', { ...ok, lang: 'Français' }, 'lang: not a language code'],
    ['a bad source column', { ...ok, network: 'Big Network!' }, 'source (column "network"): not a source name'],
  ])('rejects %s', (_name, row, reason) => {
    const result = map(row);
    expect(result).toBeInstanceOf(Problem);
    expect((result as Problem).message).toContain(reason);
  });
});
