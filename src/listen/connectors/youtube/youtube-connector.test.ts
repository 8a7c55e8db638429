import { afterAll, beforeAll, beforeEach, expect, it, vi } from 'vitest';
import { log } from '../../../core/log.ts';
import { describeEachStore } from '../../../store/testing.ts';
import { workspaceId } from '../../../store/workspaces.ts';
import { listSources } from '../../sources.ts';
import { addTestSource, poll, sourceState, storedMentions, testClock } from '../connector-testing.ts';
import { brewlyVideos, comment, NOW, video } from './youtube-fixtures.ts';
import { YouTubeReplay } from './youtube-replay.ts';

let replay: YouTubeReplay;
beforeAll(async () => {
  replay = await YouTubeReplay.start();
});
afterAll(() => replay.close());
beforeEach(() => {
  replay.videos = brewlyVideos();
  replay.server.requests.length = 0;
  replay.unitsUsed = 0;
  replay.quota = 10_000;
});

const clock = testClock(NOW);
beforeEach(() => clock.set(NOW));
const youtube = (config: Record<string, unknown> = {}, apiKey = replay.apiKey) => ({ network: 'youtube', config: { queries: ['brewly'], apiBase: replay.url, pageSize: 2, ...config }, secrets: { apiKey } });
const requests = (resource: string) => replay.server.requestsTo(`/youtube/v3/${resource}`);
/** Midnight in California on 22 November 2026 (PST), when the quota day began. */
const DAY_START = Date.parse('2026-11-22T08:00:00Z');
const quotaOf = async (store: Parameters<typeof sourceState>[0], id: number) => ((await sourceState(store, id)).cursor as { quota: unknown }).quota;

