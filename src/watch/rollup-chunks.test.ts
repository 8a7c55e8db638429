/**
 * A rollup refresh commits in short transactions, a day at most each, so that neither this
 * process's event loop nor another process's writer waits for a whole refresh.
 */
import { expect, it } from 'vitest';
import type { MentionInput } from '../core/mention.ts';
import { ingestBatch } from '../listen/pipeline.ts';
import { createTopic } from '../listen/topics.ts';
import { describeEachStore } from '../store/testing.ts';
import { workspaceId } from '../store/workspaces.ts';
import { loadQuarterRows } from './read/index.ts';
import { dayRanges, refreshRollup, rollupWatermark } from './rollup.ts';
import { DAY, QUARTER } from './time.ts';

const START = Date.UTC(2026, 2, 1);
const DAYS = 12;

/** Four mentions a day for `days` days, all about acme. */
function mentions(prefix: string, days: number, from = START): MentionInput[] {
  return Array.from({ length: days * 4 }, (_, i) => ({
    source: 'rss',
    externalId: `${prefix}${i}`,
    url: null,
    author: { handle: `author${i % 7}`, displayName: null, followers: null },
    text: `acme post ${prefix}${i}`,
    publishedAt: new Date(from + Math.floor(i / 4) * DAY + (i % 4) * 5 * 3_600_000),
    engagement: { likes: 0, shares: 0, replies: 0, views: null },
  }));
}

it('groups touched quarters into one range per UTC day', () => {
  const q = (day: number, quarter: number) => START + day * DAY + quarter * QUARTER;
  expect(dayRanges([q(1, 3), q(0, 95), q(0, 2), q(1, 3), q(3, 0)])).toEqual([
    [q(0, 2), q(0, 96)],
    [q(1, 3), q(1, 4)],
    [q(3, 0), q(3, 1)],
  ]);
});

describeEachStore('rollup refresh in short transactions', (open) => {
  it('builds, then refreshes, one day per transaction and moves the watermark with the last one', async () => {
    const store = await open();
    const ws = await workspaceId(store);
    const topic = (await createTopic(store, ws, { name: 'Acme', query: 'acme' })).topic.id;
    const topics = [{ topicId: topic, matches: (m: MentionInput) => m.text.includes('acme') }];
    await ingestBatch(store, ws, mentions('a', DAYS), { enricher: null, topics });

    const built = await refreshRollup(store, ws);
    expect(built.full).toBe(true);
    // Every day of the span, each topic's first authors, the clean-up and the watermark.
    expect(built.chunks).toBeGreaterThanOrEqual(DAYS + 1);

    // New mentions on 5 days: a chunk for each (and for the days written within the watermark's
    // lag, here the first batch's), and the watermark's.
    await ingestBatch(store, ws, mentions('b', 5, START + 3 * DAY), { enricher: null, topics });
    const before = await rollupWatermark(store, ws);
    const refreshed = await refreshRollup(store, ws);
    expect(refreshed.full).toBe(false);
    expect(refreshed.chunks).toBeGreaterThanOrEqual(5 + 1);
    expect(refreshed.chunks).toBeLessThanOrEqual(DAYS + 1);
    expect(await rollupWatermark(store, ws)).toBeGreaterThan(before!);

    const rows = await loadQuarterRows(store, ws, { topicIds: [topic], interval: { from: START, to: START + 30 * DAY } });
    expect(rows.reduce((sum, r) => sum + r.mentions, 0)).toBe((DAYS + 5) * 4);
  });
});
