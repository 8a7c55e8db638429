/**
 * The I/O edge of Watch: everything the analytics read from the store, as typed data.
 * Aggregations that shrink the data a lot (per author, per hashtag) run in SQL; the
 * analytics modules rank, compare and explain.
 */
import { sql, type RawBuilder } from 'kysely';
import type { Topic, TopicRole } from '../core/mention.ts';
import type { Store } from '../store/store.ts';
import { AUDIENCE, authorKey, maxFollowers, rankAuthorsByMonth, SUMS, type AuthorSums, type RankColumn } from './author-months.ts';
import { refreshRollup } from './rollup.ts';
import { buildSeries, emptyMeasures, nestingUnit, type Granularity, type Measures, type QuarterRow, type SeriesBucket } from './series.ts';
import { DAY, QUARTER, type Interval } from './time.ts';

export class WatchError extends Error {
  override name = 'WatchError';
}

function toTopic(row: { id: number; workspace_id: number; name: string; query: string; role: string; created_at: number; updated_at: number }): Topic {
  return {
    id: Number(row.id),
    workspaceId: Number(row.workspace_id),
    name: row.name,
    query: row.query,
    role: row.role as TopicRole,
    createdAt: new Date(Number(row.created_at)),
    updatedAt: new Date(Number(row.updated_at)),
  };
}

export async function listTopics(store: Store, workspaceId: number): Promise<Topic[]> {
  const rows = await store.db.selectFrom('topics').selectAll().where('workspace_id', '=', workspaceId).orderBy('id').execute();
  return rows.map(toTopic);
}

/** A topic by id or by name; throws a WatchError listing the known names when absent. */
export async function resolveTopic(store: Store, workspaceId: number, ref: string | number): Promise<Topic> {
  const topics = await listTopics(store, workspaceId);
  const found = topics.find((t) => t.id === Number(ref) || t.name.toLowerCase() === String(ref).toLowerCase());
  if (!found) {
    const known = topics.map((t) => t.name).join(', ') || 'none yet';
    throw new WatchError(`no topic "${ref}" in this workspace (topics: ${known})`);
  }
  return found;
}

const num = (v: unknown) => (v == null ? 0 : Number(v));

function measuresOf(row: Record<string, unknown>): Measures {
  return {
    mentions: num(row.mentions),
    negative: num(row.negative),
    neutral: num(row.neutral),
    positive: num(row.positive),
    scoreSum: num(row.score_sum),
    likes: num(row.likes),
    shares: num(row.shares),
    replies: num(row.replies),
    reach: num(row.reach),
    views: num(row.views),
    repliesOrReposts: num(row.replies_or_reposts),
  };
}

const ROLLUP_MEASURES = ['mentions', 'negative', 'neutral', 'positive', 'score_sum', 'likes', 'shares', 'replies', 'reach', 'views', 'replies_or_reposts'] as const;

/** `sum(col) as col` for every measure of the rollup. */
const measureSums = () => ROLLUP_MEASURES.map((column) => sql<number>`sum(${sql.ref(column)})`.as(column));

export interface RollupQuery {
  topicIds: number[];
  interval: Interval;
  /** Split rows by source or language as well as by quarter. */
  by?: 'source' | 'lang';
  source?: string;
  lang?: string;
  /** Sum rows to buckets of this many ms (a day or an hour; see nestingUnit) instead of quarter hours. */
  unit?: number;
}

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

