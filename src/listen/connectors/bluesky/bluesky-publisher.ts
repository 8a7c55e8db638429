/**
 * com.atproto.repo.createRecord with a record key derived from the calendar item's
 * idempotency key: a retry first asks whether that record exists (getRecord) and
 * returns it, so the post is never created twice.
 * https://docs.bsky.app/docs/api/com-atproto-repo-create-record
 * https://atproto.com/specs/tid (record keys of app.bsky.feed.post are TIDs)
 * A reply carries `reply: { root, parent }` strong refs (uri + cid), read from the post
 * answered (app.bsky.feed.getPosts): its root is the thread's, or the post itself.
 * https://docs.bsky.app/docs/advanced-guides/posts#replies
 * Pictures are uploaded as blobs and embedded with their alt text (bluesky-media.ts).
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { postLength, POST_LIMITS } from '../../../core/post-rules.ts';
import { expectShape, HttpStatusError, type HttpClient } from '../http.ts';
import { PermanentPublishError, type Publisher } from '../publisher.ts';
import type { BlueskyConfig, BlueskySecrets } from './bluesky-connector.ts';
import { blueskyLogin } from './bluesky-connector.ts';
import type { BlueskyLogin } from './bluesky-session.ts';
import { bskyPostUrl } from './bluesky-mapper.ts';
import { blueskySession, xrpc } from './bluesky-session.ts';
import { blueskyImagesEmbed, blueskyLinkCardEmbed } from './bluesky-media.ts';

export const BLUESKY_MAX_GRAPHEMES = POST_LIMITS.bluesky;
const TID_ALPHABET = '234567abcdefghijklmnopqrstuvwxyz';

/** A valid TID, the same for the same key and time: microseconds from `at`, clock id and low bits from the key's hash. */
export function deterministicTid(idempotencyKey: string, at: Date): string {
  const hash = createHash('sha256').update(idempotencyKey).digest();
  const micros = BigInt(at.getTime()) * 1000n + BigInt(hash.readUInt16BE(0) % 1000);
  const clockId = BigInt(hash.readUInt16BE(2) % 1024);
  let value = (micros << 10n) | clockId; // top bit stays 0: micros < 2^53
  let out = '';
  for (let i = 0; i < 13; i++) {
    out = TID_ALPHABET[Number(value & 31n)]! + out;
    value >>= 5n;
  }
  return out;
}

/** Links and hashtags as rich-text facets (byte offsets in UTF-8), so they are clickable. */
export function facetsOf(text: string) {
  const facets: unknown[] = [];
  const bytes = (s: string) => Buffer.byteLength(s, 'utf8');
  for (const match of text.matchAll(/https?:\/\/[^\s<>"]+[^\s<>".,;:!?)\]]/g)) {
    const start = bytes(text.slice(0, match.index));
    facets.push({ index: { byteStart: start, byteEnd: start + bytes(match[0]) }, features: [{ $type: 'app.bsky.richtext.facet#link', uri: match[0] }] });
  }
  for (const match of text.matchAll(/(^|\s)#([\p{L}\p{N}_]*\p{L}[\p{L}\p{N}_]*)/gu)) {
    const start = bytes(text.slice(0, match.index! + match[1]!.length));
    facets.push({ index: { byteStart: start, byteEnd: start + bytes(`#${match[2]}`) }, features: [{ $type: 'app.bsky.richtext.facet#tag', tag: match[2] }] });
  }
  return facets;
}

const recordRef = z.object({ uri: z.string(), cid: z.string().optional() });

export const blueskyPublisher: Publisher<Pick<BlueskyConfig, 'service' | 'identifier'>, BlueskySecrets> = {
  async publish(request, { config, secrets }, http) {
    const graphemes = postLength('bluesky', request.text);
    if (graphemes > BLUESKY_MAX_GRAPHEMES) throw new PermanentPublishError(`the post is ${graphemes} characters; Bluesky allows ${BLUESKY_MAX_GRAPHEMES}`);
    const login = blueskyLogin(config, secrets);
    const rkey = deterministicTid(request.idempotencyKey, request.scheduledAt);
    const session = await blueskySession(http, login);
    const urlOf = (uri: string) => bskyPostUrl(uri, session.handle) ?? uri;
    try {
      const params = new URLSearchParams({ repo: session.did, collection: 'app.bsky.feed.post', rkey });
      const { data } = await xrpc(http, login, `com.atproto.repo.getRecord?${params}`);
      const existing = expectShape(recordRef, data, 'GET com.atproto.repo.getRecord');
      return { url: urlOf(existing.uri), externalId: existing.uri };
    } catch (error) {
      if (!(error instanceof HttpStatusError && (error.status === 400 || error.status === 404) && /RecordNotFound|not found|Could not locate/i.test(error.body))) throw error;
    }
    const record: Record<string, unknown> = { $type: 'app.bsky.feed.post', text: request.text, createdAt: new Date().toISOString() };
    const facets = facetsOf(request.text);
    if (facets.length > 0) record.facets = facets;
    if (request.language) record.langs = [request.language];
    if (request.replyTo) record.reply = await replyRefs(http, login, request.replyTo.externalId);
    // One embed per post: the pictures when there are some, else the first link's card.
    const embed = (await blueskyImagesEmbed(http, login, request)) ?? (await blueskyLinkCardEmbed(http, login, request));
    if (embed) record.embed = embed;
    try {
      const { data } = await xrpc(http, login, 'com.atproto.repo.createRecord', {
        method: 'POST',
        json: { repo: session.did, collection: 'app.bsky.feed.post', rkey, record },
      });
      const created = expectShape(recordRef, data, 'POST com.atproto.repo.createRecord');
      return { url: urlOf(created.uri), externalId: created.uri };
    } catch (error) {
      // The PDS removed blobs an earlier attempt uploaded and no record used: they are sent again next time.
      if (error instanceof HttpStatusError && error.status === 400 && /BlobNotFound|Could not find blob/i.test(error.body)) {
        await request.uploads?.forgetAll();
        throw new Error(`${error.message}: Bluesky no longer has this post's uploaded pictures; the next attempt uploads them again`);
      }
      if (error instanceof HttpStatusError && error.status === 400 && /InvalidRecord|InvalidRequest/.test(error.body)) throw new PermanentPublishError(error.message);
      throw error;
    }
  },
};

const strongRef = z.object({ uri: z.string(), cid: z.string() });

/** The `reply` of a post answering `uri`: the thread's root (or the post itself) and the post as parent. */
async function replyRefs(http: HttpClient, login: BlueskyLogin, uri: string): Promise<{ root: { uri: string; cid: string }; parent: { uri: string; cid: string } }> {
  const { data } = await xrpc(http, login, `app.bsky.feed.getPosts?${new URLSearchParams({ uris: uri })}`);
  const posts = expectShape(z.object({ posts: z.array(strongRef.extend({ record: z.object({ reply: z.object({ root: strongRef }).optional() }).passthrough() })) }), data, 'GET app.bsky.feed.getPosts').posts;
  const parent = posts.find((p) => p.uri === uri);
  if (!parent) throw new PermanentPublishError(`Bluesky cannot find the post being answered (${uri}): it may have been deleted`);
  return { root: parent.record.reply?.root ?? { uri: parent.uri, cid: parent.cid }, parent: { uri: parent.uri, cid: parent.cid } };
}
