/** Reads per author of a topic: rankings, advocacy candidates, presence, new authors. */
import { sql } from 'kysely';
import type { Store } from '../../store/store.ts';
import { authorKey, maxFollowers, rankAuthorsByMonth, SUMS, type AuthorSums, type RankColumn } from '../author-months.ts';
import { refreshRollup } from '../rollup.ts';
import type { Interval } from '../time.ts';
import { num } from './columns.ts';
import { loadTopPosts } from './mentions.ts';
import type { AuthorStat, Post } from './model.ts';
import { listTopics } from './topics.ts';

/** Per-author sums over `watch_topic_mentions as t`. */
const AUTHOR_SUMS = [
  ...(['mentions', 'positive', 'negative', 'engagement', 'audience', 'positive_reach', 'negative_reach', 'originals'] as const).map((c) => SUMS[c].as(c)),
  sql`max(coalesce(t.followers, 0))`.as('followers'),
];

function toAuthorStat(r: Record<string, unknown>): AuthorStat {
  return {
    handle: String(r.handle),
    name: r.name == null ? null : String(r.name),
    source: String(r.source),
    mentions: num(r.mentions),
    positive: num(r.positive),
    negative: num(r.negative),
    followers: num(r.followers),
    engagement: num(r.engagement),
    reach: num(r.audience),
    positiveReach: num(r.positive_reach),
    negativeReach: num(r.negative_reach),
    originals: num(r.originals),
  };
}

/** Month-rollup sums to AuthorStats, with each author's exact largest follower count over the interval. */
async function statsFromSums(store: Store, topicId: number, interval: Interval, sums: AuthorSums[]): Promise<AuthorStat[]> {
  const followers = await maxFollowers(store, topicId, interval, sums.map((s) => s.handle));
  return sums.map((s) => ({
    handle: s.handle,
    name: null,
    source: s.source,
    mentions: s.mentions,
    positive: s.positive,
    negative: s.negative,
    followers: followers.get(authorKey(s.handle, s.source)) ?? 0,
    engagement: s.engagement,
    reach: s.audience,
    positiveReach: s.positive_reach,
    negativeReach: s.negative_reach,
    originals: s.originals,
  }));
}

/** Orders of loadAuthorStats that the month rollup keeps an index for. */
const MONTH_ORDERS: Partial<Record<string, RankColumn>> = { reach: 'influence', positive: 'positive', negative: 'negative' };

/** Per-author sums for a topic; optionally only authors with some positive/negative mention. */
export async function loadAuthorStats(
  store: Store,
  workspaceId: number,
  topicId: number,
  interval: Interval,
  options: { limit?: number; orderBy?: 'reach' | 'positiveReach' | 'negativeReach' | 'positive' | 'negative' | 'engagement' } = {},
): Promise<AuthorStat[]> {
  await refreshRollup(store, workspaceId);
  const limit = options.limit ?? 200;
  const monthOrder = MONTH_ORDERS[options.orderBy ?? 'reach'];
  const fromMonths = monthOrder ? await rankAuthorsByMonth(store, topicId, interval, [monthOrder], limit) : null;
  // Already in rank order (one order: rankAuthorsByMonth sorts by it, ties by handle and network).
  if (fromMonths) return statsFromSums(store, topicId, interval, fromMonths);
  const order = {
    reach: SUMS.influence,
    positiveReach: SUMS.positive_reach,
    negativeReach: SUMS.negative_reach,
    positive: SUMS.positive,
    negative: SUMS.negative,
    engagement: SUMS.engagement,
  }[options.orderBy ?? 'reach'];
  const rows = await store.db
    .selectFrom('watch_topic_mentions as t')
    .select(['t.author_handle as handle', 't.source as source', sql<null>`null`.as('name'), ...AUTHOR_SUMS])
    .where('t.topic_id', '=', topicId)
    .where('t.published_at', '>=', interval.from)
    .where('t.published_at', '<', interval.to)
    .groupBy(['t.author_handle', 't.source'])
    .orderBy(order, 'desc')
    .orderBy('t.author_handle')
    .limit(limit)
    .execute();
  return rows.map((r) => toAuthorStat(r as unknown as Record<string, unknown>));
}

/**
 * Authors that may rank as advocates or detractors: the top `perOrder` by positive reach,
 * negative reach, positive posts and negative posts — one aggregation, ranked four ways
 * with window functions (SQLite ≥ 3.25 and PostgreSQL both have them).
 */