export interface SeriesQuery {
  topicId: number;
  interval: Interval;
  timeZone: string;
  granularity: Granularity;
  source?: string;
  lang?: string;
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

type DimensionTotal = { topicId: number; source?: string; lang?: string; mentions: number; reach: number };

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

/** What every mention-level record carries. */
interface MentionCore {
  id: number;
  source: string;
  authorHandle: string;
  followers: number;
  publishedAt: number;
  lang: string;
  sentiment: 'negative' | 'neutral' | 'positive' | null;
  score: number | null;
  likes: number;
  shares: number;
  replies: number;
}

/** A mention reduced to what the analytics compare (no text). */
export interface MentionFact extends MentionCore {
  externalId: string;
  parentExternalId: string | null;
  /** Host of the post's own URL. */
  domain: string | null;
  hashtags: string[];
}

/** The columns behind MentionCore. */
const CORE_COLUMNS = [
  'm.id',
  'm.source',
  'm.author_handle',
  'm.author_followers',
  'm.published_at',
  'm.lang',
  'm.sentiment',
  'm.sentiment_score',
  'm.likes',
  'm.shares',
  'm.replies',
] as const;

function toCore(row: {
  id: number;
  source: string;
  author_handle: string;
  author_followers: number | null;
  published_at: number;
  lang: string | null;
  sentiment: string | null;
  sentiment_score: number | null;
  likes: number;
  shares: number;
  replies: number;
}): MentionCore {
  return {
    id: Number(row.id),
    source: row.source,
    authorHandle: row.author_handle,
    followers: num(row.author_followers),
    publishedAt: Number(row.published_at),
    lang: row.lang ?? 'und',
    sentiment: row.sentiment as MentionCore['sentiment'],
    score: row.sentiment_score == null ? null : Number(row.sentiment_score),
    likes: num(row.likes),
    shares: num(row.shares),
    replies: num(row.replies),
  };
}

const FACT_COLUMNS = [...CORE_COLUMNS, 'm.external_id', 'm.parent_external_id', 'm.domain', 'm.hashtags'] as const;

function toFact(row: Parameters<typeof toCore>[0] & { external_id: string; parent_external_id: string | null; domain: string | null; hashtags: string }): MentionFact {
  return {
    ...toCore(row),
    externalId: row.external_id,
    parentExternalId: row.parent_external_id,
    domain: row.domain,
    hashtags: JSON.parse(row.hashtags) as string[],
  };
}

/** Every mention of a topic in an interval, without text (root cause, crisis evidence). */
export async function loadMentionFacts(
  store: Store,
  workspaceId: number,
  topicId: number,
  interval: Interval,
  options: { sentiment?: 'negative' | 'positive'; limit?: number; repliesOnly?: boolean } = {},
): Promise<MentionFact[]> {
  await refreshRollup(store, workspaceId);
  // The sentiment filter runs on the narrow copy, so only matching mentions are read whole.
  let query = store.db
    .selectFrom('watch_topic_mentions as t')
    .innerJoin('mentions as m', 'm.id', 't.mention_id')
    .select(FACT_COLUMNS)
    .where('t.topic_id', '=', topicId)
    .where('t.published_at', '>=', interval.from)
    .where('t.published_at', '<', interval.to)
    .where('m.workspace_id', '=', workspaceId);
  if (options.sentiment) query = query.where('t.sentiment', '=', options.sentiment);
  if (options.repliesOnly) query = query.where('t.is_original', '=', 0);
  if (options.limit) query = query.limit(options.limit);
  return (await query.execute()).map(toFact);
}

/**
 * Posts by source and external id (the parents that replies and reposts point at). A
 * reply or repost lives on its parent's network, so the lookup uses the child's source:
 * the unique (workspace, source, external id) index, where external id alone scanned
 * every mention.
 */
export async function loadFactsByExternalId(store: Store, workspaceId: number, refs: { source: string; externalId: string }[]): Promise<MentionFact[]> {
  const facts: MentionFact[] = [];
  const bySource = new Map<string, Set<string>>();
  for (const r of refs) bySource.set(r.source, (bySource.get(r.source) ?? new Set()).add(r.externalId));
  for (const [source, ids] of bySource) {
    const unique = [...ids];
    for (let i = 0; i < unique.length; i += 500) {
      const rows = await store.db
        .selectFrom('mentions as m')
        .select(FACT_COLUMNS)
        .where('m.workspace_id', '=', workspaceId)
        .where('m.source', '=', source)
        .where('m.external_id', 'in', unique.slice(i, i + 500))
        .execute();
      facts.push(...rows.map(toFact));
    }
  }
  return facts;
}

/** Which of the given mentions belong to a topic. */
export async function loadTopicMembers(store: Store, topicId: number, ids: number[]): Promise<Set<number>> {
  const members = new Set<number>();
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += 500) {
    const rows = await store.db.selectFrom('mention_topics').select('mention_id').where('topic_id', '=', topicId).where('mention_id', 'in', unique.slice(i, i + 500)).execute();
    for (const r of rows) members.add(Number(r.mention_id));
  }
  return members;
}

export type CountedDimension = 'author' | 'hashtag' | 'source' | 'lang' | 'domain';

/** Above this many values, a dimension is counted whole rather than looked up value by value. */
const LOOKUP_LIMIT = 500;

