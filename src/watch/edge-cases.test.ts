/**
 * Loaders on stores with almost nothing in them: an empty topic, a single mention, a day
 * with no data; and a mention near midnight counted on the right local day.
 */
import { beforeAll, expect, it } from 'vitest';
import type { MentionInput } from '../core/mention.ts';
import { ingestBatch } from '../listen/pipeline.ts';
import { createTopic } from '../listen/topics.ts';
import { renderReport } from '../reports/render.ts';
import type { Store } from '../store/store.ts';
import { describeEachStore } from '../store/testing.ts';
import { workspaceId } from '../store/workspaces.ts';
import * as watch from './loaders.ts';
import { refreshRollup } from './rollup.ts';

const one: MentionInput = {
  source: 'mastodon',
  externalId: 'only',
  url: 'https://mastodon.social/@a/1',
  author: { handle: 'a@mastodon.social', displayName: 'A', followers: 10 },
  text: 'solo is great #solo',
  // 23:30 UTC on 28 March = 00:30 on the 29th in Paris, the day clocks go forward.
  publishedAt: new Date('2026-03-28T23:30:00Z'),
  engagement: { likes: 2, shares: 0, replies: 0, views: null },
  lang: 'en',
  sentiment: { label: 'positive', score: 0.8, probabilities: { negative: 0.05, neutral: 0.1, positive: 0.85 } },
};

describeEachStore('watch edge cases', (open) => {
  let store: Store;
  let ws: number;
  let empty: number;
  let solo: number;
  beforeAll(async () => {
    store = await open();
    ws = await workspaceId(store);
    await ingestBatch(store, ws, [one], { enricher: null, topics: [] });
    empty = (await createTopic(store, ws, { name: 'Empty', query: 'nothingmatches', role: 'brand' })).topic.id;
    solo = (await createTopic(store, ws, { name: 'Solo', query: 'solo', role: 'competitor' })).topic.id;
  });
  const march = { first: '2026-03-01', last: '2026-03-31', timeZone: 'Europe/Paris' };

  it('answers every analytic on an empty topic with empty results, not errors', async () => {
    const q = { ...march, topicId: empty };
    const scan = await watch.loadSpikes(store, ws, q);
    expect(scan.series).toHaveLength(31);
    expect(scan.spikes).toEqual([]);
    expect(await watch.loadCrisis(store, ws, q)).toEqual([]);
    expect(await watch.loadAdvocacy(store, ws, q)).toMatchObject({ advocates: [], detractors: [] });
    expect(await watch.loadInfluencers(store, ws, q)).toEqual([]);
    expect(await watch.loadTopContent(store, ws, q)).toEqual([]);
    expect((await watch.loadCampaignShape(store, ws, q)).shape).toBe('no-data');
    expect((await watch.loadBaseline(store, ws, { topicId: empty, date: '2026-03-10', timeZone: 'UTC' })).kpis[0]).toMatchObject({ value: 0, status: 'normal' });
    expect((await watch.loadActivation(store, ws, { topicId: empty, date: '2026-03-10', timeZone: 'UTC' })).hashtags).toEqual([]);
  });

  it('puts a single mention on its local day across the DST change, and in share of voice', async () => {
    const paris = await watch.loadSpikes(store, ws, { ...march, topicId: solo });
    expect(paris.series.find((b) => b.mentions > 0)?.date).toBe('2026-03-29');
    const utc = await watch.loadSpikes(store, ws, { ...march, topicId: solo, timeZone: 'UTC' });
    expect(utc.series.find((b) => b.mentions > 0)?.date).toBe('2026-03-28');
    const hourly = await watch.loadSpikes(store, ws, { topicId: solo, first: '2026-03-29', last: '2026-03-29', timeZone: 'Europe/Paris', granularity: 'hour' });
    expect(hourly.series).toHaveLength(23);
    expect(hourly.series.find((b) => b.mentions > 0)?.label).toBe('2026-03-29 00:00');
    const sov = await watch.loadShareOfVoice(store, ws, { ...march, every: 'day' });
    expect(sov.total.map((t) => [t.name, t.share])).toEqual([['Empty', 0], ['Solo', 1]]);
    expect((await watch.loadBaseline(store, ws, { topicId: solo, date: '2026-03-29', timeZone: 'Europe/Paris' })).day.values).toMatchObject({ mentions: 1, newAuthors: 1, netSentiment: 100 });
  });

  it('renders every report for a day with no data, and rejects a bad time zone by name', async () => {
    for (const kind of ['daily', 'weekly', 'monthly', 'annual'] as const) {
      const report = await renderReport(store, ws, { kind, date: '2026-02-10', topic: 'Solo', lang: 'bg', timeZone: 'Europe/Sofia', format: 'md' });
      expect(report.body).toContain('#');
      expect(report.document.sections.length).toBeGreaterThanOrEqual(3);
    }
    await expect(renderReport(store, ws, { kind: 'daily', timeZone: 'Mars/Base' })).rejects.toThrow(/Mars\/Base/);
    await expect(renderReport(store, ws, { kind: 'daily', topic: 'Nope' })).rejects.toThrow('no topic named "Nope" (this workspace has: Empty, Solo)');
  });

  it('keeps the rollup right when refreshes race and when a mention is re-imported', async () => {
    await Promise.all([refreshRollup(store, ws), refreshRollup(store, ws), refreshRollup(store, ws)]);
    await ingestBatch(store, ws, [{ ...one, engagement: { likes: 50, shares: 5, replies: 1, views: null } }], { enricher: null, topics: [{ topicId: solo, matches: () => true }] });
    const [a, b] = await Promise.all([
      watch.loadSpikes(store, ws, { ...march, topicId: solo, timeZone: 'UTC' }),
      watch.loadSpikes(store, ws, { ...march, topicId: solo, timeZone: 'UTC' }),
    ]);
    const total = (s: typeof a) => s.series.reduce((n, x) => n + x.mentions, 0);
    expect([total(a), total(b)]).toEqual([1, 1]);
    expect(a.series.reduce((n, x) => n + x.likes, 0)).toBe(50);
  });
});
