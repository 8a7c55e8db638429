import { describe, expect, it } from 'vitest';
import { rankCrisis, reachNorm } from './crisis.ts';
import type { Post } from './read/model.ts';
import type { RootCause } from './root-cause.ts';
import type { TopicSpike } from './spikes.ts';

const post = (id: number, author: string, followers: number, score: number): Post => ({
  id, source: 'bluesky', url: null, authorHandle: author, authorName: null, followers, reach: followers, text: 't', publishedAt: 0, lang: 'en',
  sentiment: score < 0 ? 'negative' : 'positive', score, likes: 10, shares: 0, replies: 0, views: null, engagement: 10,
});
const spike = (severity: TopicSpike['severity'], excess: number): TopicSpike => ({
  direction: 'rise', severity, start: 0, peak: 0, end: 0, startLabel: '', peakLabel: '', endLabel: '', peakValue: 0,
  expectedAtPeak: 0, z: 9, excess, ratio: 3, points: [], metric: 'negative', granularity: 'day',
});
const cause: RootCause = { total: 0, expected: 0, causes: [], main: null, topMentionIds: [] };
const figures = { observed: 0, expected: 0, extra: 0, ratio: 1, cause: null };

describe('rankCrisis', () => {
  it('is empty with nothing negative', () => {
    expect(rankCrisis([], [post(1, 'a', 1e6, 0.8)])).toEqual([]);
  });

  it('ranks a critical spike above a big post, and a big post above a low spike', () => {
    const items = rankCrisis(
      [
        { spike: spike('low', 30), cause, figures, evidence: [] },
        { spike: spike('critical', 900), cause, figures, evidence: [] },
      ],
      [post(1, 'big', 150_000, -0.9), post(2, 'small', 500, -0.9), post(3, 'mild', 200_000, -0.2)],
    );
    expect(items.map((i) => (i.kind === 'negative-spike' ? i.spike.severity : i.post.authorHandle))).toEqual(['critical', 'big', 'low']);
  });

  it('lists an author once, and not a post already shown as a spike’s evidence', () => {
    const items = rankCrisis(
      [{ spike: spike('high', 100), cause, figures, evidence: [post(9, 'viral', 90_000, -0.9)] }],
      [post(9, 'viral', 90_000, -0.9), post(1, 'loud', 40_000, -0.8), post(2, 'loud', 60_000, -0.7)],
    );
    expect(items.filter((i) => i.kind === 'negative-post').map((i) => i.kind === 'negative-post' && i.post.id)).toEqual([2]);
  });

  it('judges a post’s reach against the topic’s own posts, and says so', () => {
    const negative = post(7, 'barista_blog', 8_000, -0.8);
    // A small topic: its posts reach a few hundred people; 8K stands out.
    const small = reachNorm(Array.from({ length: 500 }, (_, k) => 100 + k), 0.99, 28, 1_000);
    expect(small).toEqual({ quantile: 0.99, threshold: 1_000, posts: 500, days: 28 });
    const items = rankCrisis([], [negative], undefined, small);
    expect(items).toMatchObject([{ kind: 'negative-post', reach: 8_000, reason: small }]);
    // A big topic: 1 % of its posts reach 50K or more; 8K is an ordinary post there.
    const big = reachNorm(Array.from({ length: 1000 }, (_, k) => (k < 985 ? 2_000 : 50_000 + k)), 0.99, 28, 1_000);
    expect(big.threshold).toBe(50_989);
    expect(rankCrisis([], [negative], undefined, big)).toEqual([]);
  });
});