/**
 * How many of a topic's mentions over an interval (of one sentiment, if given) carry each
 * value, per dimension — for the given values, or for every value carried at least
 * `atLeast` times — and how many there are in all. From the rollups and the narrow copies:
 * a week of a big topic is not read mention by mention.
 */
export async function loadDimensionCounts(
  store: Store,
  workspaceId: number,
  topicId: number,
  interval: Interval,
  sentiment: 'negative' | 'positive' | undefined,
  which: Record<CountedDimension, string[]> | { atLeast: number },
): Promise<{ total: number; counts: Record<CountedDimension, Map<string, number>> }> {
  await refreshRollup(store, workspaceId);
  const measure = sql.ref(sentiment ?? 'mentions');
  const range = (column: string) => sql`${sql.ref(column)} >= ${interval.from} and ${sql.ref(column)} < ${interval.to}`;
  const mood = (column: string) => (sentiment ? sql`and ${sql.ref(column)} = ${sentiment}` : sql``);
  const atLeast = 'atLeast' in which ? which.atLeast : null;
  // The values asked for (a long list is counted whole), or the values counted often enough.
  const only = (dim: CountedDimension, column: string) => {
    const list = atLeast == null ? (which as Record<CountedDimension, string[]>)[dim] : [];
    return list.length === 0 || list.length > LOOKUP_LIMIT ? sql`` : sql`and ${sql.ref(column)} in (${sql.join(list)})`;
  };
  // Counts are whole: n ≥ x exactly when n ≥ ⌈x⌉ (and PostgreSQL compares a count with an integer).
  const often = (n: RawBuilder<unknown>) => (atLeast == null ? sql`` : sql`having ${n} >= ${Math.ceil(atLeast)}`);
  const counted = async (dim: CountedDimension, query: RawBuilder<unknown>) => {
    if (atLeast == null && (which as Record<CountedDimension, string[]>)[dim].length === 0) return new Map<string, number>();
    const { rows } = await query.execute(store.db);
    return new Map((rows as { key: unknown; n: unknown }[]).map((r) => [String(r.key), num(r.n)]));
  };
  const byRollup = (dim: 'source' | 'lang') =>
    counted(dim, sql`select ${sql.ref(dim)} as key, sum(${measure}) as n from watch_rollup where topic_id = ${topicId} and ${range('bucket')} group by ${sql.ref(dim)} ${often(sql`sum(${measure})`)}`);
  const [author, hashtag, source, lang, domain] = await Promise.all([
    counted('author', sql`select author_handle as key, count(*) as n from watch_topic_mentions where topic_id = ${topicId} and ${range('published_at')} ${mood('sentiment')} ${only('author', 'author_handle')} group by author_handle ${often(sql`count(*)`)}`),
    counted('hashtag', sql`select tag as key, count(*) as n from watch_topic_hashtags where topic_id = ${topicId} and ${range('published_at')} ${mood('sentiment')} ${only('hashtag', 'tag')} group by tag ${often(sql`count(*)`)}`),
    byRollup('source'),
    byRollup('lang'),
    // Sites count for feeds and imports only (see root-cause.ts); their host lives on the mention.
    counted(
      'domain',
      sql`select m.domain as key, count(*) as n from watch_topic_mentions t join mentions m on m.id = t.mention_id
        where t.topic_id = ${topicId} and ${range('t.published_at')} ${mood('t.sentiment')} and t.source in ('rss', 'import') and m.domain <> '' ${only('domain', 'm.domain')}
        group by m.domain ${often(sql`count(*)`)}`,
    ),
  ]);
  return { total: await countMentions(store, topicId, interval, sentiment), counts: { author, hashtag, source, lang, domain } };
}

/** How many mentions of a topic (of one sentiment, if given) an interval holds, from the rollup. */
export async function countMentions(store: Store, topicId: number, interval: Interval, sentiment?: 'negative' | 'positive'): Promise<number> {
  const { rows } = await sql<{ n: unknown }>`
    select sum(${sql.ref(sentiment ?? 'mentions')}) as n from watch_rollup_total where topic_id = ${topicId} and bucket >= ${interval.from} and bucket < ${interval.to}
  `.execute(store.db);
  return num(rows[0]?.n);
}

