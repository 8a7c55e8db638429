import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachStore } from '../../../store/testing.ts';
import { workspaceId } from '../../../store/workspaces.ts';
import { listSources } from '../../sources.ts';
import { addTestSource, poll, sourceState, storedMentions, testClock } from '../connector-testing.ts';
import { telegramConfigSchema } from './telegram-connector.ts';
import { brewlyChannel, channelPage } from './telegram-fixtures.ts';
import { compactCount, parseChannelPage } from './telegram-page.ts';
import { TelegramReplay } from './telegram-replay.ts';

let replay: TelegramReplay;
beforeAll(async () => {
  replay = await TelegramReplay.start();
});
afterAll(() => replay.close());

// The channel's newest message is 2026-11-21 09:30 UTC; a day later its 25 messages are all within a 48 h look-back.
const clock = testClock(Date.parse('2026-11-22T09:00:00Z'));
const telegram = (channels: string[], extra: Record<string, unknown> = {}) => ({ network: 'telegram', config: { channels, apiBase: replay.url, lookbackHours: 48, ...extra } });

describe('telegram preview page', () => {
  it('reads counts as Telegram abbreviates them', () => {
    expect([compactCount('845'), compactCount('12.4K'), compactCount('1.2M'), compactCount('views'), compactCount(null)]).toEqual([845, 12_400, 1_200_000, null, null]);
  });

  it('reads id, date, text with its line breaks, links, views and reactions; newest first; the link to older messages', () => {
    const page = parseChannelPage(channelPage(brewlyChannel(), null), 'GET t.me/s/brewlynews');
    expect(page).toMatchObject({ title: 'Brewly News', subscribers: 48_200, before: '1182' });
    expect(page.messages.map((m) => m.id).slice(0, 3)).toEqual(['1201', '1200', '1199']);
    expect(page.messages[0]).toEqual({
      channel: 'brewlynews',
      id: '1201',
      datetime: '2026-11-21T09:30:00+00:00',
      text: 'Brewly opens in Sofia today!\nCome and taste & tell us: brewly.example/sofia ☕',
      links: ['https://brewly.example/sofia'],
      views: 12_400,
      reactions: 1_525,
      authorName: 'Brewly News',
    });
  });

  it('says when a page is not a preview', () => {
    expect(() => parseChannelPage('<html><body><div class="tgme_page">Contact @x</div></body></html>', 'GET t.me/s/x')).toThrow('GET t.me/s/x: no public preview (the channel is private, does not exist, or its owner turned the web preview off)');
  });

  it('takes a channel as name, @name or t.me link', () => {
    expect(telegramConfigSchema.parse({ channels: ['@brewlynews', 'https://t.me/s/Durov', 't.me/telegram/123'] }).channels).toEqual(['brewlynews', 'Durov', 'telegram']);
    expect(telegramConfigSchema.safeParse({ channels: ['no spaces please'] }).success).toBe(false);
  });
});

describeEachStore('telegram connector', (open) => {
  it('pages back with ?before=, stores each message once, and resumes above the last one', async () => {
    const store = await open();
    const channel = brewlyChannel();
    replay.channels.set('brewlynews', channel);
    const source = await addTestSource(store, await workspaceId(store), telegram(['brewlynews']), clock.now);
    const earlier = replay.server.requestsTo('/s/brewlynews').length; // the replay serves every store's run
    expect(await poll(store, source.id, clock.now)).toMatchObject({ outcome: 'ok', pages: 2, inserted: 23 });
    const pages = replay.server.requestsTo('/s/brewlynews').slice(earlier);
    expect(pages.map((r) => r.query.get('before'))).toEqual([null, '1182']);
    const rows = await storedMentions(store, 'telegram');
    // 25 messages less the service message and the photo without caption.
    expect(rows).toHaveLength(23);
    expect(rows.at(-2)).toMatchObject({ external_id: 'brewlynews/1200', text: 'Tomorrow in Sofia: see our menu.\nhttps://brewly.example/menu?city=sofia' });
    expect(rows.at(-1)).toMatchObject({
      external_id: 'brewlynews/1201',
      url: 'https://t.me/brewlynews/1201',
      author_handle: 'brewlynews',
      author_name: 'Brewly News',
      author_followers: 48_200,
      likes: 1_525,
      published_at: Date.parse('2026-11-21T09:30:00Z'),
    });

    channel.messages.push({ id: 1202, datetime: '2026-11-22T08:00:00+00:00', html: 'Sofia, day two: thank you!' });
    const before = replay.server.requestsTo('/s/brewlynews').length;
    expect(await poll(store, source.id, clock.now)).toMatchObject({ outcome: 'ok', inserted: 1, updated: 0 });
    // One page reached the old mark: no second request.
    expect(replay.server.requestsTo('/s/brewlynews').length - before).toBe(1);
    expect(await storedMentions(store, 'telegram')).toHaveLength(24);
  });

  it('shows in sources list a channel without a preview, and waits out a 429', async () => {
    const store = await open();
    const ws = await workspaceId(store);
    const source = await addTestSource(store, ws, telegram(['brewlyinsiders']), clock.now);
    expect(await poll(store, source.id, clock.now)).toMatchObject({ outcome: 'failed' });
    expect((await listSources(store, ws))[0]!.lastError).toBe(`GET ${replay.url}/s/brewlyinsiders: no public preview (the channel is private, does not exist, or its owner turned the web preview off)`);

    replay.channels.set('brewlynews', brewlyChannel());
    const other = await addTestSource(store, ws, telegram(['brewlynews']), clock.now);
    replay.server.fault('GET', '/s/brewlynews', { status: 429, headers: { 'retry-after': '600', 'content-type': 'text/html' }, body: '<html><body>Too Many Requests</body></html>' }, 1, 1);
    const limited = await poll(store, other.id, clock.now);
    expect(limited).toMatchObject({ outcome: 'failed', inserted: 19 });
    expect(limited.nextPollAt!.getTime()).toBe(clock.now() + 600_000);
    // The first page is stored with its place in the walk: the next poll asks for the older page only.
    expect((await sourceState(store, other.id)).cursor).toMatchObject({ streams: { 'channel:brewlynews': { walk: { page: '1182' } } } });
    expect(await poll(store, other.id, clock.now)).toMatchObject({ outcome: 'ok', inserted: 4 });
    expect(replay.server.requestsTo('/s/brewlynews').at(-1)!.query.get('before')).toBe('1182');
  });
});
