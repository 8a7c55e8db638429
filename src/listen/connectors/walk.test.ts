import { describe, expect, it } from 'vitest';
import type { MentionInput } from '../../core/mention.ts';
import { compareIds, walkNewestFirst, type WalkCursor, type WalkSource } from './walk.ts';

interface Item {
  id: number;
}

/** A newest-first API over `items`, `size` per page, page token = offset. */
function api(items: () => Item[], size: number, log: (string | null)[] = []): WalkSource<Item> {
  return {
    async fetchPage(page) {
      log.push(page);
      const sorted = [...items()].sort((a, b) => b.id - a.id);
      const start = Number(page ?? 0);
      return { items: sorted.slice(start, start + size), next: start + size < sorted.length ? String(start + size) : null };
    },
    key: (item) => ({ t: 0, id: String(item.id) }),
    time: (item) => item.id * 1000,
    map: (items) => items.map((i) => ({ externalId: String(i.id) }) as MentionInput),
  };
}

async function drain(source: WalkSource<Item>, cursor: WalkCursor | null, maxPages = 100, floor = 0) {
  const ids: string[] = [];
  let last = cursor;
  for await (const step of walkNewestFirst(source, cursor, { floor, maxPages })) {
    ids.push(...step.mentions.map((m) => m.externalId));
    last = step.cursor;
  }
  return { ids, cursor: last };
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => ({ id: from + i }));

describe('newest-first walk', () => {
  it('walks to the end, then next time stops at the high-water mark', async () => {
    let items = range(1, 10);
    const first = await drain(api(() => items, 3), null);
    expect(first.ids).toEqual(['10', '9', '8', '7', '6', '5', '4', '3', '2', '1']);
    expect(first.cursor).toEqual({ hw: { t: 0, id: '10' }, walk: null });
    items = range(1, 13);
    const log: (string | null)[] = [];
    const second = await drain(api(() => items, 3, log), first.cursor);
    expect(second.ids).toEqual(['13', '12', '11']);
    expect(log).toEqual([null, '3']); // the second page holds the mark and ends the walk
  });

  it('resumes an interrupted walk below where it stopped, and catches what arrived meanwhile next time', async () => {
    let items = range(1, 10);
    const cut = await drain(api(() => items, 3), null, 2);
    expect(cut.ids).toEqual(['10', '9', '8', '7', '6', '5']);
    expect(cut.cursor).toEqual({ hw: null, walk: { page: '6', top: { t: 0, id: '10' }, last: { t: 0, id: '5' } } });
    items = range(1, 12); // two new items shift the offsets by two: page '6' now starts at 6
    const resumed = await drain(api(() => items, 3), cut.cursor);
    // Page '6' now starts at 6: 6 and 5 come again and are recognised as stored.
    expect(resumed.ids).toEqual(['4', '3', '2', '1']);
    const next = await drain(api(() => items, 3), resumed.cursor);
    expect(next.ids).toEqual(['12', '11']);
  });

  it('applies the look-back floor on the very first walk only', async () => {
    const { ids, cursor } = await drain(api(() => range(1, 10), 4), null, 100, 7000);
    expect(ids).toEqual(['10', '9', '8', '7']);
    expect(cursor?.hw?.id).toBe('10');
  });

  it('stops when a page goes back up instead of down', async () => {
    const log: (string | null)[] = [];
    const looping: WalkSource<Item> = { ...api(() => range(1, 10), 3, log), fetchPage: async (page) => ({ items: range(8, 10).reverse(), next: `p${log.push(page)}` }) };
    const { ids, cursor } = await drain(looping, null);
    expect(ids).toEqual(['10', '9', '8']);
    expect(log).toHaveLength(2);
    expect(cursor?.walk).toBeNull();
  });

  it('orders numeric ids by length first', () => {
    expect(compareIds('99', '100')).toBeLessThan(0);
    expect(compareIds('110000000000000000000', '109999999999999999999')).toBeGreaterThan(0);
    expect(compareIds('abc', 'abc')).toBe(0);
  });
});