/** The most engaging mentions of a topic over an interval (of one sentiment, if given), by id. */
export async function loadTopMentionIds(store: Store, workspaceId: number, topicId: number, interval: Interval, limit: number, sentiment?: 'negative'): Promise<number[]> {
  await refreshRollup(store, workspaceId);
  return rankOnTopicCopy(store, { topicId, interval, limit, ...(sentiment ? { sentiment } : {}) });
}

/** A post to show as evidence: with its text and link. */
export interface Post extends MentionCore {
  url: string | null;
  authorName: string | null;
  text: string;
  views: number | null;
  engagement: number;
}

export interface PostQuery {
  topicId: number;
  interval: Interval;
  limit: number;
  sentiment?: 'negative' | 'neutral' | 'positive';
  /** Only posts whose author has at least this many followers. */
  minFollowers?: number;
  /** Only these mention ids. */
  ids?: number[];
  /** Only original posts (not replies or reposts). */
  originalOnly?: boolean;
  /** Only posts by these authors. */
  authors?: string[];
}

/** From this length on, top posts are found by walking the engagement index (see loadTopPosts). */
const LONG_PERIOD = 7 * DAY;

/** The columns a post filter reads, in the topic copy (`t`) or in mentions (`m`). */
const FILTER_COLUMNS = {
  t: { publishedAt: 't.published_at', sentiment: 't.sentiment', followers: 't.followers', author: 't.author_handle', original: 't.is_original = 1' },
  m: { publishedAt: 'm.published_at', sentiment: 'm.sentiment', followers: 'm.author_followers', author: 'm.author_handle', original: 'm.parent_external_id is null' },
} as const;

function postConditions(q: PostQuery, on: 't' | 'm') {
  const c = FILTER_COLUMNS[on];
  const conditions = [sql`${sql.raw(c.publishedAt)} >= ${q.interval.from}`, sql`${sql.raw(c.publishedAt)} < ${q.interval.to}`];
  if (q.sentiment) conditions.push(sql`${sql.raw(c.sentiment)} = ${q.sentiment}`);
  if (q.minFollowers != null) conditions.push(sql`${sql.raw(c.followers)} >= ${q.minFollowers}`);
  if (q.originalOnly) conditions.push(sql.raw(c.original));
  if (q.authors) conditions.push(sql`${sql.raw(c.author)} in (${sql.join(q.authors)})`);
  return conditions;
}

/** Rank on the narrow per-topic copy; the winners' full rows are read after. */
async function rankOnTopicCopy(store: Store, q: PostQuery): Promise<number[]> {
  // Over a long period, walking the topic's posts by engagement finds the top ones after a
  // few thousand rows; over a day, sorting the day is cheaper. SQLite has no statistics
  // to choose by (PostgreSQL does), so it is told.
  const byEngagement = store.kind === 'sqlite' && !q.authors && q.interval.to - q.interval.from >= LONG_PERIOD;
  const { rows } = await sql<{ mention_id: number }>`
    select t.mention_id from watch_topic_mentions t ${sql.raw(byEngagement ? 'indexed by watch_topic_mentions_engagement' : '')}
    where t.topic_id = ${q.topicId} and ${sql.join(postConditions(q, 't'), sql` and `)}
    order by t.engagement desc, t.mention_id limit ${q.limit}
  `.execute(store.db);
  return rows.map((r) => Number(r.mention_id));
}

/** A few given mentions, ranked: looked up by id rather than found in the period's rows. */
async function rankGivenIds(store: Store, q: PostQuery, ids: number[]): Promise<number[]> {
  const { rows } = await sql<{ id: number }>`
    select m.id from mentions m join mention_topics mt on mt.mention_id = m.id and mt.topic_id = ${q.topicId}
    where m.id in (${sql.join(ids)}) and ${sql.join(postConditions(q, 'm'), sql` and `)}
    order by (m.likes + m.shares + m.replies) desc, m.id limit ${q.limit}
  `.execute(store.db);
  return rows.map((r) => Number(r.id));
}

