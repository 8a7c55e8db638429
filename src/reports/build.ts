/**
 * Builds a checklist report as data: picks the period from the kind and the date, the
 * topic (default: the first brand topic) and its competitors, and fills every section.
 */
import type { Store } from '../store/store.ts';
import { pickTopic } from '../core/topic-ref.ts';
import { readFresh } from '../watch/rollup.ts';
import { listTopics, loadSeries } from '../watch/read/index.ts';
import { assertTimeZone, localDateKey, localDaysInterval, periodContaining, type DateKey } from '../watch/time.ts';
import { coverageOf, coveredDays, headlineOf, type ReportContext } from './context.ts';
import type { ReportDocument, ReportKind, Section } from './document.ts';
import { wordsFor, type ReportLang } from '../core/i18n.ts';
import { annualSections } from './sections/annual.ts';
import { dailySections } from './sections/daily.ts';
import { monthlySections } from './sections/monthly.ts';
import { weeklySections } from './sections/weekly.ts';

export interface ReportOptions {
  kind: ReportKind;
  /** A day inside the period to report on (local date); default: yesterday. */
  date?: DateKey;
  /** Topic id or name; default: the first brand topic. */
  topic?: number | string;
  lang?: ReportLang;
  timeZone?: string;
  /** "Now", for the default date and the generation stamp. */
  now?: Date;
}

const PERIOD_OF: Record<ReportKind, 'day' | 'week' | 'month' | 'year'> = { daily: 'day', weekly: 'week', monthly: 'month', annual: 'year' };
const SECTIONS: Record<ReportKind, (c: ReportContext) => Promise<Section[]>> = {
  daily: dailySections,
  weekly: weeklySections,
  monthly: monthlySections,
  annual: annualSections,
};

/** Builds a report document; the rollup's freshness is checked once for all its sections (readFresh). */
export function buildReport(store: Store, workspaceId: number, options: ReportOptions): Promise<ReportDocument> {
  return readFresh(store, workspaceId, () => build(store, workspaceId, options));
}

async function build(store: Store, workspaceId: number, options: ReportOptions): Promise<ReportDocument> {
  const timeZone = options.timeZone ?? 'UTC';
  assertTimeZone(timeZone);
  const now = options.now ?? new Date();
  const date = options.date ?? localDateKey(now.getTime() - 86_400_000, timeZone);
  const words = await wordsFor(options.lang ?? 'en');
  const topics = await listTopics(store, workspaceId);
  const topic = pickTopic(topics, options.topic);
  const competitors = topics.filter((t) => t.role === 'competitor' && t.id !== topic.id);
  const { first, last } = periodContaining(PERIOD_OF[options.kind], date);
  const series = await loadSeries(store, workspaceId, { topicId: topic.id, interval: localDaysInterval(first, last, timeZone), timeZone, granularity: 'day' });
  const covered = coverageOf(series);
  const context: ReportContext = { store, workspaceId, words, timeZone, topic, competitors, date, first, last, covered };
  const periodText = first === last ? words.dateKey(first, { dateStyle: 'full' }) : `${words.dateKey(first)} – ${words.dateKey(last)}`;
  // A period the data covers in part says so (a year of which three months hold data).
  const partial = covered && first !== last && (covered.first !== first || covered.last !== last);
  const coverage = partial
    ? ` · ${words.t('coverage', { first: words.dateKey(covered.first), last: words.dateKey(covered.last), days: coveredDays(context, first, last), total: series.length })}`
    : '';
  return {
    kind: options.kind,
    lang: words.lang,
    title: words.t(`title.${options.kind}`),
    subtitle: words.t('subtitle', { topic: topic.name, period: periodText, tz: timeZone }) + coverage,
    generated: words.t('generated', { date: words.date(now.getTime(), timeZone) }),
    headline: headlineOf(series, context),
    sections: await SECTIONS[options.kind](context),
  };
}
