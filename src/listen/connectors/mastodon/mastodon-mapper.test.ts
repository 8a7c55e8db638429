import { describe, expect, it } from 'vitest';
import { mapMastodonStatus, mastodonHandle, mastodonStatusSchema, tagHistoryRows } from './mastodon-mapper.ts';
import { accounts, status, tag } from './mastodon-fixtures.ts';

const parse = (s: unknown) => mastodonStatusSchema.parse(s);

describe('mastodon mapper', () => {
  it('keeps the language hint, the content warning and the counts', () => {
    const [mention] = mapMastodonStatus(
      parse(status({ id: '1', account: accounts.tokyo, content: '<p>ネタバレ注意</p>', spoiler: 'Spoilers: #brewly finale', createdAt: '2026-11-22T10:00:00Z', language: 'ja', counts: [7, 3, 2] })),
      'mastodon.social',
      () => null,
    );
    expect(mention).toMatchObject({
      source: 'mastodon',
      langHint: 'ja',
      text: 'Spoilers: #brewly finale\n\nネタバレ注意',
      engagement: { likes: 7, shares: 3, replies: 2, views: null },
      author: { handle: 'hanako@mstdn.jp', displayName: '花子', followers: 3310 },
      parentExternalId: null,
    });
  });

  it('turns a boost into the original post plus the boost linked to it', () => {
    const original = status({ id: '5', account: accounts.remote, content: '<p>Kawa 😍</p>', createdAt: '2026-11-22T09:00:00Z', language: 'pl' });
    const boost = status({ id: '6', account: accounts.trwnh, content: '', createdAt: '2026-11-22T10:00:00Z', reblog: original, language: null });
    const [first, second] = mapMastodonStatus(parse(boost), '127.0.0.1', () => null);
    expect(first).toMatchObject({ externalId: original.uri, author: { handle: 'kasia@social.example.pl' }, langHint: 'pl' });
    expect(second).toMatchObject({ externalId: boost.uri, parentExternalId: original.uri, text: 'Kawa 😍', author: { handle: 'trwnh@127.0.0.1' } });
  });

  it('keeps words apart at block boundaries of the status HTML (lists and code from Markdown-enabled servers)', () => {
    const content = '<p>Menu at <strong>Brewly</strong>:</p><ul><li>Flat white</li><li>Cortado</li></ul><p>Install:<pre><code>npm i brewly</code></pre>done</p>';
    const [mention] = mapMastodonStatus(parse(status({ id: '7', account: accounts.trwnh, content, createdAt: '2026-11-22T10:00:00Z', language: 'en' })), 'mastodon.social', () => null);
    expect(mention!.text).toBe('Menu at Brewly:\n\nFlat white\nCortado\n\nInstall:\n\nnpm i brewly\n\ndone');
  });

  it('qualifies local handles with the instance and reads tag history numbers', () => {
    expect(mastodonHandle('Alice', 'mastodon.social')).toBe('alice@mastodon.social');
    expect(mastodonHandle('@bob@fosstodon.org', 'mastodon.social')).toBe('bob@fosstodon.org');
    expect(tagHistoryRows(tag('Brewly', [['1574553600', '200', '31'], ['bad', 'x', '1']]) as never, 'mastodon.social')).toEqual([
      { instance: 'mastodon.social', tag: 'brewly', day: 1574553600000, uses: 200, accounts: 31 },
    ]);
  });
});
