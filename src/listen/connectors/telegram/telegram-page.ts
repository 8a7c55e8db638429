/**
 * Reads Telegram's public web preview of a channel, `https://t.me/s/<channel>`: the HTML
 * message list a browser shows without an account. Each message is a
 * `.tgme_widget_message[data-post="<channel>/<id>"]` with its text in
 * `.tgme_widget_message_text`, its views in `.tgme_widget_message_views` ("12.4K"), its
 * date in `.tgme_widget_message_date time[datetime]` and its reactions in
 * `.tgme_reaction`; the link to older messages is `.tme_messages_more[data-before]`.
 * Parsed with htmlparser2 (a forgiving HTML parser, the one behind cheerio): the page is a
 * whole document with scripts and unclosed elements, not a fragment.
 */
import { DomUtils, parseDocument } from 'htmlparser2';
import { MalformedResponseError } from '../connector.ts';
import { htmlToText } from '../html-text.ts';

type Element = ReturnType<typeof DomUtils.getElementsByClassName>[number];
type Roots = Parameters<typeof DomUtils.getElementsByClassName>[1];

/** Elements with `name` among their classes (domutils' own test compares the whole attribute). */
const withClass = (name: string, root: Roots, recurse = true, limit?: number): Element[] =>
  DomUtils.getElementsByClassName((value) => (value ?? '').split(/\s+/).includes(name), root, recurse, limit);

export interface TelegramMessage {
  channel: string;
  id: string;
  /** ISO date from `<time datetime>`. */
  datetime: string;
  text: string;
  /** Web links in the text, in order, without repeats. */
  links: string[];
  views: number | null;
  /** Sum of the reactions' counts. */
  reactions: number;
  authorName: string | null;
}

export interface TelegramPage {
  /** The channel's title from its header, when shown. */
  title: string | null;
  /** "48.2K subscribers" as a number (rounded as Telegram rounds it). */
  subscribers: number | null;
  /** Newest first. */
  messages: TelegramMessage[];
  /** The `before` value of the link to older messages; null on the oldest page. */
  before: string | null;
}

/** "12.4K", "1.2M", "845" → a number; Telegram abbreviates from 10 000 on. */
export function compactCount(value: string | null | undefined): number | null {
  const match = /^([\d.,]+)\s*([KMB])?$/i.exec((value ?? '').trim());
  if (!match) return null;
  const number = Number(match[1]!.replace(/,/g, ''));
  if (!Number.isFinite(number)) return null;
  const scale = { K: 1e3, M: 1e6, B: 1e9 }[(match[2] ?? '').toUpperCase() as 'K' | 'M' | 'B'] ?? 1;
  return Math.round(number * scale);
}

const first = (root: Element | Element[], className: string): Element | undefined => withClass(className, root, true, 1)[0];
const textOf = (element: Element | undefined) => (element ? DomUtils.textContent(element).trim() || null : null);

function readMessage(element: Element, where: string): TelegramMessage | null {
  const post = DomUtils.getAttributeValue(element, 'data-post') ?? '';
  const match = /^([A-Za-z0-9_]+)\/(\d+)$/.exec(post);
  if (!match) throw new MalformedResponseError(`${where}: a message has data-post="${post}", not <channel>/<id>`);
  // Service messages (channel created, photo changed, message pinned) are not posts.
  if ((DomUtils.getAttributeValue(element, 'class') ?? '').split(/\s+/).includes('service_message')) return null;
  const time = DomUtils.getElementsByTagName('time', first(element, 'tgme_widget_message_date') ?? [], true, 1)[0];
  const datetime = time ? DomUtils.getAttributeValue(time, 'datetime') : undefined;
  if (!datetime || Number.isNaN(Date.parse(datetime))) throw new MalformedResponseError(`${where}: message ${post} has no <time datetime>`);
  const body = first(element, 'tgme_widget_message_text');
  const links = body
    ? [...new Set(DomUtils.getElementsByTagName('a', body).map((a) => DomUtils.getAttributeValue(a, 'href') ?? '').filter((href) => /^https?:\/\//i.test(href)))]
    : [];
  const reactions = withClass('tgme_reaction', element).reduce((sum, r) => sum + (compactCount(DomUtils.textContent(r).replace(/[^\d.,KMB]/gi, '')) ?? 0), 0);
  return {
    channel: match[1]!,
    id: match[2]!,
    datetime,
    text: htmlToText(body ? DomUtils.getInnerHTML(body) : ''),
    links,
    views: compactCount(textOf(first(element, 'tgme_widget_message_views'))),
    reactions,
    authorName: textOf(first(element, 'tgme_widget_message_owner_name')),
  };
}

/** The header's counters are subscribers, photos, videos, links…: the one whose type says subscribers. */
function subscribersOf(root: Element[]): number | null {
  const counter = withClass('tgme_channel_info_counter', root).find((c) => /subscriber/i.test(textOf(first(c, 'counter_type')) ?? ''));
  return counter ? compactCount(textOf(first(counter, 'counter_value'))) : null;
}

/**
 * The messages of one preview page. A page without the message history is no preview:
 * t.me sends a private or unknown channel, or one whose owner turned the preview off, to
 * its plain `t.me/<channel>` page instead.
 */
export function parseChannelPage(html: string, where: string): TelegramPage {
  const document = parseDocument(html);
  const history = withClass('tgme_channel_history', document.children, true, 1)[0];
  if (!history) throw new MalformedResponseError(`${where}: no public preview (the channel is private, does not exist, or its owner turned the web preview off)`);
  const messages = withClass('js-widget_message', history)
    .map((element) => readMessage(element, where))
    .filter((m): m is TelegramMessage => m !== null)
    .sort((a, b) => Number(b.id) - Number(a.id));
  const more = first(history, 'tme_messages_more');
  const before = more ? (DomUtils.getAttributeValue(more, 'data-before') ?? null) : null;
  return {
    title: textOf(first(document.children as Element[], 'tgme_channel_info_header_title')),
    subscribers: subscribersOf(document.children as Element[]),
    messages,
    before: before && /^\d+$/.test(before) ? before : null,
  };
}
