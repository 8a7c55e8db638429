import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { brewlyHits } from '../../listen/connectors/hackernews/hackernews-fixtures.ts';
import { HackerNewsReplay } from '../../listen/connectors/hackernews/hackernews-replay.ts';
import { brewlyTimeline } from '../../listen/connectors/mastodon/mastodon-fixtures.ts';
import { MastodonReplay } from '../../listen/connectors/mastodon/mastodon-replay.ts';
import { chronicleItems, rss2 } from '../../listen/connectors/rss/rss-fixtures.ts';
import { FeedReplay } from '../../listen/connectors/rss/rss-replay.ts';
import { brewlyNews, googleNewsFeed } from '../../listen/connectors/googlenews/googlenews-fixtures.ts';
import { GoogleNewsReplay } from '../../listen/connectors/googlenews/googlenews-replay.ts';
import { brewlyChannel } from '../../listen/connectors/telegram/telegram-fixtures.ts';
import { TelegramReplay } from '../../listen/connectors/telegram/telegram-replay.ts';
import { brewlyThreads } from '../../listen/connectors/threads/threads-fixtures.ts';
import { THREADS_TOKEN, ThreadsReplay } from '../../listen/connectors/threads/threads-replay.ts';
import { log } from '../../core/log.ts';
import { cliHarness } from '../cli-testing.ts';

const cli = cliHarness('sources');
const murmur = cli.murmur;
let mastodon: MastodonReplay;
let hn: HackerNewsReplay;
let feeds: FeedReplay;
beforeAll(async () => {
  [mastodon, hn, feeds] = await Promise.all([MastodonReplay.start(), HackerNewsReplay.start(), FeedReplay.start()]);
  mastodon.statuses = brewlyTimeline();
  hn.hits = brewlyHits();
  feeds.publish('chronicle.xml', rss2(chronicleItems));
});
afterAll(async () => {
  await Promise.all([mastodon.close(), hn.close(), feeds.close()]);
});

// The fixtures are dated around 2026-11-22 and the connectors read back `--lookback` hours
// from the clock: the CLI runs at the fixtures' time, however far the real clock has moved.
const FIXTURE_NOW = Date.parse('2026-11-22T12:00:00Z');

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'], now: FIXTURE_NOW, shouldAdvanceTime: true });
  vi.stubEnv('MURMUR_SECRET_KEY', 'ab'.repeat(32));
  vi.stubEnv('BREWLY_MASTODON_TOKEN', 'mastodon-token-1');
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllEnvs();
});

