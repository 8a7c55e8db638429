import { describe, expect, it } from 'vitest';
import type { MentionFact } from './read/model.ts';
import { explainSpike, rootOf } from './root-cause.ts';

let next = 0;
const fact = (over: Partial<MentionFact> = {}): MentionFact => {
  const id = ++next;
  return {
    id, source: 'mastodon', externalId: `e${id}`, authorHandle: `user${id % 50}`, followers: 100, reach: 100, url: null, publishedAt: 0, lang: 'en',
    sentiment: 'neutral', score: 0, likes: 1, shares: 0, replies: 0, parentExternalId: null, domain: 'mastodon.social', hashtags: [], ...over,
  };
};

describe('explainSpike', () => {
  it('names one post and its reposts as the cause, with its share of the spike', () => {
    const baseline = Array.from({ length: 700 }, () => fact());
    const viral = fact({ authorHandle: 'dana', source: 'bluesky', likes: 5000, externalId: 'viral' });
    const reposts = Array.from({ length: 150 }, () => fact({ source: 'bluesky', parentExternalId: 'viral', authorHandle: `rt${next}` }));
    const normal = Array.from({ length: 100 }, () => fact());
    const cause = explainSpike({ spike: [viral, ...reposts, ...normal], spikeDuration: 1, baseline, baselineDuration: 7 });
    expect(cause.main).toMatchObject({ dimension: 'post', value: 'viral', author: 'dana', count: 151 });
    expect(cause.main!.share).toBeCloseTo(151 / 251, 3);
    expect(cause.main!.explains).toBeGreaterThan(0.9);
    expect(cause.topMentionIds[0]).toBe(viral.id);
    expect(cause.causes.find((c) => c.dimension === 'source')).toMatchObject({ value: 'bluesky' });
  });

  it('follows repost chains to their root, even through a parent outside the window', () => {
    const root = fact({ externalId: 'r' });
    const mid = fact({ externalId: 'm', parentExternalId: 'r' });
    const leaf = fact({ parentExternalId: 'm' });
    expect(rootOf(leaf, new Map([root, mid, leaf].map((m) => [m.externalId, m]))).externalId).toBe('r');
    const cycle1 = fact({ externalId: 'c1', parentExternalId: 'c2' });
    const cycle2 = fact({ externalId: 'c2', parentExternalId: 'c1' });
    expect(['c1', 'c2']).toContain(rootOf(cycle1, new Map([cycle1, cycle2].map((m) => [m.externalId, m]))).externalId);
  });

  it('finds a language or hashtag surge, and nothing when the spike looks like the baseline', () => {
    const baseline = Array.from({ length: 700 }, () => fact());
    const surge = Array.from({ length: 200 }, () => fact({ lang: 'id', hashtags: ['promo'] }));
    const cause = explainSpike({ spike: [...surge, ...Array.from({ length: 100 }, () => fact())], spikeDuration: 1, baseline, baselineDuration: 7 });
    expect(cause.causes.map((c) => c.dimension)).toEqual(expect.arrayContaining(['lang', 'hashtag']));
    const flat = explainSpike({ spike: Array.from({ length: 100 }, () => fact()), spikeDuration: 1, baseline, baselineDuration: 7 });
    expect(flat.causes.filter((c) => c.dimension !== 'author')).toEqual([]);
  });

  it('handles an empty spike and an empty baseline', () => {
    expect(explainSpike({ spike: [], spikeDuration: 1, baseline: [], baselineDuration: 7 })).toMatchObject({ total: 0, main: null, causes: [] });
    // Two mentions are not a cause: nothing is named below the minimum support.
    const only = explainSpike({ spike: [fact({ hashtags: ['x'] }), fact({ hashtags: ['x'] })], spikeDuration: 1, baseline: [], baselineDuration: 7 });
    expect(only.main).toBeNull();
  });

  it('groups reposts and quotes that carry no parent id with the post whose link they share', () => {
    const baseline = Array.from({ length: 700 }, () => fact({ lang: 'en' }));
    const viral = fact({ authorHandle: 'dana', source: 'bluesky', externalId: 'viral', url: 'https://bsky.app/profile/dana/post/3k1' });
    // 639 reposts and quotes, in English like the rest, each with the post's URL and no parent id.
    const shares = Array.from({ length: 639 }, (_, k) => fact({ source: 'bluesky', lang: 'en', authorHandle: `fan${k}`, links: [k % 2 ? 'https://bsky.app/profile/dana/post/3k1' : 'https://bsky.app/profile/dana/post/3k1'] }));
    const normal = Array.from({ length: 100 }, () => fact({ lang: 'en' }));
    const cause = explainSpike({ spike: [viral, ...shares, ...normal], spikeDuration: 1, baseline, baselineDuration: 7 });
    expect(cause.main).toMatchObject({ dimension: 'post', value: 'viral', author: 'dana', count: 640, mentionId: viral.id });
    expect(cause.main!.explains).toBeGreaterThan(0.9);
    // The network's own host is not a site the spike points at.
    expect(cause.causes.find((c) => c.dimension === 'domain')).toBeUndefined();
  });

  it('counts the site a link points at for mentions on every network, not only feeds', () => {
    const baseline = Array.from({ length: 700 }, () => fact({ lang: 'en' }));
    const review = Array.from({ length: 900 }, (_, k) => fact({ source: k % 3 ? 'mastodon' : 'bluesky', lang: 'en', links: [`https://www.coffeereview.example/brewly-go?ref=${k % 5}`] }));
    const cause = explainSpike({ spike: [...review, ...Array.from({ length: 100 }, () => fact({ lang: 'en' }))], spikeDuration: 1, baseline, baselineDuration: 7 });
    expect(cause.main).toMatchObject({ dimension: 'domain', value: 'coffeereview.example', count: 900 });
    expect(cause.causes.findIndex((c) => c.dimension === 'domain')).toBeLessThan(cause.causes.findIndex((c) => c.dimension === 'lang'));
  });

  it('explains a drop by the network that went silent, not by an author with 3 mentions', () => {
    const baseline = [
      ...Array.from({ length: 700 }, (_, k) => fact({ source: 'bluesky', authorHandle: `b${k % 40}` })),
      ...Array.from({ length: 700 }, (_, k) => fact({ source: 'mastodon', authorHandle: `m${k % 40}` })),
    ];
    // Bluesky is down for the day: only Mastodon speaks, and one author posts 3 times.
    const day = [...Array.from({ length: 97 }, (_, k) => fact({ source: 'mastodon', authorHandle: `m${k % 40}` })), ...Array.from({ length: 3 }, () => fact({ source: 'mastodon', authorHandle: 'loud' }))];
    const cause = explainSpike({ spike: day, spikeDuration: 1, baseline, baselineDuration: 7, expected: 200, direction: 'drop' });
    expect(cause.main).toMatchObject({ dimension: 'source', value: 'bluesky', silent: true, count: 0 });
    expect(cause.main!.explains).toBe(1);
    expect(cause.causes.map((c) => c.dimension)).not.toContain('author');
  });
});
