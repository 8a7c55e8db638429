import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachStore } from '../../../store/testing.ts';
import { workspaceId } from '../../../store/workspaces.ts';
import { listSources } from '../../sources.ts';
import { addTestSource, poll, sourceState, storedMentions, testClock } from '../connector-testing.ts';
import { hourlyShare, QueryBudget } from './threads-budget.ts';
import { brewlyThreads, graphError } from './threads-fixtures.ts';
import { THREADS_TOKEN, ThreadsReplay } from './threads-replay.ts';

let replay: ThreadsReplay;
beforeAll(async () => {
  replay = await ThreadsReplay.start();
});
afterAll(() => replay.close());

const HOUR = 3_600_000;
const clock = testClock(Date.parse('2026-11-22T12:00:00Z'));
const threads = (queries: string[], extra: Record<string, unknown> = {}, token = THREADS_TOKEN) => ({
  network: 'threads',
  config: { queries, apiBase: replay.apiBase, pageSize: 10, ...extra },
  secrets: { accessToken: token },
});

describe('threads query budget', () => {
  it('never lets a 24 h window spend more than the daily budget, whatever the polling', () => {
    let time = Date.parse('2026-11-22T00:30:00Z');
    const budget = new QueryBudget(null, 2200, () => time);
    const spentAt: number[] = [];
    // Ask for a query every ten seconds for two days.
    for (let tick = 0; tick < 2 * 24 * 360; tick++, time += 10_000) if (budget.take()) spentAt.push(time);
    expect(hourlyShare(2200)).toBe(88);
    // The busiest 24 h window, from any query on (spentAt is in time order).
    let busiest = 0;
    for (let first = 0, last = 0; first < spentAt.length; first++) {
      while (last < spentAt.length && spentAt[last]! < spentAt[first]! + 24 * HOUR) last++;
      busiest = Math.max(busiest, last - first);
    }
    expect(busiest).toBeLessThanOrEqual(2200);
    expect(busiest).toBeGreaterThan(2100);
    // …and still spends most of it: 24 hours of 88.
    expect(spentAt.filter((t) => t < Date.parse('2026-11-23T00:00:00Z')).length).toBe(88 * 24);
  });
});

describeEachStore('threads connector', (open) => {
  it('stores each post once across pages and polls, with the token only as the documented parameter', async () => {
    const store = await open();
    replay.posts.set('brewly', brewlyThreads(25));
    const source = await addTestSource(store, await workspaceId(store), threads(['brewly']), clock.now);
    expect(source.secrets).toEqual({ accessToken: '••••' });
    const earlier = replay.server.requestsTo('/v1.0/keyword_search').length;
    expect(await poll(store, source.id, clock.now)).toMatchObject({ outcome: 'ok', pages: 3, inserted: 24 });
    const requests = replay.server.requestsTo('/v1.0/keyword_search').slice(earlier);
    expect(requests.map((r) => [r.query.get('search_type'), r.query.get('after') !== null])).toEqual([['RECENT', false], ['RECENT', true], ['RECENT', true]]);
    expect(requests[0]!.query.get('since')).toBe(String((clock.now() - 24 * HOUR) / 1000));
    const rows = await storedMentions(store, 'threads');
    expect(rows).toHaveLength(24); // the image post without text says nothing
    const reply = rows.find((r) => r.parent_external_id !== null)!;
    expect(reply).toMatchObject({ author_handle: 'coffee_fan_1', text: '@coffee_fan_0 agreed, Brewly nails it', parent_external_id: '18028000000000025', published_at: Date.parse('2026-11-22T11:20:00Z') });
    expect(rows.at(-1)).toMatchObject({ external_id: '18028000000000025', url: 'https://www.threads.com/@coffee_fan_0/post/C00000025' });

    // Two new posts: one page, since = the newest stored post.
    replay.posts.set('brewly', [...brewlyThreads(1, Date.parse('2026-11-22T11:55:00Z'), 18_028_000_000_000_100n), ...brewlyThreads(1, Date.parse('2026-11-22T11:50:00Z'), 18_028_000_000_000_200n), ...brewlyThreads(25)]);
    const before = replay.server.requestsTo('/v1.0/keyword_search').length;
    expect(await poll(store, source.id, clock.now)).toMatchObject({ outcome: 'ok', inserted: 2, updated: 0 });
    const again = replay.server.requestsTo('/v1.0/keyword_search').slice(before);
    expect(again).toHaveLength(1);
    expect(again[0]!.query.get('since')).toBe(String(Date.parse('2026-11-22T11:40:00Z') / 1000));
    // Four queries so far this hour, counted in the cursor.
    expect((await sourceState(store, source.id)).cursor).toMatchObject({ usage: { [String(Math.floor(clock.now() / HOUR) * HOUR)]: 4 } });
  });

  it('stops at the hour\'s share of the budget and says when the next query may go', async () => {
    const store = await open();
    const ws = await workspaceId(store);
    replay.posts.set('cold brew', brewlyThreads(25));
    // A budget of 50 a day is 2 queries an hour: two pages now, the third next hour.
    const source = await addTestSource(store, ws, threads(['cold brew'], { dailyQueryBudget: 50 }), clock.now);
    expect(await poll(store, source.id, clock.now)).toMatchObject({ outcome: 'ok', pages: 2, inserted: 19 });
    const spent = await poll(store, source.id, clock.now);
    expect(spent).toMatchObject({ outcome: 'failed', requests: 0 });
    expect(spent.nextPollAt!.getTime()).toBe(Date.parse('2026-11-22T13:00:00Z'));
    const [listed] = await listSources(store, ws);
    expect(listed).toMatchObject({ consecutiveFailures: 0 });
    expect(listed!.lastError).toBe("Threads keyword search: this hour's share of the daily budget is spent (2 of 50 queries in 24 h); the next query at 2026-11-22T13:00:00.000Z");
    const next = testClock(Date.parse('2026-11-22T13:00:00Z'));
    expect(await poll(store, source.id, next.now)).toMatchObject({ outcome: 'ok', inserted: 5 });
  });

  it('turns Graph errors into what a person can act on, without the token', async () => {
    const store = await open();
    const ws = await workspaceId(store);
    const bad = await addTestSource(store, ws, threads(['brewly'], {}, 'expired-token-value'), clock.now);
    expect(await poll(store, bad.id, clock.now)).toMatchObject({ outcome: 'failed' });
    const state = await sourceState(store, bad.id);
    expect(state).toMatchObject({ status: 'unhealthy' });
    expect(state.last_error).toBe('Threads refused the access token: "Invalid OAuth access token - Cannot parse access token" (code 190): create a new long-lived token');
    expect(state.last_error).not.toContain('expired-token-value');

    const limited = await addTestSource(store, ws, threads(['brewly']), clock.now);
    replay.server.fault('GET', '/v1.0/keyword_search', { status: 400, json: graphError(4, '(#4) Application request limit reached') });
    const summary = await poll(store, limited.id, clock.now);
    expect(summary).toMatchObject({ outcome: 'failed' });
    expect(summary.nextPollAt!.getTime()).toBe(clock.now() + HOUR);
    expect(summary.error).toBe(`GET ${replay.apiBase}/keyword_search: HTTP 400 Bad Request: Meta says "(#4) Application request limit reached" (code 4)`);
    expect((await sourceState(store, limited.id)).consecutive_failures).toBe(0);
  });
});