export async function loadAdvocacyCandidates(
  store: Store,
  workspaceId: number,
  topicId: number,
  interval: Interval,
  perOrder = 150,
): Promise<AuthorStat[]> {
  await refreshRollup(store, workspaceId);
  const stance = (s: AuthorSums) => s.positive > 0 || s.negative > 0;
  const fromMonths = await rankAuthorsByMonth(store, topicId, interval, ['positive_reach', 'negative_reach', 'positive', 'negative'], perOrder, stance);
  if (fromMonths) return statsFromSums(store, topicId, interval, fromMonths);
  const { rows } = await sql<Record<string, unknown>>`
    with a as (
      select t.author_handle as handle, t.source as source, null as name, ${sql.join(AUTHOR_SUMS)}
      from watch_topic_mentions t
      where t.topic_id = ${topicId} and t.published_at >= ${interval.from} and t.published_at < ${interval.to}
      group by t.author_handle, t.source
    ), ranked as (
      select a.*,
        row_number() over (order by positive_reach desc, handle) as r1,
        row_number() over (order by negative_reach desc, handle) as r2,
        row_number() over (order by positive desc, handle) as r3,
        row_number() over (order by negative desc, handle) as r4
      from a where positive > 0 or negative > 0
    )
    select * from ranked where r1 <= ${perOrder} or r2 <= ${perOrder} or r3 <= ${perOrder} or r4 <= ${perOrder}
  `.execute(store.db);
  return rows.map(toAuthorStat);
}

/** The most engaging posts of each given author on a topic. */
export async function loadPostsByAuthors(
  store: Store,
  workspaceId: number,
  topicId: number,
  interval: Interval,
  handles: string[],
  perAuthor: number,
): Promise<Map<string, Post[]>> {
  const byAuthor = new Map<string, Post[]>();
  if (handles.length === 0) return byAuthor;
  await refreshRollup(store, workspaceId);
  // The topic's narrow, time-clustered copy: one range scan, whatever the authors' history.
  const rows = await store.db
    .selectFrom('watch_topic_mentions as t')
    .select(['t.mention_id as id', 't.author_handle', 't.engagement'])
    .where('t.topic_id', '=', topicId)
    .where('t.published_at', '>=', interval.from)
    .where('t.published_at', '<', interval.to)
    .where('t.author_handle', 'in', handles)
    .execute();
  const best = new Map<string, { id: number; engagement: number }[]>();
  for (const r of rows) {
    const list = best.get(r.author_handle) ?? [];
    if (list.length === 0) best.set(r.author_handle, list);
    list.push({ id: Number(r.id), engagement: num(r.engagement) });
  }
  const ids = [...best.values()].flatMap((list) => list.sort((a, b) => b.engagement - a.engagement || a.id - b.id).slice(0, perAuthor).map((x) => x.id));
  const posts = await loadTopPosts(store, workspaceId, { topicId, interval, limit: ids.length || 1, ids });
  for (const p of posts) byAuthor.set(p.authorHandle, [...(byAuthor.get(p.authorHandle) ?? []), p]);
  return byAuthor;
}

/**
 * Which networks the given authors appear on in the workspace's topics (any topic), over
 * `interval` or all time: per-author index lookups on the topics' narrow copies.
 */
export async function loadAuthorPresence(store: Store, workspaceId: number, handles: string[], interval?: Interval): Promise<Map<string, string[]>> {
  const presence = new Map<string, string[]>();
  if (handles.length === 0) return presence;
  await refreshRollup(store, workspaceId);
  const topicIds = (await listTopics(store, workspaceId)).map((t) => t.id);
  if (topicIds.length === 0) return presence;
  for (let i = 0; i < handles.length; i += 500) {
    let query = store.db
      .selectFrom('watch_topic_mentions')
      .select(['author_handle', 'source'])
      .distinct()
      .where('topic_id', 'in', topicIds)
      .where('author_handle', 'in', handles.slice(i, i + 500));
    if (interval) query = query.where('published_at', '>=', interval.from).where('published_at', '<', interval.to);
    const rows = await query.execute();
    for (const r of rows) presence.set(r.author_handle, [...new Set([...(presence.get(r.author_handle) ?? []), r.source])]);
  }
  return presence;
}

/** How many authors of a topic first mentioned it in the interval. */
export async function countNewAuthors(store: Store, workspaceId: number, topicId: number, interval: Interval): Promise<number> {
  await refreshRollup(store, workspaceId);
  const row = await store.db
    .selectFrom('watch_topic_authors')
    .select(sql`count(*)`.as('n'))
    .where('topic_id', '=', topicId)
    .where('first_at', '>=', interval.from)
    .where('first_at', '<', interval.to)
    .executeTakeFirst();
  return num(row?.n);
}

/** New authors of a topic counted per `unit`-long bucket (see nestingUnit): a day's count without a row per author. */
export async function countFirstSeenAuthors(store: Store, workspaceId: number, topicId: number, interval: Interval, unit: number): Promise<{ at: number; authors: number }[]> {
  await refreshRollup(store, workspaceId);
  const at = sql<number>`(first_at / ${sql.lit(unit)}) * ${sql.lit(unit)}`;
  const rows = await store.db
    .selectFrom('watch_topic_authors')
    .select([at.as('at'), sql`count(*)`.as('authors')])
    .where('topic_id', '=', topicId)
    .where('first_at', '>=', interval.from)
    .where('first_at', '<', interval.to)
    .groupBy(at)
    .execute();
  return rows.map((r) => ({ at: Number(r.at), authors: num(r.authors) }));
}
