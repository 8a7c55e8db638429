import { expect, it } from 'vitest';
import { ingestBatch } from '../listen/pipeline.ts';
import { describeEachStore } from '../store/testing.ts';
import { workspaceId } from '../store/workspaces.ts';
import { generateSampleStream } from './sample-stream.ts';
import { summarizeStore } from './summary.ts';

describeEachStore('store summary', (open) => {
  it('counts a sample week by language, source, sentiment and Monday-based week', async () => {
    const store = await open();
    const ws = await workspaceId(store);
    const { mentions } = generateSampleStream({ days: 8, scale: 0.05 });
    await ingestBatch(store, ws, mentions, { enricher: null, topics: [] });
    const summary = await summarizeStore(store, ws);

    expect(summary.total).toBe(mentions.length);
    const count = (rows: { key: string; count: number }[], key: string) => rows.find((r) => r.key === key)?.count ?? 0;
    expect(count(summary.byLanguage, 'en')).toBe(mentions.filter((m) => m.lang === 'en').length);
    expect(count(summary.bySource, 'reddit')).toBe(mentions.filter((m) => m.source === 'reddit').length);
    expect(count(summary.bySentiment, 'negative')).toBe(mentions.filter((m) => m.sentiment?.label === 'negative').length);
    // 2026-08-03 is a Monday: 7 days in the first week, 1 in the next.
    expect(summary.byWeek.map((w) => w.key)).toEqual(['2026-08-03', '2026-08-10']);
    expect(summary.byWeek.reduce((sum, w) => sum + w.count, 0)).toBe(mentions.length);
  });
});
