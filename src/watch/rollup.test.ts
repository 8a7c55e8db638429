/**
 * The rollup-backed reads (narrow per-topic copies, per-topic hashtags, quarter rollups)
 * give the answers a computation over the raw mentions gives: after the first build, after
 * an incremental ingest with a re-import, and after a topic backfill. And a rebuild that
 * fails half-way leaves the previous rollup in place.
 */
import { beforeAll, expect, it } from 'vitest';
import type { MentionInput } from '../core/mention.ts';
import { ingestBatch, type TopicMatcher } from '../listen/pipeline.ts';
import { createTopic } from '../listen/topics.ts';
import type { Store } from '../store/store.ts';
import { describeEachStore, failInserts, indexNames } from '../store/testing.ts';
import { workspaceId } from '../store/workspaces.ts';
import { loadAdvocacyCandidates, loadAuthorPresence, loadAuthorStats, loadFactsByExternalId, loadHashtagCounts, loadLinkCandidates, loadLinkedFacts, loadMentionFacts, loadPostsByUrl, loadQuarterRows, loadSeries, loadTopicChannels, loadTopPosts, type AuthorStat } from './read/index.ts';
import { explainTopicSpike } from './loaders.ts';
import { explainSpike } from './root-cause.ts';
import { rebuildRollup, refreshRollup } from './rollup.ts';
import type { TopicSpike } from './spikes.ts';
import { mulberry32 } from './synthetic-series.ts';
import { DAY, localDateKey, localDaysInterval, type Interval } from './time.ts';
import { backfillTopic } from '../listen/backfill.ts';
import { linkCandidates } from '../core/links.ts';

const START = Date.UTC(2025, 2, 1);
const SOURCES = ['mastodon', 'bluesky', 'rss'] as const;
const LABELS = ['negative', 'neutral', 'positive'] as const;

/** Mentions over 90 days: two brands, tags, links, reposts of earlier posts on the same network. */
function generate(count: number, seed: number, prefix: string): MentionInput[] {
  const random = mulberry32(seed);
  const out: MentionInput[] = [];
  for (let i = 0; i < count; i++) {
    const source = SOURCES[Math.floor(random() * SOURCES.length)]!;
    const brand = random() < 0.6 ? 'acme' : 'rival';
    const tag = random() < 0.4 ? ` #tag${Math.floor(6 * random() ** 2)}` : '';
    const link = random() < 0.25 ? ` https://site${i % 4}.example/x` : '';
    const label = LABELS[Math.floor(random() * 3)]!;
    const earlier = out.filter((m) => m.source === source);
    const parent = earlier.length > 0 && random() < 0.2 ? earlier[Math.floor(random() * earlier.length)]!.externalId : null;
    const likes = Math.floor(30 * random() ** 2);
    out.push({
      source,
      externalId: `${prefix}${i}`,
      url: `https://${source}.example/${prefix}${i}`,
      author: { handle: `author${Math.floor(25 * random() ** 2)}`, displayName: null, followers: source === 'rss' ? null : Math.floor(1000 * random()) },
      text: `${brand} post ${prefix}${i}${tag}${link}`,
      publishedAt: new Date(START + Math.floor(random() * 90 * DAY)),
      engagement: { likes, shares: Math.floor(likes / 3), replies: Math.floor(likes / 5), views: null },
      parentExternalId: parent,
      lang: 'en',
      sentiment: { label, score: label === 'negative' ? -0.7 : label === 'positive' ? 0.7 : 0, probabilities: { negative: 0.3, neutral: 0.4, positive: 0.3 } },
    });
  }
  return out;
}

interface RawRow {
  id: number;
  topic_id: number;
  published_at: number;
  author_handle: string;
  author_followers: number | null;
  source: string;
  sentiment: string | null;
  likes: number;
  shares: number;
  replies: number;
  parent_external_id: string | null;
  url: string | null;
  text: string;
  text_norm: string;
  hashtags: string;
}

async function rawRows(store: Store): Promise<RawRow[]> {
  const rows = await store.db
    .selectFrom('mentions as m')
    .innerJoin('mention_topics as mt', 'mt.mention_id', 'm.id')
    .select(['m.id', 'mt.topic_id', 'm.published_at', 'm.author_handle', 'm.author_followers', 'm.source', 'm.sentiment', 'm.likes', 'm.shares', 'm.replies', 'm.parent_external_id', 'm.url', 'm.text', 'm.text_norm', 'm.hashtags'])
    .execute();
  return rows.map((r) => ({ ...r, author_followers: r.author_followers == null ? null : Number(r.author_followers), id: Number(r.id), topic_id: Number(r.topic_id), published_at: Number(r.published_at), likes: Number(r.likes), shares: Number(r.shares), replies: Number(r.replies) }));
}

