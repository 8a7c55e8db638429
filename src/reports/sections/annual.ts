/**
 * The annual checklist: what worked and what did not per channel and tactic (keep / drop),
 * the channel mix, audience shifts.
 */
import { loadCampaignShape } from '../../watch/loaders.ts';
import { countNewAuthors, loadBreakdown, loadQuarterRows } from '../../watch/read/index.ts';
import { engagementOf, netSentiment, notSureShare, type Measures } from '../../watch/series.ts';
import { addDays, dateKey, localDaysInterval, localDateKey, parseDateKey } from '../../watch/time.ts';
import { median } from '../../watch/esd.ts';
import { linesChart } from '../charts.ts';
import { coveredDays, netSentimentCell, type ReportContext } from '../context.ts';
import type { Block, Section } from '../document.ts';
import { campaignHashtags } from './monthly.ts';
import { crisisSection, spikesSection } from './shared.ts';

export type Verdict = 'keep' | 'drop' | 'watch';

/**
 * A channel is kept when it holds or grows and its posts engage at least as well as the
 * median channel; dropped when it shrinks and engages below the median; watched otherwise.
 */
export function channelVerdict(perPost: number, medianPerPost: number, growth: number | null, sentiment: number | null): Verdict {
  const growing = growth == null || growth >= -0.05;
  if (growing && perPost >= medianPerPost && (sentiment ?? 0) >= -20) return 'keep';
  if (!growing && perPost < medianPerPost) return 'drop';
  return 'watch';
}

/** The quarters of the year (local dates) that hold data, first and last. */
function quarters(year: number): { first: string; last: string }[] {
  return [0, 1, 2, 3].map((q) => ({ first: dateKey(year, q * 3 + 1, 1), last: addDays(q === 3 ? dateKey(year + 1, 1, 1) : dateKey(year, q * 3 + 4, 1), -1) }));
}

async function halves(c: ReportContext, by: 'source' | 'lang') {
  const year = parseDateKey(c.first).year;
  const h1 = localDaysInterval(dateKey(year, 1, 1), dateKey(year, 6, 30), c.timeZone);
  const h2 = localDaysInterval(dateKey(year, 7, 1), dateKey(year, 12, 31), c.timeZone);
  const [first, second] = await Promise.all([
    loadBreakdown(c.store, c.workspaceId, c.topic.id, h1, by),
    loadBreakdown(c.store, c.workspaceId, c.topic.id, h2, by),
  ]);
  return { first: new Map(first.map((r) => [r.key, r.measures])), second: new Map(second.map((r) => [r.key, r.measures])) };
}

export async function channelsSection(c: ReportContext): Promise<Section> {
  const w = c.words;
  const year = await loadBreakdown(c.store, c.workspaceId, c.topic.id, localDaysInterval(c.first, c.last, c.timeZone), 'source');
  const { first, second } = await halves(c, 'source');
  const y = parseDateKey(c.first).year;
  const halfDays = { first: coveredDays(c, dateKey(y, 1, 1), dateKey(y, 6, 30)), second: coveredDays(c, dateKey(y, 7, 1), dateKey(y, 12, 31)) };
  const perPost = (m: Measures) => (m.mentions ? engagementOf(m) / m.mentions : 0);
  const medianPerPost = median(year.map((r) => perPost(r.measures)));
  // Growth is only meaningful when both halves hold data.
  const bothHalves = [...first.values()].some((m) => m.mentions > 0) && [...second.values()].some((m) => m.mentions > 0);
  const rows = year.map((r) => {
    // Per day of data: a half with one month of data is not a collapse.
    const a = (first.get(r.key)?.mentions ?? 0) / Math.max(1, halfDays.first);
    const b = (second.get(r.key)?.mentions ?? 0) / Math.max(1, halfDays.second);
    const growth = bothHalves && a > 0 ? b / a - 1 : null;
    const net = netSentiment(r.measures);
    const verdict = channelVerdict(perPost(r.measures), medianPerPost, growth, net);
    return [r.key, w.number(r.measures.mentions), w.number(perPost(r.measures), 1), netSentimentCell(net, notSureShare(r.measures), w), growth == null ? '–' : w.signedPercent(growth), w.t(`verdict.${verdict}`)];
  });
  const blocks: Block[] = [
    {
      type: 'table',
      columns: [w.t('col.channel'), w.t('col.mentions'), w.t('col.perPost'), w.t('col.sentiment'), w.t('col.trend'), w.t('col.verdict')],
      align: ['left', 'right', 'right', 'right', 'right', 'left'],
      rows,
    },
  ];
  // Tactics: the year's campaign hashtags and how each one's curve went.
  const tags = await campaignHashtags(c, 6);
  if (tags.length) {
    const curves = await Promise.all(tags.map((hashtag) => loadCampaignShape(c.store, c.workspaceId, { first: c.first, last: c.last, timeZone: c.timeZone, hashtag })));
    blocks.push({
      type: 'table',
      columns: [w.t('col.hashtag'), w.t('col.mentions'), w.t('col.shape'), w.t('col.halfLife'), w.t('col.verdict')],
      align: ['left', 'right', 'left', 'right', 'left'],
      rows: curves.map((cv, i) => {
        const verdict: Verdict = cv.shape === 'sustained-growth' || cv.shape === 'steady' ? 'keep' : cv.shape === 'burst-and-die' || cv.shape === 'declining' ? 'drop' : 'watch';
        return [`#${tags[i]}`, w.number(cv.total), w.t(`shape.${cv.shape}`), cv.halfLifeDays == null ? '–' : w.count('days', cv.halfLifeDays, 1), w.t(`verdict.${verdict}`)];
      }),
    });
  }
  return { id: 'channels', title: w.t('item.channels'), status: rows.some((r) => r[5] === w.t('verdict.drop')) ? 'attention' : 'ok', blocks };
}

