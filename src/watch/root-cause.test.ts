import { describe, expect, it } from 'vitest';
import type { MentionFact } from './read/model.ts';
import { explainSpike, rootOf } from './root-cause.ts';

let next = 0;
const fact = (over: Partial<MentionFact> = {}): MentionFact => {
  const id = ++next;
  return {
    id, source: 'mastodon', externalId: `e${id}`, authorHandle: `user${id % 50}`, followers: 100, reach: 100, publishedAt: 0, lang: 'en',
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
    const only = explainSpike({ spike: [fact({ hashtags: ['x'] }), fact({ hashtags: ['x'] })], spikeDuration: 1, baseline: [], baselineDuration: 7 });
    expect(only.main?.share).toBe(1);
  });
});