const within = (r: RawRow, topicId: number, i: Interval) => r.topic_id === topicId && r.published_at >= i.from && r.published_at < i.to;
const engagement = (r: RawRow) => r.likes + r.shares + r.replies;

/** Every rollup-backed read of one topic against the same answer computed from `raw`. */
async function expectRollupMatchesRaw(store: Store, ws: number, topicId: number): Promise<void> {
  const raw = await rawRows(store);
  const month: Interval = { from: START + 20 * DAY, to: START + 51 * DAY };
  const day: Interval = { from: START + 30 * DAY, to: START + 31 * DAY };
  const week: Interval = { from: START + 40 * DAY, to: START + 47 * DAY };
  const ranked = (rows: RawRow[], limit: number) =>
    rows.sort((a, b) => engagement(b) - engagement(a) || a.id - b.id).slice(0, limit).map((r) => r.id);

  for (const interval of [month, day]) {
    const posts = await loadTopPosts(store, ws, { topicId, interval, limit: 15, sentiment: 'negative', originalOnly: true });
    const expected = ranked(raw.filter((r) => within(r, topicId, interval) && r.sentiment === 'negative' && r.parent_external_id === null), 15);
    expect(posts.map((p) => p.id)).toEqual(expected);
  }
  const inMonth = raw.filter((r) => within(r, topicId, month));
  const someIds = inMonth.filter((_, k) => k % 3 === 0).map((r) => r.id);
  const given = await loadTopPosts(store, ws, { topicId, interval: month, limit: 5, ids: someIds });
  expect(given.map((p) => p.id)).toEqual(ranked(inMonth.filter((r) => someIds.includes(r.id)), 5));

  const tagCounts = new Map<string, { mentions: number; negative: number }>();
  for (const r of raw.filter((x) => within(x, topicId, week))) {
    for (const t of JSON.parse(r.hashtags) as string[]) {
      const c = tagCounts.get(t) ?? { mentions: 0, negative: 0 };
      c.mentions++;
      if (r.sentiment === 'negative') c.negative++;
      tagCounts.set(t, c);
    }
  }
  const tags = [...tagCounts].map(([tag, c]) => ({ tag, ...c })).sort((a, b) => b.mentions - a.mentions || (a.tag < b.tag ? -1 : 1));
  expect(await loadHashtagCounts(store, ws, topicId, week)).toEqual(tags);

  // The link candidates the copy keeps are those of the texts as they are now.
  const links = raw.filter((r) => within(r, topicId, month) && r.text_norm.includes('http')).map((r) => `${r.published_at} ${JSON.stringify(linkCandidates(r.text))}`).sort();
  expect((await loadLinkCandidates(store, ws, topicId, month)).map((t) => `${t.publishedAt} ${JSON.stringify(t.links)}`).sort()).toEqual(links);

  // Posts shared by link: the topic's originals of the interval with one of the URLs asked
  // (URLs of replies, of other topics' posts and of other days are asked too; 500 at most).
  const asked = raw.filter((_, k) => k % 3 === 0).map((r) => r.url!).slice(0, 500);
  const byUrl = await loadPostsByUrl(store, ws, topicId, week, asked);
  expect(byUrl.map((f) => f.id).sort((a, b) => a - b)).toEqual(raw.filter((r) => within(r, topicId, week) && r.parent_external_id === null && asked.includes(r.url!)).map((r) => r.id).sort((a, b) => a - b));

  const facts = await loadMentionFacts(store, ws, topicId, week, { sentiment: 'negative' });
  expect(facts.map((f) => f.id).sort((a, b) => a - b)).toEqual(raw.filter((r) => within(r, topicId, week) && r.sentiment === 'negative').map((r) => r.id).sort((a, b) => a - b));

  for (const interval of [week, day]) {
    const channels = [...new Set(raw.filter((r) => within(r, topicId, interval)).map((r) => r.source))].sort();
    expect(await loadTopicChannels(store, ws, topicId, interval)).toEqual(channels);
  }

  const handles = ['author0', 'author1', 'author7', 'nobody'];
  const presence = await loadAuthorPresence(store, ws, handles, week);
  const expectedPresence = new Map<string, Set<string>>();
  for (const r of raw.filter((x) => handles.includes(x.author_handle) && x.published_at >= week.from && x.published_at < week.to)) {
    expectedPresence.set(r.author_handle, (expectedPresence.get(r.author_handle) ?? new Set()).add(r.source));
  }
  expect(new Map([...presence].map(([h, s]) => [h, [...s].sort()]))).toEqual(new Map([...expectedPresence].map(([h, s]) => [h, [...s].sort()])));

  // A local month (edges corrected from raw rows), a UTC month (none), a day (no month row).
  for (const interval of [localDaysInterval('2025-04-01', '2025-04-30', 'Europe/Paris'), { from: Date.UTC(2025, 3, 1), to: Date.UTC(2025, 4, 1) }, day]) {
    const stats = rawAuthorStats(raw.filter((r) => within(r, topicId, interval)));
    const influence = (a: AuthorStat) => stats.audience.get(`${a.handle} ${a.source}`)! + 10 * a.engagement;
    const byInfluence = [...stats.all].sort((a, b) => influence(b) - influence(a) || byKey(a, b)).slice(0, 6);
    expect(await loadAuthorStats(store, ws, topicId, interval, { orderBy: 'reach', limit: 6 })).toEqual(byInfluence);
    const stance = stats.all.filter((a) => a.positive > 0 || a.negative > 0);
    const top = (key: 'positiveReach' | 'negativeReach' | 'positive' | 'negative') => [...stance].sort((a, b) => b[key] - a[key] || byKey(a, b)).slice(0, 3);
    const expected = [...new Set([...top('positiveReach'), ...top('negativeReach'), ...top('positive'), ...top('negative')])].sort(byKey);
    expect((await loadAdvocacyCandidates(store, ws, topicId, interval, 3)).sort(byKey)).toEqual(expected);
  }

  // Daily series summed by day, hour or quarter hour in SQL, depending on the time zone.
  for (const timeZone of ['UTC', 'Europe/Paris', 'Asia/Kolkata']) {
    const interval = localDaysInterval('2025-04-01', '2025-04-30', timeZone);
    const series = await loadSeries(store, ws, { topicId, interval, timeZone, granularity: 'day' });
    const perDay = new Map<string, number>();
    for (const r of raw.filter((x) => within(x, topicId, interval))) perDay.set(localDateKey(r.published_at, timeZone), (perDay.get(localDateKey(r.published_at, timeZone)) ?? 0) + 1);
    expect(series.filter((b) => b.mentions > 0).map((b) => [b.date, b.mentions])).toEqual([...perDay].sort());
  }

  const quarters = await loadQuarterRows(store, ws, { topicIds: [topicId], interval: month });
  expect(quarters.reduce((n, q) => n + q.negative, 0)).toBe(inMonth.filter((r) => r.sentiment === 'negative').length);
  expect(quarters.reduce((n, q) => n + q.mentions, 0)).toBe(inMonth.length);
}

