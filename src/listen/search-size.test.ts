import { beforeAll, expect, it } from 'vitest';
import type { MentionInput } from '../core/mention.ts';
import type { Store } from '../store/store.ts';
import { describeEachStore } from '../store/testing.ts';
import { workspaceId } from '../store/workspaces.ts';
import { ingestBatch } from './pipeline.ts';
import { nextRound, searchMentions } from './search.ts';
import { SelectQueryNode, type KyselyPlugin } from 'kysely';

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

  it('reads short texts a query keeps rejecting in few rounds (each round is a query)', async () => {
    const other = await open();
    const id = await workspaceId(other);
    // 3,000 short texts the query rejects (its words' prefix n selects them all in SQL), then (oldest) one it keeps.
    const texts = (i: number) => (i === 0 ? 'nox' : `nothing here ${i}`);
    await ingestBatch(other, id, Array.from({ length: 3001 }, (_, i) => ({ ...mention(i, 20), text: texts(i) })), { enricher: null, topics: [] });
    const rounds = countingMentionReads(other);
    const page = await searchMentions(rounds.store, id, { limit: 50, maxChars: 1_000_000, query: 'n*x' });
    expect(page.mentions.length).toBeGreaterThan(0);
    // 100 rows, then rounds of 1,000: four; rounds of 100 were thirty.
    expect(rounds.count()).toBeLessThanOrEqual(5);
  });

  it('sizes a round by the characters of the last: 100 texts of 40,000 letters, at most 1,000 short ones', () => {
    expect(nextRound([{ text: 'x'.repeat(40_000) }])).toBe(100);
    expect(nextRound([{ text: 'x'.repeat(8_000) }])).toBe(500);
    expect(nextRound([{ text: 'x'.repeat(20) }])).toBe(1000);
  });
});

/** The store with a count of the queries that read mentions (the rounds of a scan). */
function countingMentionReads(store: Store) {
  let reads = 0;
  const plugin: KyselyPlugin = {
    transformQuery(args) {
      if (SelectQueryNode.is(args.node) && JSON.stringify(args.node.from).includes('"mentions"')) reads++;
      return args.node;
    },
    async transformResult(args) {
      return args.result;
    },
  };
  return { store: { ...store, db: store.db.withPlugin(plugin) }, count: () => reads };
}
