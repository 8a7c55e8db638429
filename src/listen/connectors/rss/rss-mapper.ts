/**
 * RSS 2.0, RSS 1.0 (RDF) and Atom entries → MentionInput.
 * RSS 2.0: https://www.rssboard.org/rss-specification (item: title, link, description,
 * author, guid, pubDate; dc:creator and content:encoded from the common modules).
 * Atom: RFC 4287 https://www.rfc-editor.org/rfc/rfc4287 (entry: id, title, link@href,
 * author/name, published, updated, summary, content).
 * Relative links are resolved against `xml:base` (https://www.w3.org/TR/xmlbase/), then
 * the URL the feed was fetched from (RFC 3986 §5.1).
 */
import { createHash } from 'node:crypto';
import { XMLParser } from 'fast-xml-parser';
import type { MentionInput } from '../../../core/mention.ts';
import { MalformedResponseError } from '../connector.ts';
import { domainOf } from '../../../core/text.ts';
import { htmlToText } from '../html-text.ts';

type Node = Record<string, unknown>;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  processEntities: true,
  htmlEntities: true,
  isArray: (name) => ['item', 'entry', 'link', 'category', 'author'].includes(name),
});

/** Text of an element that may carry attributes (`{#text, @_type}`) or be absent. */
function text(value: unknown): string | null {
  if (value == null) return null;
  if (typeof value === 'string' || typeof value === 'number') return String(value).trim() || null;
  if (Array.isArray(value)) return text(value[0]);
  if (typeof value === 'object' && '#text' in value) return text((value as Node)['#text']);
  return null;
}

/** Google Alerts wraps every link in `https://www.google.com/url?…&url=<real>`: keep the real one. */
export function unwrapRedirect(link: string): string {
  try {
    const url = new URL(link);
    if (/(^|\.)google\.[a-z.]+$/.test(url.hostname) && url.pathname === '/url') return url.searchParams.get('url') ?? url.searchParams.get('q') ?? link;
  } catch {
    // not a URL: keep as is
  }
  return link;
}

/** `ref` resolved against each base in turn, outermost first (an `xml:base` may itself be relative). */
export function resolveAgainst(ref: string, ...bases: (string | null | undefined)[]): string {
  let base: string | undefined;
  for (const next of bases) {
    if (!next) continue;
    try {
      base = new URL(next, base).href;
    } catch {
      // An unusable xml:base: the enclosing one still applies.
    }
  }
  try {
    return new URL(ref, base).href;
  } catch {
    return ref; // neither absolute nor resolvable: kept as the feed wrote it
  }
}

const attribute = (node: unknown, name: string) => (typeof node === 'object' && node !== null && !Array.isArray(node) ? text((node as Node)[`@_${name}`]) : null);
const xmlBase = (node: unknown) => attribute(node, 'xml:base');

/** The item's own language tag: the body's or entry's `xml:lang`, or Dublin Core's `dc:language`. */
function itemLang(item: Node): string | null {
  const body = item['content:encoded'] ?? item.content ?? item.description ?? item.summary;
  return attribute(body, 'xml:lang') ?? attribute(item, 'xml:lang') ?? text(item['dc:language']);
}

/** The entry's alternate link, resolved against its own, its entry's and the feed's xml:base. */
function atomLink(entry: Node, feedBase: string | null): string | null {
  const links = entry.link;
  if (!Array.isArray(links)) return text(links);
  const nodes = links as (Node | string)[];
  const alternate = nodes.find((l) => typeof l === 'object' && (l['@_rel'] == null || l['@_rel'] === 'alternate')) ?? nodes[0];
  const href = typeof alternate === 'string' ? alternate : text(alternate?.['@_href']);
  return href ? resolveAgainst(href, feedBase, xmlBase(entry), xmlBase(alternate)) : null;
}

/**
 * The item's link: FeedBurner's `origLink` over its click-counting redirect, Google's
 * redirect unwrapped. Only a web address: a `javascript:` or `data:` link is no article
 * (and the dashboard would render it as one).
 */
function itemLink(item: Node, feed: ParsedFeed): string | null {
  const original = text(item['feedburner:origLink']);
  const raw = original ? resolveAgainst(original, feed.base, xmlBase(item)) : feed.kind === 'atom' ? atomLink(item, feed.base) : rssLink(item, feed.base);
  const link = raw ? unwrapRedirect(raw) : null;
  return link && /^https?:\/\//i.test(link) ? link : null;
}

function rssLink(item: Node, feedBase: string | null): string | null {
  const link = text(item.link) ?? text(item['@_rdf:about']);
  return link ? resolveAgainst(link, feedBase, xmlBase(item)) : null;
}

function parseDate(...values: (string | null)[]): Date | null {
  for (const value of values) {
    if (!value) continue;
    const time = Date.parse(value);
    if (!Number.isNaN(time)) return new Date(time);
  }
  return null;
}

