import { expect, it } from 'vitest';
import type { MentionInput, SentimentLabel } from '../core/mention.ts';
import { upsertMentions } from '../store/mention-writer.ts';
import type { Store } from '../store/store.ts';
import { describeEachStore } from '../store/testing.ts';
import { workspaceId } from '../store/workspaces.ts';
import { QuerySyntaxError } from './query/errors.ts';
import { decodeCursor, encodeCursor, searchMentions, SearchError, type SearchOptions } from './search.ts';
import { createTopic } from './topics.ts';

const T0 = Date.UTC(2026, 2, 1);
const LABELS: SentimentLabel[] = ['negative', 'neutral', 'positive'];

function mention(i: number): MentionInput {
  return {
    source: i % 2 === 0 ? 'mastodon' : 'rss',
    externalId: `m${i}`,
    url: null,
    author: { handle: `user${i}`, displayName: null, followers: null },
    text: i % 4 === 0 ? `Brewly delivery ${i}` : `coffee talk ${i}`,
    // Mentions come in pairs sharing a timestamp, so paging must break ties by id.
    publishedAt: new Date(T0 + Math.floor(i / 2) * 3_600_000),
    engagement: { likes: 0, shares: 0, replies: 0, views: null },
    lang: i % 3 === 0 ? 'fr' : 'en',
    sentiment: { label: LABELS[i % 3]!, score: 0, probabilities: { negative: 0.3, neutral: 0.4, positive: 0.3 } },
  };
}

/** Every page from the first, following nextCursor. */
async function allPages(store: Store, ws: number, options: Omit<SearchOptions, 'cursor'>): Promise<string[][]> {
  const pages: string[][] = [];
  let cursor: string | null = null;
  do {
    const page = await searchMentions(store, ws, { ...options, cursor });
    pages.push(page.mentions.map((m) => m.externalId));
    cursor = page.nextCursor;
  } while (cursor && pages.length < 100);
  return pages;
}

describeEachStore('searchMentions', (open) => {
  it('pages newest first by (published_at, id) without gaps or repeats', async () => {
    const store = await open();
    const ws = await workspaceId(store);
    const ids = (await upsertMentions(store, ws, Array.from({ length: 23 }, (_, i) => mention(i)))).ids;
    const pages = await allPages(store, ws, { limit: 5 });
    expect(pages.map((p) => p.length)).toEqual([5, 5, 5, 5, 3]);
    // Expected order: time descending, then id descending within the same hour.
    const expected = Array.from({ length: 23 }, (_, i) => ({ ext: `m${i}`, at: Math.floor(i / 2), id: ids[i]! }))
      .sort((a, b) => b.at - a.at || b.id - a.id)
      .map((m) => m.ext);
    expect(pages.flat()).toEqual(expected);
  });

  it('ends with a null cursor when the last page is exactly full', async () => {
    const store = await open();
    const ws = await workspaceId(store);
    await upsertMentions(store, ws, Array.from({ length: 10 }, (_, i) => mention(i)));
    const pages = await allPages(store, ws, { limit: 5 });
    expect(pages.map((p) => p.length)).toEqual([5, 5]);
  });

  it('combines a query with filters and pages through matches across scan batches', async () => {
    const store = await open();
    const ws = await workspaceId(store);
    await upsertMentions(store, ws, Array.from({ length: 1200 }, (_, i) => mention(i)));
    const pages = await allPages(store, ws, { query: 'brewly deliv*', limit: 70 });
    const all = pages.flat();
    expect(all).toHaveLength(300);
    expect(new Set(all).size).toBe(300);
    expect(all.every((id) => Number(id.slice(1)) % 4 === 0)).toBe(true);
    // A query with no pre-filter (pure NOT) scans by time range and still pages exactly.
    const notBrewly = (await allPages(store, ws, { query: 'NOT brewly', limit: 400 })).flat();
    expect(notBrewly).toHaveLength(900);

    const filtered = await searchMentions(store, ws, {
      query: 'brewly',
      lang: 'FR',
      sentiment: 'negative',
      source: 'mastodon',
      from: new Date(T0 + 10 * 3_600_000),
      to: new Date(T0 + 100 * 3_600_000),
      limit: 1000,
    });
    const expected = Array.from({ length: 1200 }, (_, i) => i).filter(
      (i) => i % 4 === 0 && i % 3 === 0 && i % 2 === 0 && Math.floor(i / 2) >= 10 && Math.floor(i / 2) < 100,
    );
    expect(filtered.mentions.map((m) => Number(m.externalId.slice(1))).sort((a, b) => a - b)).toEqual(expected);
    expect(filtered.nextCursor).toBeNull();
  });

  it('filters by topic and returns each mention with its topics', async () => {
    const store = await open();
    const ws = await workspaceId(store);
    await upsertMentions(store, ws, Array.from({ length: 12 }, (_, i) => mention(i)));
    const { topic } = await createTopic(store, ws, { name: 'Brewly', query: 'brewly' });
    const page = await searchMentions(store, ws, { topicId: topic.id, limit: 50 });
    expect(page.mentions.map((m) => m.externalId).sort()).toEqual(['m0', 'm4', 'm8']);
    expect(page.mentions.every((m) => m.topicIds.includes(topic.id))).toBe(true);
  });

  it('reports bad input by name', async () => {
    const store = await open();
    const ws = await workspaceId(store);
    await expect(searchMentions(store, ws, { query: 'brewly AND', limit: 5 })).rejects.toThrow(QuerySyntaxError);
    await expect(searchMentions(store, ws, { limit: 0 })).rejects.toThrow(SearchError);
    await expect(searchMentions(store, ws, { limit: 1001 })).rejects.toThrow(/limit must be a whole number from 1 to 1000/);
    await expect(searchMentions(store, ws, { limit: 5, cursor: 'garbage' })).rejects.toThrow(/invalid cursor/);
  });
});

it('round-trips cursors', () => {
  expect(decodeCursor(encodeCursor({ publishedAt: 1767225600000, id: 42 }))).toEqual({ publishedAt: 1767225600000, id: 42 });
});
