/**
 * The Watch part of `murmur demo`: what the analytics find in the sample stream on their
 * own (the crisis and its cause, the campaigns' shapes, the competitor's launch week, the
 * advocates), then the four checklist reports written next to the demo store.
 */
import type { DemoStep } from '../demo/demo-step.ts';
import { wordsFor } from '../core/i18n.ts';
import type { Store } from '../store/store.ts';
import { causeSentence } from './cause-sentence.ts';
import { setupDemoAlerts } from './alerts/demo-setup.ts';
import { loadAdvocacy, loadCampaignShape, loadCrisis, loadShareOfVoice } from './loaders.ts';
import { campaignTags } from './campaign-shape.ts';
import { countMentions, loadHashtagCounts } from './read/index.ts';
import { addDays, localDaysInterval } from './time.ts';

/** Writes the checklist reports of a day; given by the demo (src/reports/demo-reports.ts), as reports sit above Watch. */
export type WriteReports = (request: { store: Store; workspaceId: number; date: string; topicId: number; timeZone: string }) => Promise<string[]>;

export function watchDemoStep(options: { writeReports: WriteReports; timeZone?: string }): DemoStep {
  return async ({ store, workspaceId, stream, topicIds }) => {
    const timeZone = options.timeZone ?? 'UTC';
    const first = stream.groundTruth.start;
    const last = addDays(first, stream.groundTruth.days - 1);
    const brandName = stream.topics.find((t) => t.role === 'brand')!.name;
    const brand = topicIds.get(brandName)!;
    const words = await wordsFor('en');
    const lines: string[] = [];

    const crisis = await loadCrisis(store, workspaceId, { topicId: brand, first, last, timeZone });
    const spikes = crisis.filter((c) => c.kind === 'negative-spike');
    for (const item of spikes.slice(0, 2)) {
      if (item.kind !== 'negative-spike') continue;
      lines.push(`  Crisis: negative spike on ${item.spike.peakLabel} (${item.spike.severity}), ${item.figures.observed} negative mentions where ${item.figures.expected} are normal`);
      lines.push(`    ${causeSentence(item.figures.cause, words)}`);
      const top = item.evidence[0];
      if (top) lines.push(`    e.g. @${top.authorHandle}: ${top.text.slice(0, 90)}`);
    }

    const period = localDaysInterval(first, last, timeZone);
    const [tags, all, negative] = await Promise.all([loadHashtagCounts(store, workspaceId, brand, period, 30), countMentions(store, brand, period), countMentions(store, brand, period, 'negative')]);
    const names = new Set(stream.topics.map((t) => t.name.toLowerCase()));
    const campaigns = [];
    for (const tag of campaignTags(tags, names, brandName, all ? negative / all : 0, 3)) {
      const shape = await loadCampaignShape(store, workspaceId, { first, last, timeZone, hashtag: tag });
      campaigns.push({ tag, shape: shape.shape, peakDate: shape.peakDate, halfLifeDays: shape.halfLifeDays, weeklyGrowth: shape.weeklyGrowth });
      lines.push(
        `  Campaign #${tag}: ${shape.shape}${shape.halfLifeDays != null ? `, half-life ${shape.halfLifeDays.toFixed(1)} days after its peak on ${shape.peakDate}` : `, ${Math.round(shape.weeklyGrowth * 100)} % a week since ${shape.startDate}`}`,
      );
    }

    const sov = await loadShareOfVoice(store, workspaceId, { first, last, timeZone, every: 'week' });
    for (const peak of sov.peaks) {
      const mean = sov.total.find((t) => t.topicId === peak.topicId)!.share;
      if (peak.share - mean >= 0.05) lines.push(`  Share of voice: ${peak.name} peaked the week of ${peak.period} at ${Math.round(peak.share * 100)} % (usually ${Math.round(mean * 100)} %)`);
    }

    const advocacy = await loadAdvocacy(store, workspaceId, { topicId: brand, first, last, timeZone, limit: 3 });
    lines.push(`  Advocates: ${advocacy.advocates.map((a) => `@${a.handle} (${a.channels.join('+')})`).join(', ')}`);
    lines.push(`  Detractors: ${advocacy.detractors.map((a) => `@${a.handle} (${a.channels.join('+')})`).join(', ')}`);

    const crisisDay = spikes[0]?.kind === 'negative-spike' ? spikes[0].spike.peakLabel : last;
    const alerts = await setupDemoAlerts(store, workspaceId, brand, crisisDay.slice(0, 10), timeZone);
    lines.push(`  Alerts: ${alerts.rules} rules shown in the dashboard; on ${crisisDay.slice(0, 10)}: ${alerts.alerts.map((a) => a.title).join('; ') || 'none'}`);
    const files = await options.writeReports({ store, workspaceId, date: crisisDay, topicId: brand, timeZone });
    lines.push(`  Reports: ${files.join(', ')}`);
    return {
      title: 'Watch: what the analytics found',
      lines,
      data: { alerts: alerts.alerts.map((a) => a.title), crisis: spikes.map((s) => s.kind === 'negative-spike' && { peak: s.spike.peakLabel, severity: s.spike.severity, cause: s.cause.main }), campaigns, sovPeaks: sov.peaks, advocates: advocacy.advocates.map((a) => a.handle), detractors: advocacy.detractors.map((a) => a.handle), reports: files },
    };
  };
}