/** Posts of a topic ranked by engagement (likes + shares + replies). */
export async function loadTopPosts(store: Store, workspaceId: number, q: PostQuery): Promise<Post[]> {
  if (q.ids && q.ids.length === 0) return [];
  await refreshRollup(store, workspaceId);
  const ids = q.ids ? await rankGivenIds(store, q, q.ids) : await rankOnTopicCopy(store, q);
  if (ids.length === 0) return [];
  // `+`: SQLite would otherwise walk the workspace's index instead of looking the ids up.
  const rows = await store.db
    .selectFrom('mentions as m')
    .select([...CORE_COLUMNS, 'm.url', 'm.author_name', 'm.text', 'm.views'])
    .where(sql`+m.workspace_id`, '=', workspaceId)
    .where('m.id', 'in', ids)
    .execute();
  const order = new Map(ids.map((id, k) => [id, k]));
  return rows
    .map((r) => ({
      ...toCore(r),
      url: r.url,
      authorName: r.author_name,
      text: r.text,
      views: r.views == null ? null : Number(r.views),
      engagement: num(r.likes) + num(r.shares) + num(r.replies),
    }))
    .sort((a, b) => order.get(a.id)! - order.get(b.id)!);
}


/** Per-author sums over `watch_topic_mentions as t`. */
const AUTHOR_SUMS = [
  ...(['mentions', 'positive', 'negative', 'engagement', 'positive_reach', 'negative_reach', 'originals'] as const).map((c) => SUMS[c].as(c)),
  sql`max(coalesce(t.followers, 0))`.as('followers'),
];

/** One author on one network over an interval. */
export interface AuthorStat {
  handle: string;
  name: string | null;
  source: string;
  mentions: number;
  positive: number;
  negative: number;
  followers: number;
  engagement: number;
  /** Followers summed over the author's positive (negative) mentions. */
  positiveReach: number;
  negativeReach: number;
  /** Mentions that are original posts (not replies or reposts). */
  originals: number;
}

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
    positiveReach: sql`sum(case when t.sentiment = 'positive' then ${AUDIENCE} + t.engagement else 0 end)`,
    negativeReach: sql`sum(case when t.sentiment = 'negative' then ${AUDIENCE} + t.engagement else 0 end)`,
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

/** Mentions per hashtag of a topic over an interval. */
export async function loadHashtagCounts(
  store: Store,
  workspaceId: number,
  topicId: number,
  interval: Interval,
  limit = 200,
): Promise<{ tag: string; mentions: number }[]> {
  await refreshRollup(store, workspaceId);
  const rows = await store.db
    .selectFrom('watch_topic_hashtags')
    .select(['tag', sql`count(*)`.as('mentions')])
    .where('topic_id', '=', topicId)
    .where('published_at', '>=', interval.from)
    .where('published_at', '<', interval.to)
    .groupBy('tag')
    .orderBy(sql`count(*)`, 'desc')
    .orderBy('tag')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ tag: r.tag, mentions: num(r.mentions) }));
}

/** Quarter-hour counts of one hashtag in the workspace (campaign shape of a hashtag). */
export async function loadHashtagQuarters(
  store: Store,
  workspaceId: number,
  tag: string,
  interval: Interval,
): Promise<(Pick<QuarterRow, 'bucket'> & Measures)[]> {
  const rows = await store.db
    .selectFrom('mention_hashtags')
    .select([sql<number>`(published_at / 900000) * 900000`.as('bucket'), sql`count(*)`.as('mentions')])
    .where('workspace_id', '=', workspaceId)
    .where('tag', '=', tag)
    .where('published_at', '>=', interval.from)
    .where('published_at', '<', interval.to)
    .groupBy(sql`(published_at / 900000) * 900000`)
    .execute();
  return rows.map((r) => ({ ...emptyMeasures(), bucket: Number(r.bucket), mentions: num(r.mentions) }));
}

/** Texts of a topic's mentions that carry a link (links and videos shared). */
export async function loadLinkTexts(
  store: Store,
  workspaceId: number,
  topicId: number,
  interval: Interval,
): Promise<{ publishedAt: number; text: string }[]> {
  await refreshRollup(store, workspaceId);
  // Only mentions flagged as carrying a link are read whole.
  const rows = await store.db
    .selectFrom('watch_topic_mentions as t')
    .innerJoin('mentions as m', 'm.id', 't.mention_id')
    .select(['m.published_at', 'm.text'])
    .where('t.topic_id', '=', topicId)
    .where('t.published_at', '>=', interval.from)
    .where('t.published_at', '<', interval.to)
    .where('t.has_link', '=', 1)
    .where('m.workspace_id', '=', workspaceId)
    .execute();
  return rows.map((r) => ({ publishedAt: Number(r.published_at), text: r.text }));
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