export async function channelMixSection(c: ReportContext): Promise<Section> {
  const w = c.words;
  const interval = localDaysInterval(c.first, c.last, c.timeZone);
  const rows = await loadQuarterRows(c.store, c.workspaceId, { topicIds: [c.topic.id], interval, by: 'source' });
  // Monthly shares per channel, so a channel growing inside the mix is visible.
  const months = new Map<string, Map<string, number>>();
  const channels = new Map<string, number>();
  const monthOf = new Map<number, string>();
  for (const r of rows) {
    let m = monthOf.get(r.bucket);
    if (!m) {
      m = localDateKey(r.bucket, c.timeZone).slice(0, 7);
      monthOf.set(r.bucket, m);
    }
    const perChannel = months.get(m) ?? new Map<string, number>();
    perChannel.set(r.source!, (perChannel.get(r.source!) ?? 0) + r.mentions);
    months.set(m, perChannel);
    channels.set(r.source!, (channels.get(r.source!) ?? 0) + r.mentions);
  }
  const ordered = [...months.keys()].sort();
  const names = [...channels.entries()].sort((a, b) => b[1] - a[1]).map(([k]) => k);
  const total = [...channels.values()].reduce((a, b) => a + b, 0);
  const share = (m: Map<string, number>, ch: string) => {
    const sum = [...m.values()].reduce((a, b) => a + b, 0);
    return sum ? (m.get(ch) ?? 0) / sum : 0;
  };
  const blocks: Block[] = [
    {
      type: 'chart',
      title: w.t('text.channelChart'),
      option: linesChart(
        ordered.map((m) => `${m}-01`),
        names.map((ch) => ({ name: ch, data: ordered.map((m) => share(months.get(m)!, ch)) })),
        w.lang,
        { percent: true, unit: 'month' },
      ),
    },
    {
      type: 'table',
      columns: [w.t('col.channel'), w.t('col.mentions'), w.t('col.share')],
      align: ['left', 'right', 'right'],
      rows: names.map((ch) => [ch, w.number(channels.get(ch)!), w.percent(total ? channels.get(ch)! / total : 0)]),
    },
  ];
  return { id: 'channelMix', title: w.t('item.channelMix'), status: 'ok', blocks };
}

export async function audienceSection(c: ReportContext): Promise<Section> {
  const w = c.words;
  const year = parseDateKey(c.first).year;
  const perQuarter = await Promise.all(
    quarters(year).map(async (q) => {
      const interval = localDaysInterval(q.first, q.last, c.timeZone);
      const [langs, newAuthors] = await Promise.all([
        loadBreakdown(c.store, c.workspaceId, c.topic.id, interval, 'lang'),
        countNewAuthors(c.store, c.workspaceId, c.topic.id, interval),
      ]);
      return { q, langs, newAuthors, days: coveredDays(c, q.first, q.last), mentions: langs.reduce((a, l) => a + l.measures.mentions, 0) };
    }),
  );
  const withData = perQuarter.filter((p) => p.mentions > 0);
  if (withData.length === 0) return { id: 'audience', title: w.t('item.audience'), status: 'ok', blocks: [{ type: 'paragraph', text: w.t('text.none') }] };
  const firstQ = withData[0]!;
  const lastQ = withData[withData.length - 1]!;
  const shareIn = (p: typeof firstQ, lang: string) => (p.mentions ? (p.langs.find((l) => l.key === lang)?.measures.mentions ?? 0) / p.mentions : 0);
  const langs = [...new Set([...firstQ.langs, ...lastQ.langs].map((l) => l.key))]
    .map((lang) => ({ lang, a: shareIn(firstQ, lang), b: shareIn(lastQ, lang) }))
    .sort((x, y) => y.b - x.b)
    .slice(0, 8);
  const quarterLabel = (q: { first: string }) => `Q${Math.floor((parseDateKey(q.first).month - 1) / 3) + 1} ${year}`;
  return {
    id: 'audience',
    title: w.t('item.audience'),
    status: 'ok',
    blocks: [
      {
        type: 'metrics',
        // Per day of data, so a quarter with one month of data compares with a full one.
        items: withData.map((p) => ({ label: `${w.t('perDay', { label: w.t('text.newAuthors'), days: p.days })} · ${quarterLabel(p.q)}`, value: w.number(p.newAuthors / Math.max(1, p.days), 1) })),
      },
      {
        type: 'table',
        columns: [w.t('col.language'), `${w.t('col.firstQuarter')} (${quarterLabel(firstQ.q)})`, `${w.t('col.lastQuarter')} (${quarterLabel(lastQ.q)})`, w.t('col.change')],
        align: ['left', 'right', 'right', 'right'],
        rows: langs.map((l) => [w.language(l.lang), w.percent(l.a, 1), w.percent(l.b, 1), `${l.b - l.a >= 0 ? '+' : ''}${w.number((l.b - l.a) * 100, 1)} pt`]),
      },
    ],
  };
}

export async function annualSections(c: ReportContext): Promise<Section[]> {
  return [await crisisSection(c), await spikesSection(c, { hourly: false, chartDays: 366 }), await channelsSection(c), await channelMixSection(c), await audienceSection(c)];
}
