/**
 * Sections more than one report uses: crisis scan, spikes with causes, advocacy,
 * top content, activation.
 */
import { loadActivation, loadAdvocacy, loadCrisis, loadExplainedSpikes, loadTopContent, type ExplainedSpike, type SpikeMetric } from '../../watch/loaders.ts';
import type { Granularity } from '../../watch/series.ts';
import { loadSeries } from '../../watch/read/index.ts';
import { addDays, localDaysInterval } from '../../watch/time.ts';
import type { AuthorStance } from '../../watch/advocates.ts';
import { causeFigures } from '../../watch/figures.ts';
import { volumeChart } from '../charts.ts';
import { causeSentence, period, postCards, spikeSentence, spikeWhen, type ReportContext } from '../context.ts';
import type { Block, Section } from '../document.ts';

/** Spike scans explained once per report: the crisis and the spikes sections both show the negative daily ones. */
const explainedScans = new WeakMap<ReportContext, Map<string, Promise<ExplainedSpike[]>>>();

export function explainedSpikes(c: ReportContext, metric: SpikeMetric, granularity: Granularity): Promise<ExplainedSpike[]> {
  const scans = explainedScans.get(c) ?? new Map<string, Promise<ExplainedSpike[]>>();
  explainedScans.set(c, scans);
  const key = `${metric} ${granularity}`;
  if (!scans.has(key)) scans.set(key, loadExplainedSpikes(c.store, c.workspaceId, { ...period(c), metric, granularity }));
  return scans.get(key)!;
}

export async function crisisSection(c: ReportContext): Promise<Section> {
  const w = c.words;
  // Dismissed items (with their reason) stay in the scan, not in a report.
  const items = (await loadCrisis(c.store, c.workspaceId, period(c), await explainedSpikes(c, 'negative', 'day'))).filter((i) => !i.dismissed);
  const blocks: Block[] = [];
  for (const item of items.slice(0, 5)) {
    if (item.kind === 'negative-spike') {
      const s = item.spike;
      blocks.push({
        type: 'paragraph',
        tone: 'alert',
        text: w.t('crisis.spike', {
          when: spikeWhen(s, c),
          negative: w.count('negativeMentions', item.figures.observed),
          expected: w.number(item.figures.expected),
          severity: w.t(`severity.${s.severity}`),
        }),
      });
      blocks.push({ type: 'paragraph', text: causeSentence(item.figures.cause, w) });
      blocks.push({ type: 'posts', posts: postCards(item.evidence.slice(0, 3), c) });
    } else {
      blocks.push({
        type: 'paragraph',
        tone: 'alert',
        text: `${w.t('crisis.post', { author: item.post.authorHandle, source: item.post.source, reach: w.number(item.reach) })} ${w.t('crisis.postReason', { quantile: w.percent(item.reason.quantile), days: item.reason.days, threshold: w.number(item.reason.threshold) })}`,
      });
      blocks.push({ type: 'posts', posts: postCards([item.post], c) });
    }
  }
  if (items.length === 0) blocks.push({ type: 'paragraph', tone: 'good', text: w.t('crisis.none') });
  return { id: 'crisis', title: w.t('item.crisis'), status: items.length ? 'attention' : 'ok', blocks };
}

const overlap = (a: ExplainedSpike, b: ExplainedSpike) => a.spike.start <= b.spike.end && b.spike.start <= a.spike.end;

/**
 * One entry per event, so an event reads with one set of figures: a rise of negative
 * volume stands for the volume rise of the same days (the crisis is the news), and a daily
 * spike for the hourly spikes inside it.
 */
export function oneEntryPerEvent(explained: ExplainedSpike[]): ExplainedSpike[] {
  const negativeRises = explained.filter((e) => e.spike.granularity === 'day' && e.spike.metric === 'negative' && e.spike.direction === 'rise');
  const daily = explained.filter((e) => e.spike.granularity === 'day');
  return explained.filter((e) => {
    if (e.spike.granularity === 'hour') return !daily.some((d) => d.spike.direction === e.spike.direction && overlap(d, e));
    if (e.spike.metric === 'mentions' && e.spike.direction === 'rise') return !negativeRises.some((n) => overlap(n, e));
    return true;
  });
}

