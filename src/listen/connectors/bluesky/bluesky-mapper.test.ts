import { describe, expect, it } from 'vitest';
import { bskyPostUrl, mapBlueskyPost, postViewSchema, sortAt } from './bluesky-mapper.ts';
import { authors, post } from './bluesky-fixtures.ts';

describe('bluesky mapper', () => {
  it('maps the record language, and a quote with media to its quoted post', () => {
    const view = post({ rkey: '3lbrewq000001', author: authors.ivan, text: 'виж това', createdAt: '2026-11-22T10:00:00.000Z', langs: ['bg', 'en'] });
    (view.record as Record<string, unknown>).embed = {
      $type: 'app.bsky.embed.recordWithMedia',
      record: { record: { uri: 'at://did:plc:abc/app.bsky.feed.post/3lorig', cid: 'bafy' } },
      media: { $type: 'app.bsky.embed.images', images: [] },
    };
    expect(mapBlueskyPost(postViewSchema.parse(view))).toMatchObject({ langHint: 'bg', parentExternalId: 'at://did:plc:abc/app.bsky.feed.post/3lorig', author: { followers: null } });
  });

  it('sorts by createdAt unless the record claims a time after indexing', () => {
    const future = postViewSchema.parse(post({ rkey: '3lbrewf000001', author: authors.alice, text: 'x', createdAt: '2030-01-01T00:00:00.000Z' }));
    future.indexedAt = '2026-11-22T10:00:00.000Z';
    expect(sortAt(future)).toBe(Date.parse('2026-11-22T10:00:00.000Z'));
    expect(bskyPostUrl('at://did:plc:x/app.bsky.feed.generator/abc', 'a.b')).toBeNull();
  });
});
