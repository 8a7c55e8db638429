/**
 * `murmur sources add lemmy|youtube|tumblr`: each added from its flags, polled through the
 * normal path against its replay server, listed with its key masked, and YouTube's quota
 * wait shown in `sources list`.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { brewlyComments, brewlyPosts } from '../../listen/connectors/lemmy/lemmy-fixtures.ts';
import { LemmyReplay } from '../../listen/connectors/lemmy/lemmy-replay.ts';
import { brewlyPosts as tumblrPosts } from '../../listen/connectors/tumblr/tumblr-fixtures.ts';
import { TumblrReplay } from '../../listen/connectors/tumblr/tumblr-replay.ts';
import { brewlyVideos, NOW } from '../../listen/connectors/youtube/youtube-fixtures.ts';
import { YouTubeReplay } from '../../listen/connectors/youtube/youtube-replay.ts';
import { cliHarness } from '../cli-testing.ts';

const cli = cliHarness('sources-open-web');
const murmur = cli.murmur;
let lemmy: LemmyReplay;
let youtube: YouTubeReplay;
let tumblr: TumblrReplay;
beforeAll(async () => {
  [lemmy, youtube, tumblr] = await Promise.all([LemmyReplay.start(), YouTubeReplay.start(), TumblrReplay.start()]);
  lemmy.posts = brewlyPosts();
  lemmy.comments = brewlyComments(lemmy.posts);
  youtube.videos = brewlyVideos();
  tumblr.posts = tumblrPosts();
});
afterAll(async () => {
  await Promise.all([lemmy.close(), youtube.close(), tumblr.close()]);
});

beforeEach(() => {
  // Noon in California on the fixtures' day: YouTube's quota day is half gone.
  vi.useFakeTimers({ toFake: ['Date'], now: NOW, shouldAdvanceTime: true });
  vi.stubEnv('MURMUR_SECRET_KEY', 'ab'.repeat(32));
  vi.stubEnv('YT_KEY', youtube.apiKey);
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllEnvs();
});

describe('murmur sources add lemmy|youtube|tumblr', () => {
  it('adds each from its flags, polls it into the store, and lists it with its key masked and its quota wait', async () => {
    expect(await murmur('sources', 'add', 'lemmy', '--instance', lemmy.url, '--query', 'brewly', '--lookback', '48', '--json')).toBe(0);
    expect(JSON.parse(cli.out)).toMatchObject({ network: 'lemmy', intervalMs: 600_000, config: { queries: ['brewly'], listingType: 'All', comments: true }, secrets: {} });
    expect(await murmur('sources', 'add', 'youtube', '--query', 'brewly', '--api-key', 'env:YT_KEY', '--daily-quota', '200', '--api-base', youtube.url, '--interval', '1m', '--json')).toBe(0);
    expect(JSON.parse(cli.out)).toMatchObject({ network: 'youtube', config: { queries: ['brewly'], dailyQuota: 200 }, secrets: { apiKey: '••••' } });
    expect(await murmur('sources', 'add', 'tumblr', '--tag', '#brewly', '--api-key', tumblr.apiKey, '--api-base', tumblr.url, '--lookback', '48')).toBe(0);
    expect(cli.out).toContain('added source #3 tumblr: #brewly');

    expect(await murmur('sources', 'run', '--once', '--json')).toBe(0);
    const { polls } = JSON.parse(cli.out) as { polls: { sourceId: number; outcome: string; inserted: number; note: string | null }[] };
    expect(polls.map((p) => [p.sourceId, p.outcome, p.inserted])).toEqual([
      [1, 'ok', 7],
      [2, 'ok', 8],
      [3, 'ok', 7],
    ]);
    expect(polls[1]!.note).toBeNull();
    // Another page may cost 126 units (search, videos.list, 25 comment threads): 230 > 200.
    expect(await murmur('sources', 'run', '2', '--once')).toBe(0);
    expect(cli.out).toMatch(/✓ #2 youtube: "brewly" \+ comments \(quota 200\/day\): 0 new, 0 updated, 1 page\(s\), 0 request\(s\); YouTube quota: 104 of 200 units used today \(Pacific time\); the day's 200 units would be exceeded, next search at 2026-11-23 08:00 UTC$/m);

    expect(await murmur('sources', 'list')).toBe(0);
    expect(cli.out).toContain('apiKey=••••');
    expect(cli.out).not.toContain(youtube.apiKey);
    expect(cli.out).not.toContain(tumblr.apiKey);
    expect(cli.out).toMatch(/note: YouTube quota: 104 of 200 units used today/);
  });

  it('refuses flags that do not apply and options the schema refuses', async () => {
    expect(await murmur('sources', 'add', 'tumblr', '--tag', 'brewly', '--api-key', 'k', '--daily-quota', '100')).toBe(1);
    expect(cli.err).toContain('--daily-quota does not apply to tumblr sources');
    expect(await murmur('sources', 'add', 'youtube', '--query', 'brewly', '--api-key', 'k', '--daily-quota', '50')).toBe(1);
    expect(cli.err).toMatch(/youtube source: dailyQuota: .*102/);
    expect(await murmur('sources', 'add', 'youtube', '--query', 'brewly')).toBe(1);
    expect(cli.err).toContain('YouTube needs an API key (--api-key)');
    expect(await murmur('sources', 'add', 'lemmy', '--query', 'brewly')).toBe(1);
    expect(cli.err).toMatch(/lemmy source: instance/);
  });
});
