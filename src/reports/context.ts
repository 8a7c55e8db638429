/**
 * What every report section shares: the store, the topic and its competitors, the period
 * in the user's time zone, and the words of the user's language.
 */
import type { Topic } from '../core/mention.ts';
import type { Store } from '../store/store.ts';
import type { Post } from '../watch/read/model.ts';
import type { CauseFigures, SpikeFigures } from '../watch/figures.ts';
import type { TopicSpike } from '../watch/loaders.ts';
import { totalOf, netSentiment, negativeShare, notSureShare, type SeriesBucket } from '../watch/series.ts';
import { wholePercent } from '../watch/figures.ts';
import { dateKeysBetween, localDateKey, type DateKey } from '../watch/time.ts';
import type { Block, PostCard } from './document.ts';
import type { Words } from '../core/i18n.ts';

export interface ReportContext {
  store: Store;
  workspaceId: number;
  words: Words;
  timeZone: string;
  topic: Topic;
  competitors: Topic[];
  /** The date the report is about, and the period it covers. */
  date: DateKey;
  first: DateKey;
  last: DateKey;
  /** The days of the period the topic has data for (first to last day with mentions); null with none. */
  covered: { first: DateKey; last: DateKey } | null;
}

/** The days of [first, last] that hold data: what a per-day comparison divides by. */
export function coveredDays(c: Pick<ReportContext, 'covered'>, first: DateKey, last: DateKey): number {
  if (!c.covered) return 0;
  const from = first > c.covered.first ? first : c.covered.first;
  const to = last < c.covered.last ? last : c.covered.last;
  return to < from ? 0 : dateKeysBetween(from, to).length;
}

/** The days of the period with data, from the daily series: from its first to its last day with mentions. */
export function coverageOf(series: SeriesBucket[]): { first: DateKey; last: DateKey } | null {
  const days = series.filter((b) => b.mentions > 0);
  return days.length ? { first: days[0]!.date, last: days[days.length - 1]!.date } : null;
}

export const period = (c: ReportContext) => ({ topicId: c.topic.id, first: c.first, last: c.last, timeZone: c.timeZone });

export function postCards(posts: Post[], c: ReportContext): PostCard[] {
  return posts.map((p) => ({
    author: p.authorName && p.authorName !== p.authorHandle ? `${p.authorName} (@${p.authorHandle})` : `@${p.authorHandle}`,
    source: p.source,
    url: p.url,
    when: c.words.date(p.publishedAt, c.timeZone),
    text: p.text.length > 280 ? `${p.text.slice(0, 277)}…` : p.text,
    // Words, not ♥ ↻ 💬: a PDF rendered without an emoji font shows those as empty boxes.
    engagement: [c.words.count('likes', p.likes), c.words.count('shares', p.shares), c.words.count('replies', p.replies)].join(' · '),
    sentiment: p.sentiment,
  }));
}

// Alerts and the CLI phrase a cause too: the sentence lives with the analytic.
export { causeSentence } from '../watch/cause-sentence.ts';

/** When a spike happened: a date, or a date and hours for hourly spikes. */
export function spikeWhen(spike: TopicSpike, c: ReportContext): string {
  const startDay = localDateKey(spike.start, c.timeZone);
  const endDay = localDateKey(spike.end, c.timeZone);
  if (spike.granularity === 'hour') {
    const from = c.words.date(spike.start, c.timeZone, { dateStyle: 'medium', timeStyle: 'short' });
    const to = c.words.date(spike.end + 3_600_000, c.timeZone, { timeStyle: 'short' });
    return `${from}–${to}`;
  }
  return startDay === endDay ? c.words.dateKey(startDay) : `${c.words.dateKey(startDay)} – ${c.words.dateKey(endDay)}`;
}

export function spikeSentence(spike: TopicSpike, figures: SpikeFigures, c: ReportContext): string {
  const w = c.words;
  return w.t('spike.line', {
    direction: w.t(`spike.${spike.direction}`),
    metric: w.t(`spike.${spike.metric}`),
    when: spikeWhen(spike, c),
    value: w.number(figures.observed),
    expected: w.number(figures.expected),
    ratio: `×${w.number(figures.ratio, 1)}, ${w.t(`severity.${spike.severity}`)}`,
  });
}

/** "12 % not sure", shown beside a net sentiment (docs/figures.md); null when no mention has a sentiment. */
export const notSureNote = (share: number | null, words: Words): string | null => (share == null ? null : words.t('text.notSure', { percent: wholePercent(share) }));

/** A net sentiment in a table cell, its not-sure share beside it: "+12 (31 % not sure)"; '–' when there is none. */
export function netSentimentCell(net: number | null, notSure: number | null, words: Words): string {
  if (net == null) return '–';
  const note = notSureNote(notSure, words);
  return note ? `${words.number(net)} (${note})` : words.number(net);
}

/** Headline figures of a period from its daily series. */
export function headlineOf(series: SeriesBucket[], c: ReportContext): Extract<Block, { type: 'metrics' }> {
  const w = c.words;
  const total = totalOf(series);
  const net = netSentiment(total);
  const neg = negativeShare(total);
  const unsure = notSureNote(notSureShare(total), w);
  return {
    type: 'metrics',
    items: [
      { label: w.t('kpi.mentions'), value: w.number(total.mentions) },
      { label: w.t('kpi.netSentiment'), value: net == null ? '–' : w.number(net), tone: net == null ? 'neutral' : net >= 0 ? 'good' : 'alert', ...(unsure ? { note: unsure } : {}) },
      { label: w.t('kpi.negativeShare'), value: neg == null ? '–' : w.percent(neg) },
      { label: w.t('col.reach'), value: w.number(total.reach) },
      { label: w.t('kpi.engagement'), value: w.number(total.likes + total.shares + total.replies) },
    ],
  };
}

export const signedNumber = (n: number, words: Words, digits = 0) => (n > 0 ? '+' : '') + words.number(n, digits);
