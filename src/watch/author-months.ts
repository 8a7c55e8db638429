/**
 * Author rankings over a month without aggregating the month's mentions.
 *
 * Per-author daily rollups do not help here: most authors post once or twice a month, so a
 * topic's author-days are about as many as its mentions (measured on the bench: 32,672
 * author-days for 33,699 mentions in a month). Per-author *month* rows do, with two tricks:
 *
 * - A period is rarely a UTC calendar month (June in Paris starts at 22:00 UTC on 31 May),
 *   so its sums are the month row plus the mentions of the period outside the month, minus
 *   the month's mentions outside the period: a few hours of raw rows.
 * - Ranking needs no scan of the month's rows: the top K by a measure come from an index on
 *   it. With E authors touched by those edge corrections, the top N of the period are
 *   among the month's top N + E and the E (an untouched author outside the month's top
 *   N + E has N untouched authors above it whatever the corrections).
 *
 * `watch_author_months` is kept by the rollup refresh (rollup.ts): it subtracts a range's
 * old narrow rows before rewriting them, and adds the new ones after.
 */
import { sql, type RawBuilder } from 'kysely';
import type { Store } from '../store/store.ts';
import { TYPICAL_FOLLOWERS } from './figures.ts';
import type { Interval } from './time.ts';

/** A mention's reach (figures.ts, mentionReach) in SQL, over columns `followers` and `source` of `table`. */
export const audienceOf = (table: string, followers = 'followers') =>
  sql`(case when ${sql.ref(`${table}.${followers}`)} is not null then ${sql.ref(`${table}.${followers}`)} when ${sql.ref(`${table}.source`)} = 'rss' then 0 else ${sql.lit(TYPICAL_FOLLOWERS)} end)`;

/** Over `watch_topic_mentions as t`. */
export const AUDIENCE = audienceOf('t');

/** The summed measures of an author on a network, as SQL over `watch_topic_mentions as t`. */
export const SUMS: Record<SumColumn, RawBuilder<unknown>> = {
  mentions: sql`count(*)`,
  positive: sql`sum(case when t.sentiment = 'positive' then 1 else 0 end)`,
  negative: sql`sum(case when t.sentiment = 'negative' then 1 else 0 end)`,
  engagement: sql`sum(t.engagement)`,
  audience: sql`sum(${AUDIENCE})`,
  positive_reach: sql`sum(case when t.sentiment = 'positive' then ${AUDIENCE} else 0 end)`,
  negative_reach: sql`sum(case when t.sentiment = 'negative' then ${AUDIENCE} else 0 end)`,
  originals: sql`sum(t.is_original)`,
  influence: sql`sum(${AUDIENCE}) + 10 * sum(t.engagement)`,
};

const SUM_COLUMNS = ['mentions', 'positive', 'negative', 'engagement', 'audience', 'positive_reach', 'negative_reach', 'originals', 'influence'] as const;
export type SumColumn = (typeof SUM_COLUMNS)[number];
/** Measures a month ranking can order by (each has an index). */
export type RankColumn = 'positive_reach' | 'negative_reach' | 'positive' | 'negative' | 'influence';

export type AuthorSums = { handle: string; source: string } & Record<SumColumn, number>;


/**
 * Adds (sign 1) or subtracts (sign −1) the narrow rows of [from, to) to the author months.
 * Rows brought to zero stay (readers skip them); a full rebuild clears them.
 */
export async function addToAuthorMonths(store: Store, workspaceId: number, from: number, to: number, sign: 1 | -1): Promise<void> {
  const month = store.driver.monthStart(sql`t.published_at`);
  const s = sql.lit(sign);
  await sql`
    insert into watch_author_months (workspace_id, topic_id, month, author_handle, source, ${sql.raw(SUM_COLUMNS.join(', '))})
    select t.workspace_id, t.topic_id, ${month}, t.author_handle, t.source, ${sql.join(SUM_COLUMNS.map((c) => sql`${s} * (${SUMS[c]})`))}
    from watch_topic_mentions t
    where t.workspace_id = ${workspaceId} and t.published_at >= ${from} and t.published_at < ${to}
    group by t.workspace_id, t.topic_id, ${month}, t.author_handle, t.source
    on conflict (topic_id, month, author_handle, source) do update set
      ${sql.join(SUM_COLUMNS.map((c) => sql`${sql.ref(c)} = watch_author_months.${sql.ref(c)} + excluded.${sql.ref(c)}`))}
  `.execute(store.db);
}

/** The UTC month whose row serves `interval`, and the edges to correct it with; null when no month is close enough. */
export function monthCover(interval: Interval, maxEdges = 2 * 24 * 3_600_000): { month: number; add: Interval[]; subtract: Interval[] } | null {
  const mid = new Date(interval.from + (interval.to - interval.from) / 2);
  const from = Date.UTC(mid.getUTCFullYear(), mid.getUTCMonth(), 1);
  const to = Date.UTC(mid.getUTCFullYear(), mid.getUTCMonth() + 1, 1);
  const add = [
    { from: interval.from, to: Math.min(interval.to, from) },
    { from: Math.max(interval.from, to), to: interval.to },
  ].filter((i) => i.from < i.to);
  const subtract = [
    { from, to: Math.min(to, interval.from) },
    { from: Math.max(from, interval.to), to },
  ].filter((i) => i.from < i.to);
  const edges = [...add, ...subtract].reduce((n, i) => n + i.to - i.from, 0);
  return edges <= maxEdges ? { month: from, add, subtract } : null;
}

