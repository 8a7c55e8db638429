import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { openStore, type Store } from '../../store/store.ts';
import { describeEachStore, testStoreFactory } from '../../store/testing.ts';
import { workspaceId } from '../../store/workspaces.ts';
import { TEST_KEY } from '../connectors/connector-testing.ts';
import { HackerNewsReplay } from '../connectors/hackernews/hackernews-replay.ts';
import { accounts, status, type StatusFixture } from '../connectors/mastodon/mastodon-fixtures.ts';
import { MastodonReplay } from '../connectors/mastodon/mastodon-replay.ts';
import { chronicleItems, rss2 } from '../connectors/rss/rss-fixtures.ts';
import { FeedReplay } from '../connectors/rss/rss-replay.ts';
import { addSource, getSourceRow } from '../sources.ts';
import type { PollSummary } from './run-source.ts';
import { startScheduler } from './scheduler.ts';
import { until } from '../../core/until-testing.ts';

let mastodon: MastodonReplay;
let hn: HackerNewsReplay;
let feeds: FeedReplay;
beforeAll(async () => {
  [mastodon, hn, feeds] = await Promise.all([MastodonReplay.start(), HackerNewsReplay.start(), FeedReplay.start()]);
  feeds.publish('chronicle.xml', rss2(chronicleItems));
});
afterAll(async () => {
  await Promise.all([mastodon.close(), hn.close(), feeds.close()]);
});

// The schedulers here run on the real clock and read back `lookbackHours` (30 days) from
// it, so the fixtures are dated from the clock too: the day before the test runs.
const START = Date.now() - 24 * 3600_000;
/** Forty statuses in #brewly, one a minute, plus `extra` more later ones. */
function timeline(count: number, from = 0): StatusFixture[] {
  return Array.from({ length: count }, (_, i) =>
    status({ id: String(110_000_000_000_000_000n + BigInt(from + i + 1) * 1000n), account: accounts.remote, content: `<p>#brewly post ${from + i + 1} ✨</p>`, createdAt: new Date(START + (from + i) * 60_000).toISOString() }),
  );
}
beforeEach(() => {
  mastodon.statuses = timeline(40);
  mastodon.tags = [];
});

const slowFetch =
  (ms: number): typeof fetch =>
  async (input, init) => {
    await new Promise((resolve) => setTimeout(resolve, ms));
    return fetch(input, init);
  };
const clockAfter = (offsetMs: number) => () => Date.now() + offsetMs;
const mastodonSource = { network: 'mastodon', config: { instance: '', tags: ['brewly'], pageSize: 4, maxPages: 100, lookbackHours: 24 * 30 } };

async function countMentions(store: Store): Promise<{ total: number; distinct: number }> {
  const rows = await store.db.selectFrom('mentions').select('external_id').execute();
  return { total: rows.length, distinct: new Set(rows.map((r) => r.external_id)).size };
}


