/**
 * RSS and Atom feeds (news sites, blogs, Google Alerts), fetched with a conditional
 * GET (If-None-Match / If-Modified-Since, RFC 9110 §13.1) and decoded by their
 * declared charset: the Content-Type header first, then the XML declaration.
 */
import { z } from 'zod';
import type { MentionInput } from '../../../core/mention.ts';
import { ConnectorError, type Connector, type PollContext, type PollPage } from '../connector.ts';
import { mapFeedItem, parseFeed, type ParsedFeed } from './rss-mapper.ts';

export const rssConfigSchema = z.object({ url: z.url({ protocol: /^https?$/ }).describe('the feed URL') });
export type RssConfig = z.infer<typeof rssConfigSchema>;
export const rssSecretsSchema = z.object({});

interface RssCursor {
  etag: string | null;
  lastModified: string | null;
}

function cursorOf(value: unknown): RssCursor {
  const v = (typeof value === 'object' && value !== null ? value : {}) as Partial<RssCursor>;
  return { etag: typeof v.etag === 'string' ? v.etag : null, lastModified: typeof v.lastModified === 'string' ? v.lastModified : null };
}

/** The charset a feed declares: HTTP header wins over the XML declaration (RFC 7303 §3.2); UTF-8 otherwise. */
export function declaredCharset(contentType: string | null, bytes: Uint8Array): string {
  const fromHeader = /charset\s*=\s*"?([\w.:-]+)"?/i.exec(contentType ?? '')?.[1];
  if (fromHeader) return fromHeader;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 200));
  return /^<\?xml[^>]*encoding\s*=\s*["']([\w.:-]+)["']/i.exec(head)?.[1] ?? 'utf-8';
}

export function decodeFeed(bytes: Uint8Array, contentType: string | null, where: string): string {
  const charset = declaredCharset(contentType, bytes);
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(charset);
  } catch {
    throw new ConnectorError(`${where}: the feed declares charset "${charset}", which this Node.js cannot decode`);
  }
  return decoder.decode(bytes);
}

/**
 * One conditional GET of a feed, its items mapped by `map`: shared by plain feeds and the
 * presets built on them (Google News). Yields one page whose cursor is the validators.
 */
export async function* pollFeed(
  url: string,
  { cursor: stored, http, now }: Pick<PollContext<unknown, unknown>, 'cursor' | 'http' | 'now'>,
  map: (item: Parameters<typeof mapFeedItem>[0], feed: ParsedFeed, now: number) => MentionInput,
): AsyncGenerator<PollPage, void, void> {
  const cursor = cursorOf(stored);
  const headers: Record<string, string> = { accept: 'application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.5' };
  if (cursor.etag) headers['if-none-match'] = cursor.etag;
  if (cursor.lastModified) headers['if-modified-since'] = cursor.lastModified;
  const response = await http.request(url, { headers, accept: [304] });
  if (response.status === 304) {
    yield { mentions: [], cursor: { ...cursor } };
    return;
  }
  const where = `GET ${new URL(url).origin}${new URL(url).pathname}`;
  const xml = decodeFeed(await http.bytes(response, where), response.headers.get('content-type'), where);
  // Relative links are relative to where the feed came from, after any redirect (RFC 3986 §5.1.3).
  const feed = parseFeed(xml, where, response.url || url);
  // An item with neither title nor text says nothing to listen to.
  const mentions = feed.items.map((item) => map(item, feed, now())).filter((m) => m.text.trim() !== '');
  yield {
    mentions,
    cursor: { etag: response.headers.get('etag'), lastModified: response.headers.get('last-modified') },
  };
}

export const rssConnector: Connector<RssConfig, Record<string, never>> = {
  network: 'rss',
  configSchema: rssConfigSchema,
  secretsSchema: rssSecretsSchema as z.ZodType<Record<string, never>>,
  describe: (config) => config.url,
  poll: (context: PollContext<RssConfig, Record<string, never>>) => pollFeed(context.config.url, context, (item, feed, now) => mapFeedItem(item, feed, context.config.url, now)),
};