/** Spikes of volume and of negative volume in the period, each traced to its cause. */
export async function spikesSection(c: ReportContext, options: { hourly: boolean; chartDays: number }): Promise<Section> {
  const w = c.words;
  const blocks: Block[] = [];
  const scans = [explainedSpikes(c, 'mentions', 'day'), explainedSpikes(c, 'negative', 'day')];
  if (options.hourly) scans.push(explainedSpikes(c, 'mentions', 'hour'));
  const explained = oneEntryPerEvent((await Promise.all(scans)).flat());
  for (const e of explained) {
    blocks.push({ type: 'paragraph', tone: e.spike.direction === 'rise' && e.spike.metric === 'negative' ? 'alert' : 'neutral', text: spikeSentence(e.spike, e.figures, c) });
    if (e.spike.direction === 'drop') {
      // A drop names what went silent, when something did.
      if (e.figures.cause) blocks.push({ type: 'paragraph', text: causeSentence(e.figures.cause, w) });
    } else {
      blocks.push({ type: 'paragraph', text: causeSentence(e.figures.cause, w) });
      const others = e.cause.causes.filter((x) => x !== e.cause.main && x.dimension !== 'post').slice(0, 3);
      if (others.length) blocks.push({ type: 'paragraph', text: others.map((x) => causeSentence(causeFigures(x), w)).join(' ') });
      blocks.push({ type: 'posts', posts: postCards(e.topPosts.slice(0, 2), c) });
    }
  }
  if (explained.length === 0) blocks.push({ type: 'paragraph', tone: 'good', text: w.t('spike.none') });
  const from = addDays(c.last, -(options.chartDays - 1));
  const series = await loadSeries(c.store, c.workspaceId, {
    topicId: c.topic.id,
    interval: localDaysInterval(from, c.last, c.timeZone),
    timeZone: c.timeZone,
    granularity: 'day',
  });
  blocks.unshift({
    type: 'chart',
    title: w.t('text.volumeChart'),
    option: volumeChart(series, explained.map((e) => e.spike), c.timeZone, {
      total: w.t('kpi.mentions'),
      negative: w.t('text.negative'),
      rise: w.t('spike.rise'),
      drop: w.t('spike.drop'),
    }, w.lang),
  });
  return { id: 'spikes', title: w.t('item.spikes'), status: explained.some((e) => e.spike.direction === 'rise' || e.spike.severity !== 'low') ? 'attention' : 'ok', blocks };
}

function stanceTable(authors: AuthorStance[], stance: 'positive' | 'negative', c: ReportContext): Block {
  const w = c.words;
  return {
    type: 'table',
    columns: [w.t('col.author'), w.t('col.channels'), w.t('col.posts'), w.t('col.reach'), w.t('col.absentFrom')],
    align: ['left', 'left', 'right', 'right', 'left'],
    rows: authors.slice(0, 6).map((a) => [
      `@${a.handle}`,
      a.channels.join(', '),
      w.number(a[stance]),
      w.number(stance === 'positive' ? a.positiveReach : a.negativeReach),
      a.absentFrom.join(', ') || '–',
    ]),
  };
}

export async function advocacySection(c: ReportContext): Promise<Section> {
  const w = c.words;
  const result = await loadAdvocacy(c.store, c.workspaceId, period(c));
  const blocks: Block[] = [];
  for (const [stance, list, title] of [
    ['positive', result.advocates, w.t('text.advocates')],
    ['negative', result.detractors, w.t('text.detractors')],
  ] as const) {
    blocks.push({ type: 'heading', text: title });
    if (list.length === 0) {
      blocks.push({ type: 'paragraph', text: w.t('text.noAuthors') });
      continue;
    }
    blocks.push(stanceTable(list, stance, c));
    const top = list[0]!;
    const posts = result.posts[top.handle] ?? [];
    if (posts.length) blocks.push({ type: 'posts', posts: postCards(posts.slice(0, 1), c) });
  }
  return { id: 'advocacy', title: w.t('item.advocacy'), status: result.detractors.length > result.advocates.length ? 'attention' : 'ok', blocks };
}

export async function topContentSection(c: ReportContext): Promise<Section> {
  const w = c.words;
  const posts = await loadTopContent(c.store, c.workspaceId, { ...period(c), limit: 5 });
  const blocks: Block[] = posts.length ? [{ type: 'posts', posts: postCards(posts, c) }] : [{ type: 'paragraph', text: w.t('text.noContent') }];
  return { id: 'topContent', title: w.t('item.topContent'), status: 'ok', blocks };
}

export async function activationSection(c: ReportContext): Promise<Section> {
  const w = c.words;
  const a = await loadActivation(c.store, c.workspaceId, { topicId: c.topic.id, date: c.date, timeZone: c.timeZone });
  const growth = (g: number | null) => (g == null ? w.t('text.newEntry') : w.signedPercent(g));
  const blocks: Block[] = [
    {
      type: 'metrics',
      items: [
        { label: w.t('text.links'), value: w.number(a.links.links.current), note: growth(a.links.links.growth) },
        { label: w.t('text.videos'), value: w.number(a.links.videos.current), note: growth(a.links.videos.growth) },
      ],
    },
    {
      type: 'table',
      columns: [w.t('col.hashtag'), w.t('col.thisWeek'), w.t('col.lastWeek'), w.t('col.growth')],
      align: ['left', 'right', 'right', 'right'],
      rows: a.hashtags.slice(0, 8).map((h) => [`#${h.key}`, w.number(h.current), w.number(h.previous), growth(h.growth)]),
    },
  ];
  if (a.links.domains.length) {
    blocks.push({
      type: 'table',
      columns: [w.t('col.site'), w.t('col.thisWeek'), w.t('col.lastWeek'), w.t('col.growth')],
      align: ['left', 'right', 'right', 'right'],
      rows: a.links.domains.slice(0, 5).map((d) => [d.key, w.number(d.current), w.number(d.previous), growth(d.growth)]),
    });
  }
  return { id: 'activation', title: w.t('item.activation'), status: 'ok', blocks };
}
