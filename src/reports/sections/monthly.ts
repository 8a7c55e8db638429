/** The monthly checklist: share of voice, reach and awareness against the closest competitors, each campaign's shape over time. */
import { loadCampaignShape, loadShareOfVoice } from '../../watch/loaders.ts';
import { campaignTags } from '../../watch/campaign-shape.ts';
import { countMentions, countNewAuthors, loadHashtagCounts, loadQuarterRows } from '../../watch/read/index.ts';
import { netSentiment, notSureShare, totalOf } from '../../watch/series.ts';
import { localDaysInterval } from '../../watch/time.ts';
import { linesChart } from '../charts.ts';
import { netSentimentCell, type ReportContext } from '../context.ts';
import type { Block, Section } from '../document.ts';
import { crisisSection, spikesSection } from './shared.ts';

function compared(c: ReportContext) {
  return [c.topic, ...c.competitors].map((t) => t.id);
}

export async function sovSection(c: ReportContext): Promise<Section> {
  const w = c.words;
  const sov = await loadShareOfVoice(c.store, c.workspaceId, { first: c.first, last: c.last, timeZone: c.timeZone, topicIds: compared(c), every: 'week' });
  const blocks: Block[] = [];
  const leader = [...sov.total].sort((a, b) => b.share - a.share)[0];
  if (leader && leader.mentions > 0) blocks.push({ type: 'paragraph', text: w.t('text.leader', { topic: leader.name, share: w.percent(leader.share) }) });
  for (const peak of sov.peaks.filter((p) => p.topicId !== c.topic.id && p.period)) {
    const mean = sov.total.find((t) => t.topicId === peak.topicId)!.share;
    if (peak.share - mean >= 0.05) {
      blocks.push({ type: 'paragraph', tone: 'alert', text: w.t('text.launchPeak', { topic: peak.name, period: w.dateKey(peak.period), share: w.percent(peak.share) }) });
    }
  }
  blocks.push({
    type: 'chart',
    title: w.t('text.sovChart'),
    option: linesChart(
      sov.overTime.map((o) => o.period),
      sov.topics.map((t) => ({ name: t.name, data: sov.overTime.map((o) => o.shares.find((s) => s.topicId === t.id)!.share) })),
      w.lang,
      { percent: true },
    ),
  });
  blocks.push({
    type: 'table',
    columns: [w.t('col.topic'), w.t('col.mentions'), w.t('col.share'), w.t('col.reachShare')],
    align: ['left', 'right', 'right', 'right'],
    rows: sov.total.map((s) => [s.name, w.number(s.mentions), w.percent(s.share), w.percent(s.reachShare)]),
  });
  blocks.push({
    type: 'table',
    columns: [w.t('col.channel'), ...sov.topics.map((t) => t.name)],
    align: ['left', ...sov.topics.map(() => 'right' as const)],
    rows: sov.byChannel.map((g) => [g.key, ...g.shares.map((s) => w.percent(s.share))]),
  });
  blocks.push({
    type: 'table',
    columns: [w.t('col.language'), ...sov.topics.map((t) => t.name)],
    align: ['left', ...sov.topics.map(() => 'right' as const)],
    rows: sov.byLanguage.slice(0, 8).map((g) => [w.language(g.key), ...g.shares.map((s) => w.percent(s.share))]),
  });
  const brand = sov.total.find((s) => s.topicId === c.topic.id);
  return { id: 'sov', title: w.t('item.sov'), status: brand && leader && brand.topicId !== leader.topicId ? 'attention' : 'ok', blocks };
}

export async function reachSection(c: ReportContext): Promise<Section> {
  const w = c.words;
  const interval = localDaysInterval(c.first, c.last, c.timeZone);
  const topics = [c.topic, ...c.competitors];
  const rows = await loadQuarterRows(c.store, c.workspaceId, { topicIds: topics.map((t) => t.id), interval });
  const newAuthors = await Promise.all(topics.map((t) => countNewAuthors(c.store, c.workspaceId, t.id, interval)));
  const table = topics.map((t, i) => {
    const total = totalOf(rows.filter((r) => r.topicId === t.id));
    return [t.name, w.number(total.reach), w.number(total.likes + total.shares + total.replies), w.number(newAuthors[i]!), netSentimentCell(netSentiment(total), notSureShare(total), w)];
  });
  return {
    id: 'reach',
    title: w.t('item.reach'),
    status: 'ok',
    blocks: [
      {
        type: 'table',
        columns: [w.t('col.topic'), w.t('col.reach'), w.t('kpi.engagement'), w.t('text.newAuthors'), w.t('col.sentiment')],
        align: ['left', 'right', 'right', 'right', 'right'],
        rows: table,
      },
    ],
  };
}

/** Campaign hashtags of the period (campaignTags: not the brand's own name, not a crisis tag). */
export async function campaignHashtags(c: ReportContext, limit: number): Promise<string[]> {
  const interval = localDaysInterval(c.first, c.last, c.timeZone);
  const names = new Set([c.topic, ...c.competitors].map((t) => t.name.toLowerCase()));
  const [tags, all, negative] = await Promise.all([
    loadHashtagCounts(c.store, c.workspaceId, c.topic.id, interval, 30),
    countMentions(c.store, c.topic.id, interval),
    countMentions(c.store, c.topic.id, interval, 'negative'),
  ]);
  return campaignTags(tags, names, c.topic.name, all ? negative / all : 0, limit);
}

export async function campaignsSection(c: ReportContext): Promise<Section> {
  const w = c.words;
  const tags = await campaignHashtags(c, 5);
  if (tags.length === 0) return { id: 'campaigns', title: w.t('item.campaigns'), status: 'ok', blocks: [{ type: 'paragraph', text: w.t('text.noCampaign') }] };
  const curves = await Promise.all(tags.map((hashtag) => loadCampaignShape(c.store, c.workspaceId, { first: c.first, last: c.last, timeZone: c.timeZone, hashtag })));
  const dates = curves[0]!.series.map((p) => p.date);
  return {
    id: 'campaigns',
    title: w.t('item.campaigns'),
    status: 'ok',
    blocks: [
      { type: 'chart', title: w.t('text.campaignChart'), option: linesChart(dates, curves.map((cv, i) => ({ name: `#${tags[i]}`, data: cv.series.map((p) => p.mentions) })), w.lang) },
      {
        type: 'table',
        columns: [w.t('col.hashtag'), w.t('col.mentions'), w.t('col.shape'), w.t('col.peak'), w.t('col.halfLife')],
        align: ['left', 'right', 'left', 'right', 'right'],
        rows: curves.map((cv, i) => [
          `#${tags[i]}`,
          w.number(cv.total),
          w.t(`shape.${cv.shape}`),
          cv.peakDate ? `${w.dateKey(cv.peakDate, { day: 'numeric', month: 'short' })} (${w.number(cv.peak)})` : '–',
          cv.halfLifeDays == null ? '–' : w.count('days', cv.halfLifeDays, 1),
        ]),
      },
    ],
  };
}

export async function monthlySections(c: ReportContext): Promise<Section[]> {
  // The month's crises and spikes first: a month is not "all clear" because its checklist items are.
  return [await crisisSection(c), await spikesSection(c, { hourly: false, chartDays: 31 }), await sovSection(c), await reachSection(c), await campaignsSection(c)];
}
