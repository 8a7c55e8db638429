/** Reads of single mentions of a topic: facts for root cause, top posts, hashtags, links. */
import { sql, type RawBuilder } from 'kysely';
import type { Store } from '../../store/store.ts';
import { AUDIENCE } from '../author-months.ts';
import { refreshRollup } from '../rollup.ts';
import { emptyMeasures, type Measures, type QuarterRow } from '../series.ts';
import { DAY, type Interval } from '../time.ts';
import { CORE_COLUMNS, FACT_COLUMNS, num, toCore, toFact } from './columns.ts';
import type { ChainFact, CountedDimension, MentionFact, Post, PostQuery } from './model.ts';
import { countMentions } from './rollup.ts';
import { normalizedLinks } from '../root-cause.ts';

/** A topic's mentions in an interval, read through its narrow copy joined to the mentions. */
function topicMentions(store: Store, workspaceId: number, topicId: number, interval: Interval) {
  return store.db
    .selectFrom('watch_topic_mentions as t')
    .innerJoin('mentions as m', 'm.id', 't.mention_id')
    .where('t.topic_id', '=', topicId)
    .where('t.published_at', '>=', interval.from)
    .where('t.published_at', '<', interval.to)
    .where('m.workspace_id', '=', workspaceId);
}

/** Every mention of a topic in an interval, without text (root cause, crisis evidence). */
export async function loadMentionFacts(
  store: Store,
  workspaceId: number,
  topicId: number,
  interval: Interval,
  options: { sentiment?: 'negative' | 'positive'; limit?: number } = {},
): Promise<MentionFact[]> {
  await refreshRollup(store, workspaceId);
  // The sentiment filter runs on the narrow copy, so only matching mentions are read whole.
  let query = topicMentions(store, workspaceId, topicId, interval).select(FACT_COLUMNS);
  if (options.sentiment) query = query.where('t.sentiment', '=', options.sentiment);
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
  dimensions?: CountedDimension[],
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
    if (dimensions && !dimensions.includes(dim)) return new Map<string, number>();
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
    // Sites here: the own host of feed items and imports with no link in their text (the
    // topic copy keeps it); the sites of mentions with links come from their links (loadLinkedFacts, sitesOf).
    counted(
      'domain',
      sql`select domain as key, count(*) as n from watch_topic_mentions
        where topic_id = ${topicId} and ${range('published_at')} ${mood('sentiment')} and source in ('rss', 'import') and has_link = 0 and domain <> '' ${only('domain', 'domain')}
        group by domain ${often(sql`count(*)`)}`,
    ),
  ]);
  return { total: await countMentions(store, topicId, interval, sentiment), counts: { author, hashtag, source, lang, domain } };
}

/**
 * A topic's replies and reposts over an interval (of one sentiment, if given), with what
 * reply chains follow: from its chain rows (the rollup keeps their ids and URL there), not
 * from the mentions' rows — a viral post's thousands of reposts are not read whole.
 */
export async function loadReplyFacts(store: Store, workspaceId: number, topicId: number, interval: Interval, sentiment: 'negative' | undefined, limit: number): Promise<ChainFact[]> {
  await refreshRollup(store, workspaceId);
  let query = chainFactsQuery(store, workspaceId, topicId, interval).where('c.is_original', '=', 0);
  if (sentiment) query = query.where('c.sentiment', '=', sentiment);
  // As read from mentions before: replies carry no links (their parent id is their chain).
  return (await query.limit(limit).execute()).map(toChainFact);
}

/**
 * The mentions of a topic over an interval that carry a link in their text (of one
 * sentiment, if given), with their links: reposts and quotes without a parent id, and the
 * sites mentions point at, are found from these. From the topic's chain rows: they keep
 * their link candidates, so no text is read.
 */
export async function loadLinkedFacts(
  store: Store,
  workspaceId: number,
  topicId: number,
  interval: Interval,
  sentiment: 'negative' | undefined,
  limit: number,
): Promise<ChainFact[]> {
  await refreshRollup(store, workspaceId);
  let query = chainFactsQuery(store, workspaceId, topicId, interval).select('c.links').where('c.has_link', '=', 1);
  if (sentiment) query = query.where('c.sentiment', '=', sentiment);
  return (await query.limit(limit).execute()).map((r) => {
    const fact = toChainFact(r);
    fact.links = normalizedLinks(candidatesOf(r.links));
    return fact;
  });
}

/** A topic's chain rows over an interval. */
function chainRows(store: Store, workspaceId: number, topicId: number, interval: Interval) {
  return store.db
    .selectFrom('watch_topic_chains as c')
    .where('c.topic_id', '=', topicId)
    .where('c.published_at', '>=', interval.from)
    .where('c.published_at', '<', interval.to)
    .where('c.workspace_id', '=', workspaceId);
}

/** chainRows with the columns of a ChainFact. */
function chainFactsQuery(store: Store, workspaceId: number, topicId: number, interval: Interval) {
  return chainRows(store, workspaceId, topicId, interval).select(['c.mention_id', 'c.source', 'c.author_handle', 'c.published_at', 'c.sentiment', 'c.external_id', 'c.parent_external_id', 'c.url', 'c.domain']);
}

