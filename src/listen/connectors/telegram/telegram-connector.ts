/**
 * Telegram public channels, read through their public web preview `https://t.me/s/<channel>`
 * (no account, no API key): the newest ~20 messages per page, older ones with
 * `?before=<id>`. Only public channels whose owner left the preview on; no comments
 * (they live in a linked group the preview does not show). The official API (MTProto
 * with the user's api_id) would need a logged-in account and a session to keep: not used.
 */
import { z } from 'zod';
import type { MentionInput } from '../../../core/mention.ts';
import type { Connector, PollContext } from '../connector.ts';
import type { HttpClient } from '../http.ts';
import { baseUrl, pollingOptions } from '../options.ts';
import { streamCursorOf, walkStreams, type WalkSource } from '../walk.ts';
import { parseChannelPage, type TelegramMessage } from './telegram-page.ts';

/** A channel's public username (5–32 letters, digits, underscores), given bare, as @name or as a t.me link. */
const channelName = z
  .string()
  .trim()
  .transform((value) => value.replace(/^(?:https?:\/\/)?(?:t\.me|telegram\.me)\/(?:s\/)?/i, '').replace(/^@/, '').replace(/[/?#].*$/, ''))
  .pipe(z.string().regex(/^[A-Za-z][A-Za-z0-9_]{3,31}$/, 'a public channel username such as durov (letters, digits, _; 4–32 characters)'));

export const telegramConfigSchema = z.object({
  channels: z.array(channelName).min(1, 'give at least one --channel').describe('a public channel to read through t.me/s/<name>'),
  /** Where the preview is served; only tests point it elsewhere. */
  apiBase: baseUrl.default('https://t.me').describe('API base (default: the real service)'),
  ...pollingOptions,
});
export type TelegramConfig = z.infer<typeof telegramConfigSchema>;

const bare = (url: string) => url.replace(/^https?:\/\/(www\.)?/i, '').replace(/\/$/, '');

function mapMessage(message: TelegramMessage, subscribers: number | null): MentionInput {
  const channel = message.channel.toLowerCase();
  // A link behind words ("our menu") is kept after the text, so search and domains see it.
  const hidden = message.links.filter((link) => !message.text.includes(bare(link)));
  return {
    source: 'telegram',
    externalId: `${channel}/${message.id}`,
    url: `https://t.me/${message.channel}/${message.id}`,
    author: { handle: channel, displayName: message.authorName, followers: subscribers },
    text: hidden.length > 0 ? `${message.text}\n${hidden.join('\n')}` : message.text,
    publishedAt: new Date(message.datetime),
    // Reactions are the preview's only approval signal; forwards and comments are not shown.
    engagement: { likes: message.reactions, shares: 0, replies: 0, views: message.views },
    langHint: null,
    parentExternalId: null,
  };
}

function channelSource(http: HttpClient, config: TelegramConfig, channel: string): WalkSource<TelegramMessage> {
  let subscribers: number | null = null;
  return {
    async fetchPage(page) {
      const url = new URL(`/s/${channel}`, config.apiBase);
      if (page) url.searchParams.set('before', page);
      const response = await http.request(url, { headers: { accept: 'text/html' } });
      const where = `GET ${url.origin}/s/${channel}`;
      const html = new TextDecoder().decode(await http.bytes(response, where));
      const parsed = parseChannelPage(html, where);
      subscribers ??= parsed.subscribers;
      // A `before` that does not go below this page's oldest message would loop.
      const oldest = parsed.messages.at(-1)?.id;
      const next = parsed.before && oldest && Number(parsed.before) <= Number(oldest) ? parsed.before : null;
      return { items: parsed.messages, next };
    },
    key: (message) => ({ t: 0, id: message.id }),
    time: (message) => Date.parse(message.datetime),
    // A photo or sticker without a caption says nothing to listen to.
    map: (messages) => messages.filter((m) => m.text !== '').map((m) => mapMessage(m, subscribers)),
  };
}

export const telegramConnector: Connector<TelegramConfig, Record<string, never>> = {
  network: 'telegram',
  configSchema: telegramConfigSchema,
  secretsSchema: z.object({}) as z.ZodType<Record<string, never>>,
  describe: (config) => config.channels.map((c) => `t.me/${c}`).join(' '),
  async *poll({ config, cursor, http, now }: PollContext<TelegramConfig, Record<string, never>>) {
    const streams = config.channels.map((channel) => ({ key: `channel:${channel.toLowerCase()}`, source: channelSource(http, config, channel) }));
    const floor = now() - config.lookbackHours * 3600_000;
    yield* walkStreams(streams, streamCursorOf(cursor), { floor, maxPages: config.maxPages });
  },
};
