import { expect, it } from 'vitest';
import type { MentionInput, SentimentLabel } from '../../core/mention.ts';
import { upsertMentions } from '../../store/mention-writer.ts';
import type { Store } from '../../store/store.ts';
import { describeEachStore } from '../../store/testing.ts';
import { workspaceId } from '../../store/workspaces.ts';
import { countMatches, searchMentions, type SearchOptions } from '../search.ts';
import { MENTION_SORTS } from './sort.ts';

const T0 = Date.UTC(2026, 2, 1);
const LABELS: (SentimentLabel | null)[] = ['positive', 'negative', null, 'neutral'];

/** Few distinct followers, engagement and times, so every sort has long runs of ties. */
function mention(i: number): MentionInput {
  const label = LABELS[i % 4]!;
  return {
    source: 'mastodon',
    externalId: `m${i}`,
    url: null,
    author: { handle: `user${i}`, displayName: null, followers: i % 5 === 0 ? null : (i % 3) * 100 },
    text: i % 2 === 0 ? `Brewly price ${i}` : `coffee talk ${i}`,
    publishedAt: new Date(T0 + (i % 7) * 3_600_000),
    engagement: { likes: i % 4, shares: i % 2, replies: 0, views: null },
    sentiment: label ? { label, score: 0, probabilities: { negative: 0.3, neutral: 0.4, positive: 0.3 } } : null,
  };
}

async function allPages(store: Store, ws: number, options: Omit<SearchOptions, 'cursor'>): Promise<number[]> {
  const ids: number[] = [];
  let cursor: string | null = null;
  for (let guard = 0; guard < 200; guard++) {
    const page = await searchMentions(store, ws, { ...options, cursor });
    ids.push(...page.mentions.map((m) => m.id));
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  return ids;
}

const RANK: Record<string, number> = { negative: 0, neutral: 1, positive: 2 };

describeEachStore('mention list sorts', (open) => {
  it('pages each sort in its order, without gaps or repeats, ties broken by newest then id', async () => {
    const store = await open();
    const ws = await workspaceId(store);
    const inputs = Array.from({ length: 61 }, (_, i) => mention(i));
    const { ids } = await upsertMentions(store, ws, inputs);
    const rows = inputs.map((m, i) => ({ m, id: ids[i]! }));
    const newest = (a: (typeof rows)[0], b: (typeof rows)[0]) => b.m.publishedAt.getTime() - a.m.publishedAt.getTime() || b.id - a.id;
    const expected = {
      newest: [...rows].sort(newest),
      reach: [...rows].sort((a, b) => (b.m.author.followers ?? 0) - (a.m.author.followers ?? 0) || newest(a, b)),
      engagement: [...rows].sort((a, b) => b.m.engagement.likes + b.m.engagement.shares - a.m.engagement.likes - a.m.engagement.shares || newest(a, b)),
      negative: [...rows].sort((a, b) => (RANK[a.m.sentiment?.label ?? ''] ?? 3) - (RANK[b.m.sentiment?.label ?? ''] ?? 3) || newest(a, b)),
    };
    for (const sort of MENTION_SORTS) {
      expect(await allPages(store, ws, { sort, limit: 4 }), sort).toEqual(expected[sort].map((r) => r.id));
      // With a query read in memory across scan rounds, the order holds as well.
      const brewly = expected[sort].filter((r) => r.m.text.startsWith('Brewly')).map((r) => r.id);
      expect(await allPages(store, ws, { sort, limit: 3, query: 'brewly' }), sort).toEqual(brewly);
    }
  });

  it('refuses a cursor of another sort', async () => {
    const store = await open();
    const ws = await workspaceId(store);
    await upsertMentions(store, ws, Array.from({ length: 5 }, (_, i) => mention(i)));
    const page = await searchMentions(store, ws, { sort: 'reach', limit: 2 });
    await expect(searchMentions(store, ws, { sort: 'engagement', limit: 2, cursor: page.nextCursor })).rejects.toThrow(/belongs to sort "reach"/);
    await expect(searchMentions(store, ws, { sort: 'reach', limit: 2, cursor: 'bad' })).rejects.toThrow(/invalid cursor/);
  });

  it('counts the exact total of a search, with or without a query', async () => {
    const store = await open();
    const ws = await workspaceId(store);
    await upsertMentions(store, ws, Array.from({ length: 4500 }, (_, i) => mention(i)));
    expect(await countMatches(store, ws, {})).toBe(4500);
    expect(await countMatches(store, ws, { sentiment: 'negative' })).toBe(1125);
    // 2,250 Brewly mentions read across count rounds (2,000 a round); a NOT query has no pre-filter.
    expect(await countMatches(store, ws, { query: 'brewly' })).toBe(2250);
    expect(await countMatches(store, ws, { query: 'NOT brewly', sentiment: 'positive' })).toBe(0);
    expect(await countMatches(store, ws, { query: 'coffee', sentiment: 'negative' })).toBe(1125);
  });
});
