/**
 * A Google News RSS item → MentionInput. The item is RSS 2.0: `<title>` is
 * "Headline - Publisher", `<link>` a `news.google.com/rss/articles/<id>` redirect,
 * `<source url="https://publisher.example">Publisher</source>` the publisher
 * (https://www.rssboard.org/rss-specification#ltsourcegtSubelementOfLtitemgt).
 * `<description>` only repeats the headline and the publisher, so it is not kept.
 */
import type { MentionInput } from '../../../core/mention.ts';
import { domainOf } from '../../../core/text.ts';
import { mapFeedItem, type ParsedFeed } from '../rss/rss-mapper.ts';

type Node = Record<string, unknown>;

function readVarint(bytes: Uint8Array, at: number): { value: number; next: number } | null {
  let value = 0;
  for (let shift = 0, i = at; i < bytes.length && shift < 35; shift += 7, i++) {
    value += (bytes[i]! & 0x7f) * 2 ** shift;
    if ((bytes[i]! & 0x80) === 0) return { value, next: i + 1 };
  }
  return null;
}

/**
 * The article URL inside a Google News article id, where the id still carries it. Older
 * ids are base64url of a small protobuf (field 1 a varint, field 4 the URL); since 2024
 * most ids carry an opaque token instead (`AU_yqL…`) that only Google's servers resolve:
 * for those, null, and the news.google.com link is kept.
 */
export function articleUrlOf(link: string): string | null {
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return null;
  }
  const id = /^\/(?:rss\/)?articles\/([A-Za-z0-9_-]+)$/.exec(url.pathname)?.[1];
  if (url.hostname !== 'news.google.com' || !id) return null;
  const bytes = Buffer.from(id, 'base64url');
  if (bytes[0] !== 0x08) return null;
  const field1 = readVarint(bytes, 1);
  if (!field1 || bytes[field1.next] !== 0x22) return null;
  const length = readVarint(bytes, field1.next + 1);
  if (!length || length.next + length.value > bytes.length) return null;
  const inner = bytes.subarray(length.next, length.next + length.value).toString('utf8');
  return /^https?:\/\/[^\s]+$/.test(inner) ? inner : null;
}

const text = (value: unknown): string | null => {
  if (typeof value === 'string') return value.trim() || null;
  if (value && typeof value === 'object' && '#text' in value) return text((value as Node)['#text']);
  return null;
};

export function mapGoogleNewsItem(item: Node, feed: ParsedFeed, now: number): MentionInput {
  const base = mapFeedItem(item, feed, 'https://news.google.com/', now);
  const publisher = text(item.source);
  const publisherUrl = item.source && typeof item.source === 'object' ? text((item.source as Node)['@_url']) : null;
  const title = base.text.split('\n\n')[0] ?? '';
  // The headline ends with " - Publisher": the publisher is the author, not part of what was said.
  const headline = publisher && title.endsWith(` - ${publisher}`) ? title.slice(0, -` - ${publisher}`.length) : title;
  const site = domainOf(publisherUrl);
  return {
    ...base,
    url: (base.url && articleUrlOf(base.url)) ?? base.url,
    author: { handle: site ?? (publisher ?? 'news.google.com').toLowerCase(), displayName: publisher ?? site, followers: null },
    text: headline,
  };
}