const keyOf = (handle: string, source: string) => `${handle}\u0000${source}`;

function toSums(row: Record<string, unknown>): AuthorSums {
  const sums = { handle: String(row.handle), source: String(row.source) } as AuthorSums;
  for (const c of SUM_COLUMNS) sums[c] = Number(row[c] ?? 0);
  return sums;
}

/** Per-author sums of a topic over an interval straight from its narrow rows (the edges, and short periods). */
export async function sumAuthors(store: Store, topicId: number, interval: Interval): Promise<AuthorSums[]> {
  const { rows } = await sql<Record<string, unknown>>`
    select t.author_handle as handle, t.source as source, ${sql.join(SUM_COLUMNS.map((c) => sql`${SUMS[c]} as ${sql.ref(c)}`))}
    from watch_topic_mentions t
    where t.topic_id = ${topicId} and t.published_at >= ${interval.from} and t.published_at < ${interval.to}
    group by t.author_handle, t.source
  `.execute(store.db);
  return rows.map(toSums);
}

/**
 * The top `perOrder` authors of a topic over `interval` by each of `orders` (ties by handle,
 * then network), keeping those `keep` accepts; null when no month row can serve the
 * interval (the caller aggregates the raw rows).
 */
export async function rankAuthorsByMonth(
  store: Store,
  topicId: number,
  interval: Interval,
  orders: RankColumn[],
  perOrder: number,
  keep: (s: AuthorSums) => boolean = () => true,
): Promise<AuthorSums[] | null> {
  const cover = monthCover(interval);
  if (!cover) return null;
  const exact = new Map<string, AuthorSums>();
  const apply = (rows: AuthorSums[], sign: 1 | -1) => {
    for (const r of rows) {
      const key = keyOf(r.handle, r.source);
      const into = exact.get(key) ?? { ...r, ...Object.fromEntries(SUM_COLUMNS.map((c) => [c, 0])) };
      for (const c of SUM_COLUMNS) into[c] += sign * r[c];
      exact.set(key, into);
    }
  };
  for (const edge of cover.add) apply(await sumAuthors(store, topicId, edge), 1);
  for (const edge of cover.subtract) apply(await sumAuthors(store, topicId, edge), -1);
  // exact holds the authors the edge corrections touched (E in the note above).
  const depth = perOrder + exact.size;
  const handles = new Set([...exact.values()].map((s) => s.handle));
  // Ties in byte order, as `cmp` and the rank indexes (migration 3005) have them.

  for (const order of orders) {
    const { rows } = await sql<{ handle: string }>`
      select author_handle as handle from watch_author_months where topic_id = ${topicId} and month = ${cover.month}
      order by ${sql.ref(order)} desc, ${store.driver.bytewise('author_handle')}, ${store.driver.bytewise('source')} limit ${depth}
    `.execute(store.db);
    for (const r of rows) handles.add(r.handle);
  }
  const all = [...handles];
  for (let i = 0; i < all.length; i += 500) {
    const { rows } = await sql<Record<string, unknown>>`
      select author_handle as handle, source, ${sql.raw(SUM_COLUMNS.join(', '))} from watch_author_months
      where topic_id = ${topicId} and month = ${cover.month} and author_handle in (${sql.join(all.slice(i, i + 500))})
    `.execute(store.db);
    apply(rows.map(toSums), 1);
  }
  const candidates = [...exact.values()].filter((s) => s.mentions > 0 && keep(s));
  const chosen = new Map<string, AuthorSums>();
  for (const order of orders) {
    candidates.sort((a, b) => b[order] - a[order] || cmp(a.handle, b.handle) || cmp(a.source, b.source));
    for (const s of candidates.slice(0, perOrder)) chosen.set(keyOf(s.handle, s.source), s);
  }
  return [...chosen.values()];
}

/** Ties by handle then network, in code-point (UTF-8 byte) order. */
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Largest follower count of each author on each network over an interval (the author index). */
export async function maxFollowers(store: Store, topicId: number, interval: Interval, handles: string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  const unique = [...new Set(handles)];
  for (let i = 0; i < unique.length; i += 500) {
    const { rows } = await sql<{ handle: string; source: string; followers: unknown }>`
      select t.author_handle as handle, t.source as source, max(coalesce(t.followers, 0)) as followers
      from watch_topic_mentions t
      where t.topic_id = ${topicId} and t.author_handle in (${sql.join(unique.slice(i, i + 500))})
        and t.published_at >= ${interval.from} and t.published_at < ${interval.to}
      group by t.author_handle, t.source
    `.execute(store.db);
    for (const r of rows) out.set(keyOf(r.handle, r.source), Number(r.followers ?? 0));
  }
  return out;
}

export { keyOf as authorKey };