function toChainFact(r: { mention_id: number; source: string; author_handle: string; published_at: number; sentiment: string | null; external_id: string; parent_external_id: string | null; url: string | null; domain: string | null }): ChainFact {
  return {
    id: Number(r.mention_id),
    source: r.source,
    authorHandle: r.author_handle,
    publishedAt: Number(r.published_at),
    sentiment: r.sentiment as ChainFact['sentiment'],
    externalId: r.external_id,
    parentExternalId: r.parent_external_id,
    url: r.url,
    domain: r.domain,
  };
}

/** The link candidates the rollup kept for a mention with a link (store/topic-chains.ts). */
const candidatesOf = (links: string | null): string[] => (links ? (JSON.parse(links) as string[]) : []);

/**
 * A topic's original posts over an interval whose own URL is one of `urls` (the posts that
 * links share). Found by URL, then checked against the topic's copy: scanning the topic's
 * days for a few URLs read every mention of them (a big topic's three days: 35,000 rows).
 */
export async function loadPostsByUrl(store: Store, workspaceId: number, topicId: number, interval: Interval, urls: string[]): Promise<MentionFact[]> {
  if (urls.length === 0) return [];
  return (await postsByUrlQuery(store, workspaceId, topicId, interval, urls).execute()).map(toFact);
}

/** loadPostsByUrl's query (its plan is tested). */
export function postsByUrlQuery(store: Store, workspaceId: number, topicId: number, interval: Interval, urls: string[]) {
  return store.db
    .selectFrom('mentions as m')
    .select(FACT_COLUMNS)
    .where('m.workspace_id', '=', workspaceId)
    .where('m.url', 'in', urls.slice(0, 500))
    // `+`: SQLite would otherwise walk the period's mentions (by time) instead of the URLs.
    .where(sql`+m.published_at`, '>=', interval.from)
    .where(sql`+m.published_at`, '<', interval.to)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('watch_topic_mentions as t')
          .select(sql`1`.as('one'))
          .where('t.topic_id', '=', topicId)
          .whereRef('t.published_at', '=', 'm.published_at')
          .whereRef('t.mention_id', '=', 'm.id')
          .where('t.is_original', '=', 1),
      ),
    );
}

/** The most engaging mentions of a topic over an interval (of one sentiment, if given), by id. */
export async function loadTopMentionIds(store: Store, workspaceId: number, topicId: number, interval: Interval, limit: number, sentiment?: 'negative'): Promise<number[]> {
  await refreshRollup(store, workspaceId);
  return rankOnTopicCopy(store, { topicId, interval, limit, ...(sentiment ? { sentiment } : {}) });
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
  // to choose by (PostgreSQL does), so it is told (preferIndex is empty where the planner knows).
  // Not for a rare filter (a reach above the topic's norm): the walk would read most of the period before finding enough.
  const byEngagement = !q.authors && q.minFollowers == null && q.interval.to - q.interval.from >= LONG_PERIOD;
  const { rows } = await sql<{ mention_id: number }>`
    select t.mention_id from watch_topic_mentions t ${byEngagement ? store.driver.preferIndex('watch_topic_mentions_engagement') : sql``}
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

/** Mentions per hashtag of a topic over an interval. */
export async function loadHashtagCounts(
  store: Store,
  workspaceId: number,
  topicId: number,
  interval: Interval,
  limit = 200,
): Promise<{ tag: string; mentions: number; negative: number }[]> {
  await refreshRollup(store, workspaceId);
  const rows = await store.db
    .selectFrom('watch_topic_hashtags')
    .select(['tag', sql`count(*)`.as('mentions'), sql`sum(case when sentiment = 'negative' then 1 else 0 end)`.as('negative')])
    .where('topic_id', '=', topicId)
    .where('published_at', '>=', interval.from)
    .where('published_at', '<', interval.to)
    .groupBy('tag')
    .orderBy(sql`count(*)`, 'desc')
    .orderBy('tag')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ tag: r.tag, mentions: num(r.mentions), negative: num(r.negative) }));
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

/** The link candidates of a topic's mentions that carry a link (links and videos shared), from its chain rows. */
export async function loadLinkCandidates(
  store: Store,
  workspaceId: number,
  topicId: number,
  interval: Interval,
): Promise<{ publishedAt: number; links: string[] }[]> {
  await refreshRollup(store, workspaceId);
  const rows = await chainRows(store, workspaceId, topicId, interval).select(['c.published_at', 'c.links']).where('c.has_link', '=', 1).execute();
  return rows.map((r) => ({ publishedAt: Number(r.published_at), links: candidatesOf(r.links) }));
}

/** When the workspace's newest mention was published (null when it has none): where its data ends. */
export async function newestMentionAt(store: Store, workspaceId: number): Promise<number | null> {
  const row = await store.db.selectFrom('mentions').select((eb) => eb.fn.max('published_at').as('t')).where('workspace_id', '=', workspaceId).executeTakeFirst();
  return row?.t == null ? null : Number(row.t);
}

/**
 * The reach of a topic's original posts over an interval, newest first, at most `limit`
 * of them: the sample a topic's reach norm is measured on (crisis.ts, reachNorm).
 */
export async function loadReachSample(store: Store, workspaceId: number, topicId: number, interval: Interval, limit: number): Promise<number[]> {
  await refreshRollup(store, workspaceId);
  const { rows } = await sql<{ reach: unknown }>`
    select ${AUDIENCE} as reach from watch_topic_mentions t
    where t.topic_id = ${topicId} and t.published_at >= ${interval.from} and t.published_at < ${interval.to} and t.is_original = 1
    order by t.published_at desc limit ${limit}
  `.execute(store.db);
  return rows.map((r) => num(r.reach));
}
