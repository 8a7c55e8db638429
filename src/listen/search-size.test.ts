import { beforeAll, expect, it } from 'vitest';
import type { MentionInput } from '../core/mention.ts';
import type { Store } from '../store/store.ts';
import { describeEachStore } from '../store/testing.ts';
import { workspaceId } from '../store/workspaces.ts';
import { ingestBatch } from './pipeline.ts';
import { searchMentions } from './search.ts';

const mention = (i: number, chars: number): MentionInput => ({
  source: 'rss',
  externalId: `m${i}`,
  url: null,
  author: { handle: 'ann', displayName: null, followers: null },
  text: `brewly ${'x'.repeat(chars)}`,
  publishedAt: new Date(Date.UTC(2026, 2, 1, i)),
  engagement: { likes: 0, shares: 0, replies: 0, views: null },
});

describeEachStore('search pages bounded by size', (open) => {
  let store: Store;
  let ws: number;
  beforeAll(async () => {
    store = await open();
    ws = await workspaceId(store);
    await ingestBatch(store, ws, Array.from({ length: 7 }, (_, i) => mention(i, 1000)), { enricher: null, topics: [] });
  });

  async function pages(maxChars: number, query?: string): Promise<number[]> {
    const sizes: number[] = [];
    const seen = new Set<number>();
    let cursor: string | null = null;
    do {
      const page = await searchMentions(store, ws, { limit: 500, cursor, maxChars, ...(query ? { query } : {}) });
      for (const m of page.mentions) seen.add(m.id);
      sizes.push(page.mentions.length);
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.size).toBe(7);
    return sizes;
  }

  it('ends a page before its texts pass maxChars and continues from there, with or without a query', async () => {
    expect(await pages(2500)).toEqual([2, 2, 2, 1]);
    expect(await pages(2500, 'brewly')).toEqual([2, 2, 2, 1]);
  });

  it('still moves on when one text alone is longer than the bound', async () => {
    expect(await pages(10)).toEqual([1, 1, 1, 1, 1, 1, 1]);
  });
});
