/** Reads of the quarter-hour rollups: series, breakdowns, channels, totals. */
import { sql } from 'kysely';
import type { Store } from '../../store/store.ts';
import { refreshRollup } from '../rollup.ts';
import { buildSeries, nestingUnit, type Measures, type QuarterRow, type SeriesBucket } from '../series.ts';
import { QUARTER, type Interval } from '../time.ts';
import { measureSums, measuresOf, num } from './columns.ts';
import type { DimensionTotal, RollupQuery, SeriesQuery } from './model.ts';

/** `bucket`, or the start of its `unit`-long bucket. */
const bucketIn = (unit: number | undefined) => (unit && unit > QUARTER ? sql<number>`(bucket / ${sql.lit(unit)}) * ${sql.lit(unit)}` : sql<number>`bucket`);

/** Quarter-hour rows of the rollup (brought up to date first). */
export async function loadQuarterRows(store: Store, workspaceId: number, q: RollupQuery): Promise<QuarterRow[]> {
  if (q.topicIds.length === 0) return [];
  await refreshRollup(store, workspaceId);
  const bucket = bucketIn(q.unit);
  // Plain series read the totals table; splits and filters need the per source/language one.
  const table = !q.by && !q.source && !q.lang ? 'watch_rollup_total' : 'watch_rollup';
  const dim = q.by ? sql.ref(q.by) : sql.lit(null);
  let query = store.db
    .selectFrom(table)
    .select([
      'topic_id',
      bucket.as('bucket'),
      sql<string | null>`${dim}`.as('dim'),
      ...measureSums(),
    ])
    .where('topic_id', 'in', q.topicIds)
    .where('bucket', '>=', q.interval.from)
    .where('bucket', '<', q.interval.to)
    .groupBy(['topic_id', bucket]);
  if (q.by) query = query.groupBy(q.by);
  if (q.source) query = query.where('source', '=', q.source);
  if (q.lang) query = query.where('lang', '=', q.lang);
  const rows = await query.execute();
  return rows.map((row) => ({
    topicId: Number(row.topic_id),
    bucket: Number(row.bucket),
    ...(q.by === 'source' ? { source: String(row.dim) } : {}),
    ...(q.by === 'lang' ? { lang: String(row.dim) } : {}),
    ...measuresOf(row),
  }));
}

/** Volume and sentiment of one topic as a complete local hourly or daily series. */
export async function loadSeries(store: Store, workspaceId: number, q: SeriesQuery): Promise<SeriesBucket[]> {
  const rows = await loadQuarterRows(store, workspaceId, {
    topicIds: [q.topicId],
    interval: q.interval,
    unit: nestingUnit(q),
    ...(q.source ? { source: q.source } : {}),
    ...(q.lang ? { lang: q.lang } : {}),
  });
  return buildSeries(rows, q);
}

/** Totals per source or language of one topic over an interval. */
export async function loadBreakdown(
  store: Store,
  workspaceId: number,
  topicId: number,
  interval: Interval,
  by: 'source' | 'lang',
): Promise<{ key: string; measures: Measures }[]> {
  await refreshRollup(store, workspaceId);
  const rows = await store.db
    .selectFrom('watch_rollup')
    .select([
      sql<string>`${sql.ref(by)}`.as('key'),
      ...measureSums(),
    ])
    .where('topic_id', '=', topicId)
    .where('bucket', '>=', interval.from)
    .where('bucket', '<', interval.to)
    .groupBy(by)
    .execute();
  return rows.map((row) => ({ key: String(row.key), measures: measuresOf(row) })).sort((a, b) => b.measures.mentions - a.measures.mentions);
}

/**
 * The networks a topic was mentioned on over an interval: each network of the topic found
 * by a seek on (topic, source) — a skip scan written as a recursive query, since neither
 * store skips on its own — then kept if it has a row in the interval.
 */
export async function loadTopicChannels(store: Store, workspaceId: number, topicId: number, interval: Interval): Promise<string[]> {
  await refreshRollup(store, workspaceId);
  const { rows } = await sql<{ source: string }>`
    with recursive s(source) as (
      select min(source) from watch_rollup where topic_id = ${topicId}
      union all
      select (select min(source) from watch_rollup where topic_id = ${topicId} and source > s.source) from s where s.source is not null
    )
    select source from s where source is not null and exists (
      select 1 from watch_rollup r where r.topic_id = ${topicId} and r.source = s.source and r.bucket >= ${interval.from} and r.bucket < ${interval.to}
    )
    order by source
  `.execute(store.db);
  return rows.map((r) => r.source);
}

/**
 * Mentions and reach per topic and source, and per topic and language, over an interval
 * (share of voice per channel and language): one scan of the rollup for both.
 */
export async function loadDimensionTotals(
  store: Store,
  workspaceId: number,
  topicIds: number[],
  interval: Interval,
): Promise<{ bySource: DimensionTotal[]; byLang: DimensionTotal[] }> {
  if (topicIds.length === 0) return { bySource: [], byLang: [] };
  await refreshRollup(store, workspaceId);
  const rows = await store.db
    .selectFrom('watch_rollup')
    .select(['topic_id', 'source', 'lang', sql`sum(mentions)`.as('mentions'), sql`sum(reach)`.as('reach')])
    .where('topic_id', 'in', topicIds)
    .where('bucket', '>=', interval.from)
    .where('bucket', '<', interval.to)
    .groupBy(['topic_id', 'source', 'lang'])
    .execute();
  const totals = (by: 'source' | 'lang') => {
    const sums = new Map<string, DimensionTotal>();
    for (const r of rows) {
      const key = `${r.topic_id}\u0000${r[by]}`;
      const t = sums.get(key) ?? { topicId: Number(r.topic_id), [by]: r[by], mentions: 0, reach: 0 };
      t.mentions += num(r.mentions);
      t.reach += num(r.reach);
      sums.set(key, t);
    }
    return [...sums.values()];
  };
  return { bySource: totals('source'), byLang: totals('lang') };
}

/** How many mentions of a topic (of one sentiment, if given) an interval holds, from the rollup. */
export async function countMentions(store: Store, topicId: number, interval: Interval, sentiment?: 'negative' | 'positive'): Promise<number> {
  const { rows } = await sql<{ n: unknown }>`
    select sum(${sql.ref(sentiment ?? 'mentions')}) as n from watch_rollup_total where topic_id = ${topicId} and bucket >= ${interval.from} and bucket < ${interval.to}
  `.execute(store.db);
  return num(rows[0]?.n);
}
