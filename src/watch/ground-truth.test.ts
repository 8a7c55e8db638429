/**
 * Every Watch analytic finds the sample stream's ground-truth events from the data alone.
 */
import { beforeAll, expect, it } from 'vitest';
import type { Store } from '../store/store.ts';
import { describeEachStore } from '../store/testing.ts';
import { loadAdvocacy, loadCampaignShape, loadCrisis, loadExplainedSpikes, loadShareOfVoice, loadSpikes } from './loaders.ts';
import { renderReport } from '../reports/render.ts';
import { loadSampleStream, type LoadedSample } from './testing.ts';
import { addDays } from './time.ts';

describeEachStore('watch on the sample stream', (open) => {
  let store: Store;
  let sample: LoadedSample;
  let brand: number;
  beforeAll(async () => {
    store = await open();
    sample = await loadSampleStream(store);
    brand = sample.topicIds.get('Brewly')!;
  });
  const gt = () => sample.stream.groundTruth;

  it('finds the crisis on its day and names the viral author as its main cause', async () => {
    const items = await loadCrisis(store, sample.workspaceId, {
      topicId: brand,
      first: addDays(gt().crisis.date, -6),
      last: addDays(gt().crisis.date, 1),
      timeZone: 'UTC',
    });
    const first = items[0]!;
    expect(first.kind).toBe('negative-spike');
    if (first.kind !== 'negative-spike') return;
    expect(first.spike.peakLabel).toBe(gt().crisis.date);
    expect(first.spike.severity).toBe('critical');
    expect(first.cause.main).toMatchObject({ dimension: 'post', author: 'dana_reviews', value: gt().crisis.viralExternalId });
    expect(first.cause.main!.share).toBeGreaterThan(gt().crisis.minShareOfSpike);
    expect(first.evidence[0]!.authorHandle).toBe('dana_reviews');
  });

  it('finds the crisis in the total volume too, in Paris time, with its cause', async () => {
    const explained = await loadExplainedSpikes(store, sample.workspaceId, {
      topicId: brand,
      first: addDays(gt().crisis.date, -3),
      last: addDays(gt().crisis.date, 3),
      timeZone: 'Europe/Paris',
    });
    const rises = explained.filter((e) => e.spike.direction === 'rise');
    expect(rises.map((e) => e.spike.peakLabel)).toEqual([gt().crisis.date]);
    expect(rises[0]!.cause.main?.author).toBe('dana_reviews');
  });

  it('raises no spike on the quiet week', async () => {
    for (const metric of ['mentions', 'negative'] as const) {
      const { spikes, series } = await loadSpikes(store, sample.workspaceId, {
        topicId: brand,
        first: gt().quietWeek.from,
        last: gt().quietWeek.to,
        timeZone: 'UTC',
        metric,
      });
      expect(series).toHaveLength(7);
      expect(spikes).toEqual([]);
    }
  });

  it('classifies the summer hashtag as burst-and-die with its half-life, the baristas programme as growing', async () => {
    const whole = { first: gt().start, last: addDays(gt().start, gt().days - 1), timeZone: 'UTC' };
    const summer = await loadCampaignShape(store, sample.workspaceId, { ...whole, hashtag: gt().burstCampaign.hashtag });
    expect(summer.shape).toBe('burst-and-die');
    expect(summer.peakDate).toBe(gt().burstCampaign.startDate);
    expect(summer.halfLifeDays).toBeGreaterThan(gt().burstCampaign.halfLifeDays * 0.6);
    expect(summer.halfLifeDays).toBeLessThan(gt().burstCampaign.halfLifeDays * 1.5);
    const baristas = await loadCampaignShape(store, sample.workspaceId, { ...whole, hashtag: gt().steadyCampaign.hashtag });
    expect(baristas.shape).toBe('sustained-growth');
    expect(baristas.startDate).toBe(gt().steadyCampaign.startDate);
  });

  it("shows the competitor's launch week in share of voice", async () => {
    const sov = await loadShareOfVoice(store, sample.workspaceId, {
      first: gt().start,
      last: addDays(gt().start, gt().days - 1),
      timeZone: 'UTC',
      every: 'day',
    });
    const kaffio = sov.peaks.find((p) => p.name === gt().competitorLaunch.topic)!;
    expect(kaffio.period >= gt().competitorLaunch.from && kaffio.period <= gt().competitorLaunch.to).toBe(true);
    const share = (day: string) => sov.overTime.find((o) => o.period === day)!.shares.find((s) => s.name === 'Kaffio')!.share;
    expect(share(gt().competitorLaunch.from)).toBeGreaterThan(1.5 * share(addDays(gt().competitorLaunch.from, -14)));
    expect(sov.byChannel.length).toBeGreaterThanOrEqual(4);
    expect(sov.byLanguage.map((l) => l.key)).toContain('it');
  });

  it('ranks the advocates and the detractor, with their networks', async () => {
    const result = await loadAdvocacy(store, sample.workspaceId, {
      topicId: brand,
      first: gt().start,
      last: addDays(gt().start, gt().days - 1),
      timeZone: 'UTC',
    });
    const advocates = result.advocates.slice(0, 5).map((a) => a.handle);
    for (const a of gt().plan.advocates) expect(advocates).toContain(a.handle);
    const lucia = result.advocates.find((a) => a.handle === 'lucia.brews')!;
    expect(lucia.channels).toEqual(['bluesky', 'mastodon']);
    const rina = result.advocates.find((a) => a.handle === 'kopi_kenangan_rina')!;
    expect(rina.absentFrom).toContain('mastodon');
    expect(result.detractors.slice(0, 3).map((d) => d.handle)).toContain('grumpy_joe');
    expect(result.posts['lucia.brews']!.length).toBeGreaterThan(0);
  });

  it('writes the daily report of the crisis day in Italian, as HTML with charts and as PDF', async () => {
    const html = await renderReport(store, sample.workspaceId, { kind: 'daily', date: gt().crisis.date, lang: 'it', timeZone: 'Europe/Rome', format: 'html' });
    const text = String(html.body);
    expect(text).toContain('del volume in più viene dal post di @dana_reviews');
    expect(text).toContain('@dana_reviews');
    expect(text).toContain('<svg');
    expect(html.document.sections.map((s) => [s.id, s.status])).toEqual([
      ['crisis', 'attention'],
      ['spikes', 'attention'],
      ['advocacy', expect.any(String)],
      ['baseline', 'attention'],
    ]);
    const pdf = await renderReport(store, sample.workspaceId, { kind: 'monthly', date: gt().competitorLaunch.from, format: 'pdf' });
    expect((pdf.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.filename).toMatch(/^murmur-monthly-brewly-.*\.pdf$/);
  });
});
