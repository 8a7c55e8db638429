import { expect, it } from 'vitest';
import { addCampaign } from '../roi/campaigns.ts';
import { createLink, recordClick } from '../roi/links.ts';
import { ingestCrmEvents } from '../roi/webhook.ts';
import { describeEachStore } from '../store/testing.ts';
import { measureMetric } from './measure.ts';
import { createTopic, storeMentions } from './test-fixtures.ts';
import { ValidationError } from '../core/validation.ts';

const MARCH = { from: Date.parse('2026-03-01T00:00:00Z'), to: Date.parse('2026-04-01T00:00:00Z') };

describeEachStore('KPI metrics measured from the store', (open) => {
  it('measures mentions, engagement, net sentiment and share of voice from mentions', async () => {
    const store = await open();
    const brand = await createTopic(store, 1, 'brand');
    const rival = await createTopic(store, 1, 'rival', 'competitor');
    await storeMentions(store, 1, brand, [
      { at: '2026-03-02', count: 6, sentiment: 'positive' },
      { at: '2026-03-03', count: 2, sentiment: 'negative', source: 'reddit' },
      { at: '2026-03-04', count: 2, sentiment: 'neutral' },
      { at: '2026-04-02', count: 50 },
    ]);
    await storeMentions(store, 1, rival, [{ at: '2026-03-05', count: 30 }]);
    const m = (metric: Parameters<typeof measureMetric>[2], scope = {}) => measureMetric(store, 1, metric, scope, MARCH);
    expect(await m('mentions', { topic: 'brand' })).toBe(10);
    expect(await m('mentions', { topic: 'brand', source: 'reddit' })).toBe(2);
    // Each stored mention has 2 likes and 1 share.
    expect(await m('engagement', { topic: 'brand' })).toBe(30);
    // (6 positive − 2 negative) / 10 labelled = 40 points.
    expect(await m('net_sentiment', { topic: 'brand' })).toBe(40);
    // 10 brand of 40 brand + competitor mentions.
    expect(await m('share_of_voice')).toBe(25);
    expect(await m('share_of_voice', { topic: 'rival' })).toBe(75);
    await expect(m('mentions', { topic: 'nope' })).rejects.toThrow(/scope\.topic: no topic named "nope"/);
    await expect(m('followers' as never)).rejects.toThrow(ValidationError);
  });

  it('measures clicks, leads, conversions and revenue from the ROI tables', async () => {
    const store = await open();
    await addCampaign(store, 1, { name: 'Spring', channel: 'mastodon', start: '2026-03-01' });
    const link = await createLink(store, 1, { campaign: 'spring', url: 'https://x.example/', source: 'mastodon', medium: 'social' });
    for (const day of [2, 3, 3, 40]) await recordClick(store, link.code, MARCH.from + day * 86_400_000);
    await ingestCrmEvents(store, 1, {
      events: [
        { eventId: 'a', stage: 'lead', occurredAt: '2026-03-02', utmCampaign: 'spring' },
        { eventId: 'b', stage: 'sale', occurredAt: '2026-03-09', utmCampaign: 'spring', revenue: 120 },
        { eventId: 'c', stage: 'sale', occurredAt: '2026-03-10', revenue: 30 },
        { eventId: 'd', stage: 'sale', occurredAt: '2026-04-10', utmCampaign: 'spring', revenue: 999 },
      ],
    });
    const m = (metric: Parameters<typeof measureMetric>[2], scope = {}) => measureMetric(store, 1, metric, scope, MARCH);
    expect(await m('clicks')).toBe(3);
    expect(await m('leads')).toBe(1);
    expect(await m('conversions')).toBe(2);
    expect(await m('revenue')).toBe(150);
    expect(await m('revenue', { campaign: 'spring' })).toBe(120);
  });
});