/** RSS `author` is "email (Name)"; Atom's is `<author><name>`. */
function authorName(item: Node): string | null {
  const creator = text(item['dc:creator']);
  if (creator) return creator;
  const authors = item.author as unknown[] | undefined;
  const first = authors?.[0];
  if (first && typeof first === 'object') return text((first as Node).name);
  const raw = text(first);
  return raw ? (/\(([^)]+)\)/.exec(raw)?.[1] ?? raw) : null;
}

/** An Atom entry without an author has its source's, else the feed's (RFC 4287 §4.2.1). */
function atomAuthor(entry: Node, feed: ParsedFeed): string | null {
  return authorName(entry) ?? authorName((entry.source ?? {}) as Node) ?? feed.author;
}

export interface ParsedFeed {
  title: string | null;
  items: Node[];
  kind: 'rss' | 'atom' | 'rdf';
  /** What relative links are relative to: the feed's xml:base resolved against the feed's URL. */
  base: string | null;
  /** Atom: the feed-level author's name, which entries without one inherit. */
  author: string | null;
  /** The feed's language tag (RSS `<language>`, Atom `xml:lang` on the feed), which its items inherit. */
  lang: string | null;
}

/** fast-xml-parser's wording, in terms of the feed: a cut-off download, or a page that is not a feed. */
function xmlProblem(xml: string, message: string): string {
  const unclosed = /^Invalid '\[([^\]]*)\]' found/.exec(message);
  if (unclosed) {
    const tags = unclosed[1]!.split(',').map((t) => `<${t.trim().replace(/^"|"$/g, '')}>`);
    return `the document ends with ${tags.join(' ')} still open: cut off?`;
  }
  // What the page said is not repeated: the error is shown to every viewer of the source.
  if (!xml.trimStart().startsWith('<')) return `it does not start with a tag, so it is not a feed`;
  return message;
}

/**
 * The feed's items and what they inherit from it. `documentUrl` is where the feed was
 * fetched from (after redirects): the base of its relative links.
 */
export function parseFeed(xml: string, where: string, documentUrl: string | null = null): ParsedFeed {
  let doc: Node;
  try {
    doc = parser.parse(xml, true) as Node;
  } catch (error) {
    throw new MalformedResponseError(`${where}: not well-formed XML (${xmlProblem(xml, (error as Error).message.split('\n')[0]!)})`);
  }
  const base = (...nodes: Node[]) => (documentUrl || nodes.some(xmlBase) ? resolveAgainst('', documentUrl, ...nodes.map(xmlBase)) : null);
  const rss = doc.rss as Node | undefined;
  if (rss && typeof rss === 'object') {
    const channel = (rss.channel ?? {}) as Node;
    const lang = text(channel.language) ?? text(channel['dc:language']) ?? attribute(channel, 'xml:lang') ?? attribute(rss, 'xml:lang');
    return { kind: 'rss', title: text(channel.title), items: (channel.item as Node[] | undefined) ?? [], base: base(rss, channel), author: null, lang };
  }
  const feed = doc.feed as Node | undefined;
  if (feed && typeof feed === 'object') {
    return { kind: 'atom', title: text(feed.title), items: (feed.entry as Node[] | undefined) ?? [], base: base(feed), author: authorName(feed), lang: attribute(feed, 'xml:lang') };
  }
  const rdf = doc['rdf:RDF'] as Node | undefined;
  if (rdf && typeof rdf === 'object') {
    const channel = (rdf.channel ?? {}) as Node;
    return { kind: 'rdf', title: text(channel.title), items: (rdf.item as Node[] | undefined) ?? [], base: base(rdf, channel), author: null, lang: text(channel['dc:language']) };
  }
  throw new MalformedResponseError(`${where}: neither an RSS nor an Atom feed (root element: ${Object.keys(doc).filter((k) => !k.startsWith('?'))[0] ?? 'none'})`);
}

export function mapFeedItem(item: Node, feed: ParsedFeed, feedUrl: string, now: number): MentionInput {
  const link = itemLink(item, feed);
  const title = htmlToText(text(item.title));
  const body = htmlToText(text(item['content:encoded']) ?? text(item.content) ?? text(item.description) ?? text(item.summary));
  const published = parseDate(text(item.pubDate), text(item.published), text(item['dc:date']), text(item.updated));
  const guid = text(item.guid) ?? text(item.id) ?? link;
  const externalId = guid ?? `sha1:${createHash('sha1').update(`${feedUrl}\n${title}\n${body}`).digest('hex')}`;
  const name = feed.kind === 'atom' ? atomAuthor(item, feed) : authorName(item);
  return {
    source: 'rss',
    externalId,
    url: link,
    author: { handle: (name ?? domainOf(link) ?? domainOf(feedUrl) ?? 'unknown').toLowerCase(), displayName: name ?? feed.title, followers: null },
    text: [title, body].filter(Boolean).join('\n\n'),
    // Items without a date get the time we first saw them.
    publishedAt: published ?? new Date(now),
    engagement: { likes: 0, shares: 0, replies: 0, views: null },
    langHint: itemLang(item) ?? feed.lang,
    parentExternalId: null,
  };
}