describeEachStore('scheduler', (open) => {
  it('stopped mid-poll, it resumes on restart with nothing lost or doubled', async () => {
    const store = await open();
    const ws = await workspaceId(store);
    const source = await addSource(store, ws, { ...mastodonSource, config: { ...mastodonSource.config, instance: mastodon.url } }, { key: TEST_KEY });
    const summaries: PollSummary[] = [];
    const first = startScheduler(store, { key: TEST_KEY, fetch: slowFetch(25), tickMs: 10, publish: false, onPoll: (s) => summaries.push(s), pipelineFor: async () => ({ enricher: null, topics: [] }) });
    await until(async () => (await countMentions(store)).total >= 8);
    await first.stop();
    const stopped = await countMentions(store);
    expect(stopped.total).toBeLessThan(40);
    expect(summaries.map((s) => s.outcome)).toEqual(['aborted']);
    const row = await getSourceRow(store, source.id);
    expect(row.lease_until).toBeNull();
    expect(JSON.parse(row.cursor!)).toMatchObject({ streams: { 'tag:brewly': { hw: null, walk: { page: expect.any(String) } } } });

    mastodon.statuses.push(...timeline(5, 40)); // new posts while we were down
    const second = startScheduler(store, { key: TEST_KEY, tickMs: 10, publish: false, onPoll: (s) => summaries.push(s), pipelineFor: async () => ({ enricher: null, topics: [] }) });
    await until(async () => summaries.length >= 2);
    // The interrupted walk finished; the next poll (an interval later) picks up the 5 new ones.
    const next = startScheduler(store, { key: TEST_KEY, tickMs: 10, publish: false, now: clockAfter(10 * 60_000), onPoll: (s) => summaries.push(s), pipelineFor: async () => ({ enricher: null, topics: [] }) });
    await until(async () => summaries.length >= 3);
    await Promise.all([second.stop(), next.stop()]);
    expect(await countMentions(store)).toEqual({ total: 45, distinct: 45 });
    expect(summaries.slice(1).map((s) => s.outcome)).toEqual(['ok', 'ok']);
    expect(summaries.reduce((n, s) => n + s.inserted, 0)).toBe(45);
  });

  it('keeps polling other sources while one hangs, and cuts the hung poll at its timeout', async () => {
    const store = await open();
    const ws = await workspaceId(store);
    const hung = await addSource(store, ws, { network: 'hackernews', config: { queries: ['brewly'], apiBase: hn.url } });
    const fine = await addSource(store, ws, { network: 'rss', config: { url: feeds.feedUrl('chronicle.xml') } });
    hn.server.fault('GET', '/api/v1/search_by_date', { hang: true });
    const summaries: PollSummary[] = [];
    const ingested: [number, number][] = [];
    const scheduler = startScheduler(store, {
      tickMs: 10,
      publish: false,
      pollTimeoutMs: 1000,
      requestTimeoutMs: 10_000,
      onPoll: (s) => summaries.push(s),
      onIngested: (workspace, result) => {
        ingested.push([workspace, result.inserted]);
      },
      pipelineFor: async () => ({ enricher: null, topics: [] }),
    });
    await until(async () => summaries.length >= 2);
    await scheduler.stop();
    expect(summaries.map((s) => [s.sourceId, s.outcome])).toEqual([
      [fine.id, 'ok'],
      [hung.id, 'failed'],
    ]);
    expect(summaries[1]!.error).toBe('the poll took longer than 1 s and was stopped (pages stored so far are kept)');
    expect(ingested).toEqual([[ws, 3]]);
    expect((await getSourceRow(store, hung.id)).consecutive_failures).toBe(1);
  });
});

it('survives being killed (SIGKILL) in the middle of a poll: the restart resumes with nothing lost or doubled', async () => {
  const factory = testStoreFactory('sqlite');
  const location = await factory.location();
  const store = await openStore(location);
  try {
    const ws = await workspaceId(store);
    await addSource(store, ws, { ...mastodonSource, config: { ...mastodonSource.config, instance: mastodon.url } }, { key: TEST_KEY });
    const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./scheduler-child.ts', import.meta.url)), location, TEST_KEY.toString('hex'), '30'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, MURMUR_LOG_LEVEL: 'silent' },
    });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    await until(async () => (await countMentions(store)).total >= 12);
    child.kill('SIGKILL');
    await exited;
    const atKill = await countMentions(store);
    expect(atKill.total).toBeLessThan(40);
    expect(atKill.total).toBe(atKill.distinct);
    // The dead process still holds its lease; a restart after the lease expires takes over.
    const summaries: PollSummary[] = [];
    const restarted = startScheduler(store, { key: TEST_KEY, tickMs: 10, publish: false, now: clockAfter(5 * 60_000), onPoll: (s) => summaries.push(s), pipelineFor: async () => ({ enricher: null, topics: [] }) });
    await until(async () => summaries.length >= 1);
    await restarted.stop();
    expect(summaries[0]!.outcome).toBe('ok');
    expect(await countMentions(store)).toEqual({ total: 40, distinct: 40 });
  } finally {
    await store.close();
    await factory.cleanup();
  }
});
