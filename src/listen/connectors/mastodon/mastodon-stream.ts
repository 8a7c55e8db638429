/**
 * Mastodon's streaming API for hashtags, over server-sent events:
 * `GET /api/v1/streaming/hashtag?tag=…` (or `/hashtag/local`), `event: update` with a
 * Status as data. https://docs.joinmastodon.org/methods/streaming/#hashtag
 * One connection per tag; their updates are merged.
 */
import type { MentionInput } from '../../../core/mention.ts';
import { ConnectorError, type StreamContext } from '../connector.ts';
import { DEFAULT_USER_AGENT } from '../http.ts';
import { readServerSentEvents } from '../sse.ts';
import { log } from '../../../core/log.ts';
import { mapMastodonStatus, mastodonStatusSchema } from './mastodon-mapper.ts';
import type { MastodonConfig, MastodonSecrets } from './mastodon-config.ts';

/** Several async sources into one, in arrival order; ends when all have ended, throws the first error. */
async function* merge<T>(sources: AsyncGenerator<T, void, void>[]): AsyncGenerator<T, void, void> {
  const pending = new Map(sources.map((source, i) => [i, source.next().then((result) => ({ i, result }))]));
  try {
    while (pending.size > 0) {
      const { i, result } = await Promise.race(pending.values());
      if (result.done) {
        pending.delete(i);
        continue;
      }
      pending.set(i, sources[i]!.next().then((next) => ({ i, result: next })));
      yield result.value;
    }
  } finally {
    await Promise.allSettled(sources.map((s) => s.return()));
  }
}

async function* tagStream(context: StreamContext<MastodonConfig, MastodonSecrets>, tag: string): AsyncGenerator<MentionInput[], void, void> {
  const { config, secrets } = context;
  const base = config.streamingUrl ?? config.instance;
  const url = new URL(`/api/v1/streaming/hashtag${config.localOnly ? '/local' : ''}`, base);
  url.searchParams.set('tag', tag);
  const headers: Record<string, string> = { accept: 'text/event-stream', 'user-agent': DEFAULT_USER_AGENT };
  if (secrets.token) headers.authorization = `Bearer ${secrets.token}`;
  const response = await context.fetch(url, { headers, signal: context.signal });
  const where = `GET ${url.origin}${url.pathname}`;
  if (!response.ok || !response.body) {
    await response.body?.cancel();
    throw new ConnectorError(`${where}: HTTP ${response.status} (streaming ${tag})`);
  }
  if (!/text\/event-stream/.test(response.headers.get('content-type') ?? '')) {
    await response.body.cancel();
    throw new ConnectorError(`${where}: not an event stream (${response.headers.get('content-type') ?? 'no content type'})`);
  }
  const host = new URL(config.instance).hostname;
  for await (const event of readServerSentEvents(response.body as unknown as AsyncIterable<Uint8Array>)) {
    if (event.event !== 'update' && event.event !== 'status.update') continue;
    let status;
    try {
      status = mastodonStatusSchema.parse(JSON.parse(event.data));
    } catch {
      // One bad event must not drop the connection: skip it and say so.
      log.warn({ sourceId: context.sourceId, tag, bytes: event.data.length }, 'skipped a malformed streaming event');
      continue;
    }
    yield mapMastodonStatus(status, host, () => null);
  }
}

export function mastodonStream(context: StreamContext<MastodonConfig, MastodonSecrets>): AsyncGenerator<MentionInput[], void, void> {
  if (!context.config.stream || context.config.tags.length === 0) return merge([]);
  return merge(context.config.tags.map((tag) => tagStream(context, tag)));
}
