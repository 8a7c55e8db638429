/**
 * Bluesky's Jetstream: every new post on the network as JSON over a websocket
 * (`/subscribe?wantedCollections=app.bsky.feed.post`), filtered here by the source's
 * queries (all words of a query, case- and accent-insensitive) and language.
 * https://github.com/bluesky-social/jetstream#consuming-jetstream
 *
 * Jetstream names authors by DID only; handles, display names and follower counts
 * come from app.bsky.actor.getProfiles (cached), so a streamed post is stored like a
 * searched one.
 */
import WebSocket from 'ws';
import { guardedSocketOptions } from '../../../core/guarded-fetch.ts';
import { z } from 'zod';
import type { MentionInput } from '../../../core/mention.ts';
import { foldText } from '../../../core/text.ts';
import { log } from '../../../core/log.ts';
import { ConnectorError, type StreamContext } from '../connector.ts';
import { expectShape, HttpClient } from '../http.ts';
import { blueskyLogin, type BlueskyConfig, type BlueskySecrets } from './bluesky-config.ts';
import { bskyPostUrl, postRecordSchema } from './bluesky-mapper.ts';
import { xrpc } from './bluesky-session.ts';

const commitEvent = z.object({
  did: z.string(),
  time_us: z.number(),
  kind: z.literal('commit'),
  commit: z.object({ operation: z.string(), collection: z.string(), rkey: z.string(), cid: z.string().optional(), record: z.unknown().optional() }),
});

const profilesSchema = z.object({
  profiles: z.array(z.object({ did: z.string(), handle: z.string(), displayName: z.string().nullish(), followersCount: z.number().optional() })),
});
type Profile = z.infer<typeof profilesSchema>['profiles'][number];

/** True when every word of one of the queries is in the text (folded). */
export function matchesQueries(text: string, queries: string[]): boolean {
  const folded = foldText(text);
  return queries.some((q) => foldText(q).split(/\s+/).filter(Boolean).every((word) => folded.includes(word)));
}

/** Messages of a websocket as an async iterable that ends when the socket closes. */
async function* messages(socket: WebSocket, signal: AbortSignal): AsyncGenerator<string, void, void> {
  const queue: string[] = [];
  let wake: (() => void) | null = null;
  let ended: Error | null | undefined;
  const notify = () => {
    wake?.();
    wake = null;
  };
  socket.on('message', (data) => {
    queue.push(data.toString());
    notify();
  });
  socket.on('close', () => {
    ended ??= null;
    notify();
  });
  socket.on('error', (error) => {
    ended = error;
    notify();
  });
  const abort = () => socket.close();
  signal.addEventListener('abort', abort, { once: true });
  try {
    while (true) {
      if (queue.length > 0) {
        yield queue.shift()!;
        continue;
      }
      if (ended !== undefined) break;
      await new Promise<void>((resolve) => (wake = resolve));
    }
    if (ended) throw new ConnectorError(`Jetstream connection failed: ${ended.message}`);
  } finally {
    signal.removeEventListener('abort', abort);
    socket.terminate();
  }
}

export async function* blueskyJetstream(context: StreamContext<BlueskyConfig, BlueskySecrets>): AsyncGenerator<MentionInput[], void, void> {
  const { config, secrets } = context;
  if (!config.stream) return;
  const url = new URL('/subscribe', config.jetstreamUrl.replace(/^http/, 'ws'));
  url.searchParams.set('wantedCollections', 'app.bsky.feed.post');
  const http = new HttpClient({ fetch: context.fetch, signal: context.signal });
  const login = blueskyLogin(config, secrets);
  const profiles = new Map<string, Profile | null>();
  const profileOf = async (did: string): Promise<Profile | null> => {
    if (!profiles.has(did)) {
      if (profiles.size > 10_000) profiles.clear(); // a bounded cache: the stream never ends
      try {
        const { data } = await xrpc(http, login, `app.bsky.actor.getProfiles?actors=${encodeURIComponent(did)}`);
        profiles.set(did, expectShape(profilesSchema, data, 'GET app.bsky.actor.getProfiles').profiles[0] ?? null);
      } catch (error) {
        log.warn({ sourceId: context.sourceId, error: (error as Error).message }, 'profile lookup failed; storing the post under its DID');
        return null;
      }
    }
    return profiles.get(did) ?? null;
  };

  // The Jetstream URL is user-given: the same address guard as every fetch.
  const socket = new WebSocket(url, { headers: { 'user-agent': 'Murmur/0.1' }, ...guardedSocketOptions(url) });
  for await (const message of messages(socket, context.signal)) {
    let event;
    try {
      event = commitEvent.parse(JSON.parse(message));
    } catch {
      continue; // identity/account events and anything malformed
    }
    if (event.commit.operation !== 'create' || event.commit.collection !== 'app.bsky.feed.post') continue;
    const record = postRecordSchema.safeParse(event.commit.record);
    if (!record.success || !matchesQueries(record.data.text, config.queries)) continue;
    if (config.lang && !(record.data.langs ?? []).includes(config.lang)) continue;
    const uri = `at://${event.did}/app.bsky.feed.post/${event.commit.rkey}`;
    const profile = await profileOf(event.did);
    const handle = profile?.handle ?? event.did;
    const quoted = record.data.embed?.record;
    yield [
      {
        source: 'bluesky',
        externalId: uri,
        url: bskyPostUrl(uri, handle),
        author: { handle: handle.toLowerCase(), displayName: profile?.displayName || null, followers: profile?.followersCount ?? null },
        text: record.data.text,
        publishedAt: new Date(record.data.createdAt),
        engagement: { likes: 0, shares: 0, replies: 0, views: null },
        langHint: record.data.langs?.[0] ?? null,
        parentExternalId: record.data.reply?.parent.uri ?? (quoted ? ('uri' in quoted ? quoted.uri : quoted.record.uri) : null),
      },
    ];
  }
}
