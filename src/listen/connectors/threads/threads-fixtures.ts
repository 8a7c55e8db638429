/**
 * Keyword-search results shaped like Meta's documentation,
 * https://developers.facebook.com/docs/threads/keyword-search (example response: `data`
 * of media objects with id, text, media_type, permalink, timestamp as
 * "2023-10-17T05:42:03+0000", username, has_replies, is_quote_post, is_reply), paged
 * with Graph cursors (https://developers.facebook.com/docs/graph-api/results:
 * `paging.cursors.before/after` and `paging.next` while more exist), and Graph errors
 * (https://developers.facebook.com/docs/graph-api/guides/error-handling: `error.message`,
 * `type`, `code`, `fbtrace_id`; code 190 for a bad token, 4/17/613 for rate limits).
 */
import type { ThreadsMedia } from './threads-mapper.ts';

const at = (iso: string) => iso.replace(/\.\d{3}Z$/, '+0000');

/** `count` posts about a coffee brand, one every 20 minutes back from `newest`, with a reply and a media post without text. */
export function brewlyThreads(count: number, newest = Date.parse('2026-11-22T11:40:00Z'), firstId = 18_028_000_000_000_000n): ThreadsMedia[] {
  // Media ids pass 2^53: strings from BigInt, as the API sends them.
  return Array.from({ length: count }, (_, i) => {
    const id = String(firstId + BigInt(count - i));
    const base: ThreadsMedia = {
      id,
      text: `Morning flat white at Brewly #${count - i} ☕`,
      media_type: 'TEXT_POST',
      permalink: `https://www.threads.com/@coffee_fan_${i % 4}/post/C${id.slice(-8)}`,
      timestamp: at(new Date(newest - i * 20 * 60_000).toISOString()),
      username: `coffee_fan_${i % 4}`,
      has_replies: false,
      is_quote_post: false,
      is_reply: false,
    };
    if (i === 1) return { ...base, is_reply: true, replied_to: { id: String(firstId + BigInt(count)) }, text: '@coffee_fan_0 agreed, Brewly nails it' };
    if (i === 2) return { ...base, media_type: 'IMAGE', text: undefined };
    return base;
  });
}

export function graphError(code: number, message: string, type = 'OAuthException') {
  return { error: { message, type, code, fbtrace_id: 'AbCdEfGhIjKlMnOpQrStUvW' } };
}
