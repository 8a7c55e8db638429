/**
 * Root cause and activation read replies, reposts and links from the chain rows the
 * rollup keeps, not from the mentions' rows and texts: at 10M mentions a viral post's
 * thousands of reposts read whole, and two weeks of texts with links, were most of their
 * time. Counted in rows, not timed: the mentions read are the few posts shown and looked up.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { MentionInput } from '../core/mention.ts';
import { ingestBatch } from '../listen/pipeline.ts';
import { createTopic } from '../listen/topics.ts';
import { openStore, type Store } from '../store/store.ts';
import { describeEachStore, recordQueries, type RecordedQuery } from '../store/testing.ts';
import { workspaceId } from '../store/workspaces.ts';
import { explainTopicSpike, loadActivation } from './loaders.ts';
import { readRollupAsIs, refreshRollup } from './rollup.ts';
import type { TopicSpike } from './spikes.ts';
import { DAY, HOUR } from './time.ts';

const SPIKE_DAY = Date.UTC(2025, 5, 10);

function post(id: string, at: number, extra: Partial<MentionInput> = {}): MentionInput {
  return {
    source: 'mastodon',
    externalId: id,
    url: `https://mastodon.example/@a/${id}`,
    author: { handle: `author_${id}`, displayName: null, followers: 100 },
    text: `acme ${id}`,
    publishedAt: new Date(at),
    engagement: { likes: 1, shares: 0, replies: 0, views: null },
    parentExternalId: null,
    lang: 'en',
    ...extra,
  };
}

/** A week of ordinary posts (some with links), then a day when one post draws 40 replies and 10 link quotes. */
function mentions(): MentionInput[] {
  const week = Array.from({ length: 70 }, (_, k) => post(`w${k}`, SPIKE_DAY - 7 * DAY + k * 2 * HOUR, k % 3 ? {} : { text: `acme w${k} https://news.example/${k % 4}` }));
  const root = post('root', SPIKE_DAY - 2 * DAY, { text: 'acme root post' });
  const replies = Array.from({ length: 40 }, (_, k) => post(`r${k}`, SPIKE_DAY + HOUR + k * 60_000, { parentExternalId: 'root' }));
  const quotes = Array.from({ length: 10 }, (_, k) => post(`q${k}`, SPIKE_DAY + 2 * HOUR + k * 60_000, { text: `acme so true ${root.url}` }));
  const linked = Array.from({ length: 6 }, (_, k) => post(`l${k}`, SPIKE_DAY + 3 * HOUR + k * 60_000, { text: `acme read https://www.blog.example/x` }));
  return [...week, root, ...replies, ...quotes, ...linked];
}

/** Rows returned by queries that read the mentions table (not the Watch copies named *_mentions). */
const mentionRowsRead = (queries: RecordedQuery[]) => queries.filter((q) => /\b(from|join)\s+"?mentions"?(\s|$)/i.test(q.sql)).reduce((n, q) => n + q.rows, 0);
/** Rows returned by queries that read mentions' texts. */
const textRowsRead = (queries: RecordedQuery[]) => queries.filter((q) => /"?\btext"?\s*(,|from)/i.test(q.sql)).reduce((n, q) => n + q.rows, 0);

describeEachStore('root cause and activation read the chain rows', (_open, location) => {
  let at: string;
  let store: Store;
  let ws: number;
  let topic: number;
  beforeAll(async () => {
    at = await location();
    store = await openStore(at);
    ws = await workspaceId(store);
    topic = (await createTopic(store, ws, { name: 'Acme', query: 'acme', role: 'brand' })).topic.id;
    await ingestBatch(store, ws, mentions(), { enricher: null, topics: [{ topicId: topic, matches: (m) => m.text.includes('acme') }] });
    await refreshRollup(store, ws);
  });
  afterAll(() => store.close());

  it('explains a cascade reading only the posts it shows and looks up', async () => {
    const recorded = recordQueries(store);
    const spike = { start: SPIKE_DAY, end: SPIKE_DAY + DAY - HOUR, granularity: 'hour', metric: 'mentions', direction: 'rise', points: [{ expected: 3 }] } as unknown as TopicSpike;
    const explained = await readRollupAsIs(() => explainTopicSpike(recorded.store, ws, topic, spike, 'UTC'));
    // The replies and the quotes sharing the root's link make one cause; the blog is a site.
    expect(explained.cause.main).toMatchObject({ dimension: 'post', value: 'root', count: 50 });
    expect(explained.cause.causes).toContainEqual(expect.objectContaining({ dimension: 'domain', value: 'blog.example', count: 6 }));
    // The root post looked up by its external id, then the five evidence posts and the root
    // ranked and read (2 × 6): not the 56 replies and mentions with links.
    expect(mentionRowsRead(recorded.queries)).toBeLessThanOrEqual(13);
    expect(textRowsRead(recorded.queries)).toBeLessThanOrEqual(6);
  });

  it('counts the links of two weeks without reading mentions', async () => {
    const recorded = recordQueries(store);
    const activation = await readRollupAsIs(() => loadActivation(recorded.store, ws, { topicId: topic, date: '2025-06-10', timeZone: 'UTC' }));
    expect(activation.links.links).toEqual({ current: 16, previous: 24, growth: 16 / 24 - 1 });
    expect(activation.links.domains.map((d) => d.key)).toEqual(['mastodon.example', 'blog.example', 'news.example']);
    expect(recorded.queries.length).toBeGreaterThan(0);
    expect(mentionRowsRead(recorded.queries)).toBe(0);
  });

  it('upgrades to 5250 again after an upgrade cut short, and then rebuilds what a new store has (migration 5250)', async () => {
    const written = async () => ({
      chains: await store.db.selectFrom('watch_topic_chains').selectAll().orderBy(['topic_id', 'published_at', 'mention_id']).execute(),
      domains: await store.db.selectFrom('watch_topic_mentions').select(['mention_id', 'domain']).orderBy(['topic_id', 'published_at', 'mention_id']).execute(),
    });
    const byRollup = await written();
    expect(byRollup.chains.length).toBe(40 + 10 + 6 + 24);
    expect(byRollup.chains.filter((c) => c.links !== null).length).toBe(10 + 6 + 24);
    // As SQLite leaves an upgrade cut short: the column and the table made, half the
    // rows written, and 5250 not recorded, so it runs again at the next open.
    await store.db.deleteFrom('watch_topic_chains').where('mention_id', '>', byRollup.chains[20]!.mention_id).execute();
    await store.db.updateTable('watch_topic_mentions').set({ domain: null }).execute();
    await store.db.deleteFrom('kysely_migration' as never).where('name' as never, '=', '5250-watch-topic-chains' as never).execute();
    await store.close();
    store = await openStore(at);
    await refreshRollup(store, ws);
    expect(await written()).toEqual(byRollup);
  });
});