const byKey = (a: AuthorStat, b: AuthorStat) => (a.handle < b.handle ? -1 : a.handle > b.handle ? 1 : a.source < b.source ? -1 : a.source > b.source ? 1 : 0);

/** Per author and network, what the author rankings sum (a typical audience where followers are hidden, none for feeds). */
function rawAuthorStats(rows: RawRow[]): { all: AuthorStat[]; audience: Map<string, number> } {
  const stats = new Map<string, AuthorStat>();
  const audience = new Map<string, number>();
  for (const r of rows) {
    const key = `${r.author_handle} ${r.source}`;
    const s = stats.get(key) ?? { handle: r.author_handle, name: null, source: r.source, mentions: 0, positive: 0, negative: 0, followers: 0, engagement: 0, reach: 0, positiveReach: 0, negativeReach: 0, originals: 0 };
    const reach = r.author_followers ?? (r.source === 'rss' ? 0 : 200);
    s.mentions++;
    s.reach += reach;
    if (r.sentiment === 'positive') (s.positive++, (s.positiveReach += reach));
    if (r.sentiment === 'negative') (s.negative++, (s.negativeReach += reach));
    s.followers = Math.max(s.followers, r.author_followers ?? 0);
    s.engagement += engagement(r);
    if (r.parent_external_id === null) s.originals++;
    stats.set(key, s);
    audience.set(key, (audience.get(key) ?? 0) + reach);
  }
  return { all: [...stats.values()], audience };
}

const matcher = (topicId: number, word: string): TopicMatcher => ({ topicId, matches: (m) => m.text.includes(word) });