describeEachStore('youtube connector', (open) => {
  it('searches videos by date, completes them with videos.list, reads their comments, and counts every unit', async () => {
    const store = await open();
    const source = await addTestSource(store, await workspaceId(store), youtube(), clock.now);
    expect(await poll(store, source.id, clock.now)).toMatchObject({ outcome: 'ok', inserted: 8, note: null });
    const searches = requests('search');
    expect(searches.map((r) => r.query.get('pageToken'))).toEqual([null, 'Q0Ey', 'Q0E0']);
    expect(searches[0]!.query.get('publishedAfter')).toBe('2026-11-21T20:00:00.000Z');
    // Comment threads only for videos with comments (or no count: comments off → 403, skipped).
    expect(requests('commentThreads').map((r) => r.query.get('videoId'))).toEqual(['kJQP7kiw5Fk', '9bZkp7q19f0', 'dQw4w9WgXcQ']);
    expect(await quotaOf(store, source.id)).toEqual({ day: '2026-11-22', used: replay.unitsUsed });
    expect(replay.unitsUsed).toBe(3 * 100 + 3 + 3);
    const rows = new Map((await storedMentions(store, 'youtube')).map((r) => [r.external_id, r]));
    expect(rows.get('dQw4w9WgXcQ')).toMatchObject({
      author_handle: 'UCbrewly0000000000000000',
      author_name: 'Brewly Coffee',
      url: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ',
      likes: 812,
      replies: 2,
      source_lang: 'en',
      text: expect.stringMatching(/^Brewly cold brew review\n\nWe tried Brewly & friends\.\n.*only videos\.list has the end\.$/s),
    });
    expect(rows.get('9bZkp7q19f0')).toMatchObject({ author_name: 'Taste Lab', source_lang: 'en-GB' });
    expect(rows.get('RgKAFK5djSk')!.source_lang).toBeNull(); // zxx: no linguistic content
    expect(rows.get('UgzAbc1')).toMatchObject({ author_handle: 'marie_fr', author_name: '@marie_fr', text: 'Le Brewly est top ☕', likes: 12, replies: 2, parent_external_id: 'dQw4w9WgXcQ', url: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ&lc=UgzAbc1' });
    expect(rows.get('UgzDef1')!.parent_external_id).toBe('9bZkp7q19f0');
  });

  it('asks only for videos published since the newest stored, and stores nothing twice', async () => {
    const store = await open();
    const source = await addTestSource(store, await workspaceId(store), youtube(), clock.now);
    await poll(store, source.id, clock.now);
    replay.videos.push(video('3JZ_D3ELwOQ', 1, 'Brewly new grinder', { comments: [comment('UgzNew1', 0.5, '@sofia', 'Brewly grinder looks great')] }));
    replay.server.requests.length = 0;
    expect(await poll(store, source.id, clock.now)).toMatchObject({ outcome: 'ok', inserted: 2 });
    expect(requests('search')[0]!.query.get('publishedAfter')).toBe('2026-11-22T18:00:00.000Z');
    const ids = (await storedMentions(store, 'youtube')).map((r) => r.external_id);
    expect(ids).toHaveLength(10);
    expect(new Set(ids).size).toBe(10);
  });

  it('spreads the daily quota over the day: a poll that would spend ahead of its share waits, says so, and resumes', async () => {
    const store = await open();
    const ws = await workspaceId(store);
    // A 1-minute interval, so the quota plan is what decides the next poll.
    const source = await addTestSource(store, ws, { ...youtube({ dailyQuota: 400 }), intervalMs: 60_000 }, clock.now);
    // At noon in California half the day's 400 units may be spent, plus one page (103 units, more than a tenth): 303.
    const first = await poll(store, source.id, clock.now);
    expect(first).toMatchObject({ outcome: 'ok', inserted: 5, error: null });
    expect(replay.unitsUsed).toBe(204);
    // The next page may cost 103 (search, videos, 2 comment threads): 307 is allowed at 12h14m24s.
    const resumeAt = DAY_START + Math.ceil(((204 + 103 - 103) / 400) * 86_400_000);
    expect(resumeAt).toBe(Date.parse('2026-11-22T20:14:24Z'));
    expect(first.nextPollAt!.getTime()).toBe(resumeAt);
    expect(first.note).toBe('YouTube quota: 204 of 400 units used today (Pacific time); the quota is spread over the day, next search at 2026-11-22 20:14 UTC');
    const listed = (await listSources(store, ws))[0]!;
    expect(listed).toMatchObject({ status: 'ok', consecutiveFailures: 0, lastError: null, lastResult: { note: first.note } });
    clock.set(resumeAt);
    expect(await poll(store, source.id, clock.now)).toMatchObject({ outcome: 'ok', inserted: 3, note: null });
    expect(await quotaOf(store, source.id)).toEqual({ day: '2026-11-22', used: 306 });
    expect(await storedMentions(store, 'youtube')).toHaveLength(8);
  });

  it('waits for the Pacific-midnight reset when the day’s quota cannot cover a page, then counts afresh', async () => {
    const store = await open();
    const source = await addTestSource(store, await workspaceId(store), { ...youtube({ dailyQuota: 300 }), intervalMs: 60_000 }, clock.now);
    clock.set(Date.parse('2026-11-23T07:50:00Z')); // 23:50 in California
    const late = await poll(store, source.id, clock.now);
    expect(late).toMatchObject({ outcome: 'ok', inserted: 5 });
    expect(late.note).toMatch(/^YouTube quota: 204 of 300 units used today \(Pacific time\); the day's 300 units would be exceeded, next search at 2026-11-23 08:00 UTC$/);
    expect(late.nextPollAt!.getTime()).toBe(Date.parse('2026-11-23T08:00:00Z'));
    clock.set(Date.parse('2026-11-23T08:00:00Z'));
    expect(await poll(store, source.id, clock.now)).toMatchObject({ outcome: 'ok', inserted: 3 });
    expect(await quotaOf(store, source.id)).toEqual({ day: '2026-11-23', used: 102 });
  });

  it('takes a quotaExceeded 403 as a wait until the reset, keeping the units counted, never showing the key', async () => {
    const store = await open();
    const ws = await workspaceId(store);
    const source = await addTestSource(store, ws, youtube(), clock.now);
    replay.quota = 150; // another user of the key spent the rest
    const summary = await poll(store, source.id, clock.now);
    expect(summary).toMatchObject({ outcome: 'failed', inserted: 2 });
    expect(summary.error).toMatch(/\/youtube\/v3\/search: HTTP 403 Forbidden \(quotaExceeded\): the project's daily quota is spent .* after the reset at 2026-11-23 08:00 UTC$/);
    expect(summary.nextPollAt!.getTime()).toBe(Date.parse('2026-11-23T08:00:00Z'));
    expect(await sourceState(store, source.id)).toMatchObject({ consecutive_failures: 0, status: 'new' });
    expect(await quotaOf(store, source.id)).toEqual({ day: '2026-11-22', used: 201 });
    const shown = JSON.stringify(await listSources(store, ws));
    expect(shown).toContain('quotaExceeded');
    expect(shown).not.toContain(replay.apiKey);
  });

  it('marks a refused API key unhealthy at once, the key in no message or log', async () => {
    const store = await open();
    const ws = await workspaceId(store);
    const source = await addTestSource(store, ws, youtube({}, 'AIzaWrongKey'), clock.now);
    const warn = vi.spyOn(log, 'warn');
    const summary = await poll(store, source.id, clock.now);
    expect(warn).toHaveBeenCalled();
    expect(JSON.stringify(warn.mock.calls)).not.toContain('AIzaWrongKey');
    warn.mockRestore();
    expect(summary.error).toMatch(/^YouTube refused the API key: GET http:\/\/127\.0\.0\.1:\d+\/youtube\/v3\/search: HTTP 400 Bad Request \(badRequest\)$/);
    expect((await listSources(store, ws))[0]).toMatchObject({ status: 'unhealthy' });
    expect(JSON.stringify(await listSources(store, ws))).not.toContain('AIzaWrongKey');
  });
});