describe('murmur sources', () => {
  it('adds sources of three networks, runs them once, lists them with secrets masked, removes one', async () => {
    expect(await murmur('sources', 'add', 'mastodon', '--instance', mastodon.url, '--tag', 'brewly', '--token', 'env:BREWLY_MASTODON_TOKEN', '--interval', '2m', '--json')).toBe(0);
    expect(JSON.parse(cli.out)).toMatchObject({ id: 1, network: 'mastodon', intervalMs: 120_000, secrets: { token: '••••' } });
    expect(await murmur('sources', 'add', 'hackernews', '--query', 'brewly', '--api-base', hn.url)).toBe(0);
    expect(cli.out).toContain('added source #2 hackernews: "brewly"');
    expect(await murmur('sources', 'add', 'rss', '--url', feeds.feedUrl('chronicle.xml'), '--name', 'Coffee Chronicle')).toBe(0);

    expect(await murmur('sources', 'run', '--once', '--json')).toBe(0);
    const { polls } = JSON.parse(cli.out) as { polls: { sourceId: number; outcome: string; inserted: number }[] };
    expect(polls.map((p) => [p.sourceId, p.outcome, p.inserted])).toEqual([
      [1, 'ok', 12],
      [2, 'ok', 10],
      [3, 'ok', 3],
    ]);
    expect(await murmur('sources', 'run', '--once')).toBe(0);
    expect(cli.out).toMatch(/✓ #3 Coffee Chronicle: 0 new, 0 updated, 1 page\(s\), 1 request\(s\)/);

    expect(await murmur('sources', 'list', '--json')).toBe(0);
    const listed = JSON.parse(cli.out) as { id: number; status: string; secrets: Record<string, string> }[];
    expect(listed.map((s) => [s.id, s.status])).toEqual([
      [1, 'ok'],
      [2, 'ok'],
      [3, 'ok'],
    ]);
    expect(cli.out).not.toContain('mastodon-token-1');
    expect(await murmur('sources', 'list')).toBe(0);
    expect(cli.out).toContain('token=••••');
    expect(cli.out).not.toContain('mastodon-token-1');

    expect(await murmur('sources', 'disable', '3')).toBe(0);
    expect(cli.out).toContain('disabled source #3 Coffee Chronicle');
    expect(await murmur('sources', 'run', '--once', '--json')).toBe(0);
    expect((JSON.parse(cli.out) as { polls: { sourceId: number }[] }).polls.map((p) => p.sourceId)).toEqual([1, 2]);
    expect(await murmur('sources', 'enable', '3', '--json')).toBe(0);
    expect(JSON.parse(cli.out)).toMatchObject({ id: 3, enabled: true });

    expect(await murmur('sources', 'remove', '2', '--json')).toBe(0);
    expect(JSON.parse(cli.out)).toEqual({ removed: 2 });
    expect(await murmur('sources', 'remove', '2')).toBe(1);
    expect(cli.err).toContain('no source #2 in this workspace');
  });

  it('shows why a source is unhealthy and exits 2', async () => {
    await murmur('sources', 'add', 'rss', '--url', feeds.feedUrl('gone.xml'));
    // The poll's failure is in the output; a log line on stdout would break --json.
    const warn = vi.spyOn(log, 'warn');
    expect(await murmur('sources', 'run', '1', '--once', '--json')).toBe(2);
    expect(warn).not.toHaveBeenCalled();
    expect(JSON.parse(cli.out)).toMatchObject({ polls: [{ outcome: 'failed', error: expect.stringContaining('HTTP 404') }] });
    expect(await murmur('sources', 'list')).toBe(0);
    expect(cli.out).toContain('failing, 1 failure(s) and no success yet');
    for (let i = 0; i < 2; i++) expect(await murmur('sources', 'run', '1', '--once')).toBe(2);
    expect(await murmur('sources', 'list')).toBe(0);
    expect(cli.out).toMatch(/unhealthy \(3 failures\)/);
    expect(cli.out).toMatch(/last error:.*gone\.xml: HTTP 404/);
  });

  it('adds Telegram, Google News and Threads sources from flags and fills the store from them', async () => {
    const [telegram, news, threads] = await Promise.all([TelegramReplay.start(), GoogleNewsReplay.start(), ThreadsReplay.start()]);
    try {
      telegram.channels.set('brewlynews', brewlyChannel());
      news.publish('brewly', 'FR:fr', googleNewsFeed('brewly', brewlyNews, 'fr', 'FR', 'FR:fr'));
      threads.posts.set('brewly', brewlyThreads(5));
      vi.stubEnv('THREADS_TOKEN', THREADS_TOKEN);
      expect(await murmur('sources', 'add', 'telegram', '--channel', 'https://t.me/brewlynews', '--api-base', telegram.url, '--lookback', '72')).toBe(0);
      expect(cli.out).toContain('telegram: t.me/brewlynews');
      expect(await murmur('sources', 'add', 'googlenews', '--query', 'brewly', '--hl', 'fr', '--gl', 'fr', '--api-base', news.url)).toBe(0);
      expect(cli.out).toContain('googlenews: "brewly" in Google News FR:fr');
      expect(await murmur('sources', 'add', 'threads', '--query', 'brewly', '--token', 'env:THREADS_TOKEN', '--daily-queries', '500', '--api-base', threads.apiBase, '--json')).toBe(0);
      expect(JSON.parse(cli.out)).toMatchObject({ config: { dailyQueryBudget: 500 }, secrets: { accessToken: '••••' } });
      expect(await murmur('sources', 'run', '--once', '--json')).toBe(0);
      const { polls } = JSON.parse(cli.out) as { polls: { outcome: string; inserted: number }[] };
      expect(polls.map((p) => [p.outcome, p.inserted])).toEqual([
        ['ok', 23],
        ['ok', 2],
        ['ok', 4],
      ]);
      expect(await murmur('sources', 'add', 'mastodon', '--instance', mastodon.url, '--own-account', 'brewly', '--json')).toBe(0);
      expect(JSON.parse(cli.out)).toMatchObject({ config: { ownAccounts: ['brewly'] }, description: expect.stringMatching(/^own @brewly @ /) });
      expect(await murmur('sources', 'add', 'bluesky', '--identifier', 'brewly.bsky.social', '--own-posts', '--app-password', 'pw', '--json')).toBe(0);
      expect(JSON.parse(cli.out)).toMatchObject({ config: { ownPosts: true, queries: [] }, description: 'own posts via brewly.bsky.social' });
      expect(await murmur('sources', 'add', 'telegram', '--channel', 'x', '--hl', 'fr')).toBe(1);
      expect(cli.err).toContain('--hl does not apply to telegram sources');
    } finally {
      await Promise.all([telegram.close(), news.close(), threads.close()]);
    }
  });

  it('says clearly what is wrong with an add', async () => {
    expect(await murmur('sources', 'add', 'mastodon', '--instance', 'mastodon.social', '--tag', 'x', '--subreddit', 'coffee')).toBe(1);
    expect(cli.err).toContain('--subreddit does not apply to mastodon sources');
    expect(await murmur('sources', 'add', 'bluesky', '--identifier', 'me.bsky.social', '--query', 'x', '--app-password', 'env:NOPE_NOT_SET')).toBe(1);
    expect(cli.err).toContain('the environment variable NOPE_NOT_SET is not set');
    vi.stubEnv('MURMUR_SECRET_KEY', '');
    expect(await murmur('sources', 'add', 'bluesky', '--identifier', 'me.bsky.social', '--query', 'x', '--app-password', 'secret-pw')).toBe(1);
    expect(cli.err).toContain('no encryption key for secrets: set MURMUR_SECRET_KEY');
    expect(cli.err).not.toContain('secret-pw');
    expect(await murmur('sources', 'add', 'rss', '--url', 'https://x.example/feed', '--interval', 'often')).toBe(1);
    expect(cli.err).toContain('--interval must be a duration like 90s, 5m or 1h, got "often"');
  });
});