describeEachStore('watch rollup', (open) => {
  let store: Store;
  let ws: number;
  let acme: number;
  let rival: number;
  beforeAll(async () => {
    store = await open();
    ws = await workspaceId(store);
    await ingestBatch(store, ws, generate(600, 1, 'a'), { enricher: null, topics: [] });
    acme = (await createTopic(store, ws, { name: 'Acme', query: 'acme', role: 'brand' })).topic.id;
    rival = (await createTopic(store, ws, { name: 'Rival', query: 'rival', role: 'competitor' })).topic.id;
  });

  it('answers like the raw mentions after the first build, an incremental ingest with a re-import, and a topic backfill', async () => {
    await expectRollupMatchesRaw(store, ws, acme);
    await expectRollupMatchesRaw(store, ws, rival);

    // New mentions, and a stored one re-imported with a link, a tag and more engagement.
    const again = generate(600, 1, 'a')[5]!;
    const reimport = { ...again, text: `${again.text} #late https://late.example/y`, engagement: { likes: 500, shares: 50, replies: 5, views: null } };
    await ingestBatch(store, ws, [...generate(200, 2, 'b'), reimport], { enricher: null, topics: [matcher(acme, 'acme'), matcher(rival, 'rival')] });
    expect((await refreshRollup(store, ws)).full).toBe(false);
    await expectRollupMatchesRaw(store, ws, acme);
    await expectRollupMatchesRaw(store, ws, rival);

    // A new topic re-matches what is stored: the rollup is rebuilt for it.
    const posts = (await createTopic(store, ws, { name: 'Posts', query: 'post', role: 'other' })).topic.id;
    await expectRollupMatchesRaw(store, ws, posts);
    await expectRollupMatchesRaw(store, ws, acme);
  });

  it('sees the links of a `topics backfill` (which changes links, not the topic)', async () => {
    await expectRollupMatchesRaw(store, ws, rival);
    // The query changed behind Murmur's back (as `topics update --no-backfill` leaves it), then a backfill re-matches.
    const stamp = (await store.db.selectFrom('topics').select('updated_at').where('id', '=', rival).executeTakeFirstOrThrow()).updated_at;
    await store.db.updateTable('topics').set({ query: 'rival OR acme' }).where('id', '=', rival).execute();
    await backfillTopic(store, ws, rival);
    expect(Number((await store.db.selectFrom('topics').select('updated_at').where('id', '=', rival).executeTakeFirstOrThrow()).updated_at)).toBeGreaterThan(Number(stamp));
    await expectRollupMatchesRaw(store, ws, rival);
  });

  it('counts a re-dated mention only where it now is, moved once or twice between refreshes', async () => {
    await expectRollupMatchesRaw(store, ws, acme);
    const april = (m: MentionInput) => m.publishedAt >= new Date(Date.UTC(2025, 3, 1)) && m.publishedAt < new Date(Date.UTC(2025, 4, 1));
    const stored = generate(600, 1, 'a').filter((m) => m.text.startsWith('acme') && m.externalId !== 'a5' && april(m)).slice(0, 4);
    const pipeline = { enricher: null, topics: [matcher(acme, 'acme'), matcher(rival, 'rival')] };
    const movedTo = (m: MentionInput, at: number): MentionInput => ({ ...m, publishedAt: new Date(at) });
    await ingestBatch(store, ws, stored.slice(0, 3).map((m, i) => movedTo(m, Date.UTC(2025, 4, 10 + i))), pipeline);
    await ingestBatch(store, ws, [movedTo(stored[3]!, Date.UTC(2025, 4, 20))], pipeline);
    await ingestBatch(store, ws, [movedTo(stored[3]!, Date.UTC(2025, 3, 2, 5))], pipeline);
    expect((await refreshRollup(store, ws)).full).toBe(false);
    await expectRollupMatchesRaw(store, ws, acme);
    const pending = await store.db.selectFrom('mentions').select('id').where('previous_published_at', 'is not', null).execute();
    expect(pending).toEqual([]);
  });

  it('explains a spike from baseline counts as from every baseline mention', async () => {
    // A cascade on one day: replies to a post of the week before, and replies to those replies.
    const day = START + 50 * DAY;
    const raw = await rawRows(store);
    const root = raw.find((r) => r.topic_id === acme && r.published_at >= day - 7 * DAY && r.published_at < day - DAY && r.parent_external_id === null)!;
    const rootSource = raw.find((r) => r.id === root.id)!.source as MentionInput['source'];
    const reply = (id: string, parent: string, at: number, label: 'negative' | 'neutral'): MentionInput => ({
      ...generate(1, 9, 'x')[0]!, source: rootSource, externalId: id, parentExternalId: parent, publishedAt: new Date(at), text: `acme reply ${id}`,
      sentiment: { label, score: label === 'negative' ? -0.7 : 0, probabilities: { negative: 0.5, neutral: 0.5, positive: 0 } },
    });
    const { external_id: rootExternal, url: rootUrl } = await store.db.selectFrom('mentions').select(['external_id', 'url']).where('id', '=', root.id).executeTakeFirstOrThrow();
    const cascade = [
      ...Array.from({ length: 6 }, (_, k) => reply(`early${k}`, rootExternal, day - 3 * DAY + k * 3_600_000, 'negative')),
      ...Array.from({ length: 40 }, (_, k) => reply(`wave${k}`, rootExternal, day + 10 * 3_600_000 + k * 60_000, k % 4 ? 'negative' : 'neutral')),
      ...Array.from({ length: 12 }, (_, k) => reply(`echo${k}`, `early${k % 2}`, day + 12 * 3_600_000 + k * 60_000, 'negative')),
      // Reposts and quotes that carry no parent id, only the post's link.
      ...Array.from({ length: 8 }, (_, k) => ({ ...reply(`quote${k}`, '', day + 14 * 3_600_000 + k * 60_000, 'negative'), parentExternalId: null, text: `acme so true ${rootUrl}/` })),
    ];
    await ingestBatch(store, ws, cascade, { enricher: null, topics: [matcher(acme, 'acme')] });
    const window = { from: day, to: day + DAY };
    const baselineWindow = { from: day - 7 * DAY, to: day };
    for (const metric of ['mentions', 'negative'] as const) {
      for (const expected of [3, 500]) {
        const spike = { start: window.from, end: window.to - 3_600_000, granularity: 'hour', metric, points: [{ expected }] } as unknown as TopicSpike;
        const got = await explainTopicSpike(store, ws, acme, spike, 'UTC');
        const filter = metric === 'negative' ? { sentiment: 'negative' as const } : {};
        // Every mention with the links of its text.
        const withLinks = async (interval: Interval) => {
          const linked = new Map((await loadLinkedFacts(store, ws, acme, interval, filter.sentiment, 1e6)).map((m) => [m.id, m.links]));
          return (await loadMentionFacts(store, ws, acme, interval, filter)).map((m) => ({ ...m, links: linked.get(m.id) ?? [] }));
        };
        const inSpike = await withLinks(window);
        const baseline = await withLinks(baselineWindow);
        const known = new Set([...inSpike, ...baseline].map((m) => m.externalId));
        const parents = await loadFactsByExternalId(store, ws, inSpike.filter((m) => m.parentExternalId && !known.has(m.parentExternalId)).map((m) => ({ source: m.source, externalId: m.parentExternalId! })));
        const want = explainSpike({ spike: inSpike, spikeDuration: DAY, baseline, baselineDuration: 7 * DAY, parents, expected });
        expect(got.cause).toEqual(want);
        if (expected === 3) expect(got.cause.causes).toContainEqual(expect.objectContaining({ dimension: 'post', value: rootExternal, count: metric === 'negative' ? 50 : 60 }));
      }
    }
  });

  it('leaves the previous rollup whole when a rebuild fails half-way', async () => {
    await refreshRollup(store, ws);
    const snapshot = async () =>
      Promise.all([
        ...(['watch_rollup', 'watch_rollup_total', 'watch_topic_mentions', 'watch_topic_chains', 'watch_topic_hashtags', 'watch_topic_authors'] as const).map(async (table) =>
          Number((await store.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
        ),
        store.db.selectFrom('watch_rollup_state').selectAll().execute(),
        // The indexes a rebuild may drop while it runs are back.
        indexNames(store, 'watch_'),
      ]);
    const before = await snapshot();
    // Fails on a late month, after earlier months were rewritten.
    const failFrom = START + 60 * DAY;
    const stopFailing = await failInserts(store, 'watch_topic_hashtags', `published_at >= ${failFrom}`);
    await ingestBatch(store, ws, generate(50, 3, 'c'), { enricher: null, topics: [matcher(acme, 'acme')] });
    await expect(rebuildRollup(store, ws)).rejects.toThrow(/injected failure/);
    expect(await snapshot()).toEqual(before);

    await stopFailing();
    await refreshRollup(store, ws);
    await expectRollupMatchesRaw(store, ws, acme);
  });
});
