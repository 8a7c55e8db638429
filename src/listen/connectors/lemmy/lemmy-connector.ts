/**
 * Lemmy: posts and comments matching a search, newest first, on any instance, with
 * no account (`GET /api/v3/search?type_=Posts|Comments&sort=New`, numbered pages).
 * https://join-lemmy.org/api/functions/search.html  https://join-lemmy.org/api/interfaces/Search.html
 *
 * Numbered pages shift down when new items arrive during a walk: what shifts is seen
 * twice (and stored once), never skipped. Lemmy limits searches per IP (by default 60
 * per 600 s, https://join-lemmy.org/api/interfaces/LocalSiteRateLimit.html); its
 * rate-limit answer carries no Retry-After, so the source waits `rateLimitWaitSeconds`.
 */
import { z } from 'zod';
import type { Connector, PollContext } from '../connector.ts';
import { ConnectorError } from '../connector.ts';
import { expectShape, HttpStatusError, RateLimitedError, type HttpClient } from '../http.ts';
import { streamCursorOf, walkStreams, type WalkSource } from '../walk.ts';
import { commentViewSchema, mapLemmyComment, mapLemmyPost, postViewSchema, type LemmyCommentView, type LemmyPostView } from './lemmy-mapper.ts';
import { lemmyConfigSchema, lemmySecretsSchema, type LemmyConfig } from './lemmy-options.ts';

const responseSchema = z.object({ posts: z.array(postViewSchema), comments: z.array(commentViewSchema) });
/** Lemmy's error body, `{"error": "<snake_case code>"}`: a fixed code, safe to show (free text from a body never is). */
const errorCode = (body: string) => /^\s*\{\s*"error"\s*:\s*"([a-z_]{1,60})"/.exec(body)?.[1] ?? null;

async function search(http: HttpClient, config: LemmyConfig, now: () => number, params: Record<string, string>) {
  const url = new URL(`${config.instance}/api/v3/search`);
  url.search = new URLSearchParams(params).toString();
  try {
    const { data } = await http.json(url);
    return expectShape(responseSchema, data, 'GET /api/v3/search');
  } catch (error) {
    const wait = () => now() + config.rateLimitWaitSeconds * 1000;
    if (error instanceof RateLimitedError && error.retryAt == null) throw new RateLimitedError(error.message, wait());
    if (error instanceof HttpStatusError) {
      const code = errorCode(error.body);
      // Lemmy 0.19 answers its rate limit with a 400 and this code rather than a 429.
      if (code === 'rate_limit_error') throw new RateLimitedError(`${error.message} (rate_limit_error)`, wait());
      if (code) throw new ConnectorError(`${error.message} (${code})`);
    }
    throw error;
  }
}

type Item = { kind: 'post'; view: LemmyPostView } | { kind: 'comment'; view: LemmyCommentView };

export const lemmyConnector: Connector<LemmyConfig, Record<string, never>> = {
  network: 'lemmy',
  configSchema: lemmyConfigSchema,
  secretsSchema: lemmySecretsSchema as z.ZodType<Record<string, never>>,
  describe: (config) => `${config.queries.map((q) => `"${q}"`).join(' ')}${config.community ? ` in !${config.community}` : ''} @ ${new URL(config.instance).host}`,
  async *poll({ config, cursor, http, now }: PollContext<LemmyConfig, Record<string, never>>) {
    const host = new URL(config.instance).host.toLowerCase();
    const stream = (query: string, type: 'Posts' | 'Comments'): WalkSource<Item> => ({
      async fetchPage(page) {
        const number = Number(page ?? '1');
        const params: Record<string, string> = { q: query, type_: type, sort: 'New', listing_type: config.listingType, page: String(number), limit: String(config.pageSize) };
        if (config.community) params.community_name = config.community;
        const body = await search(http, config, now, params);
        const items: Item[] = type === 'Posts' ? body.posts.map((view) => ({ kind: 'post', view })) : body.comments.map((view) => ({ kind: 'comment', view }));
        return { items, next: items.length >= config.pageSize ? String(number + 1) : null };
      },
      key: (item) => (item.kind === 'post' ? { t: item.view.post.published, id: String(item.view.post.id) } : { t: item.view.comment.published, id: String(item.view.comment.id) }),
      time: (item) => (item.kind === 'post' ? item.view.post.published : item.view.comment.published),
      map: (items) => items.map((item) => (item.kind === 'post' ? mapLemmyPost(item.view, host) : mapLemmyComment(item.view, host))),
    });
    const streams = config.queries.flatMap((query) => [
      { key: `posts:${query}`, source: stream(query, 'Posts') },
      ...(config.comments ? [{ key: `comments:${query}`, source: stream(query, 'Comments') }] : []),
    ]);
    const floor = now() - config.lookbackHours * 3600_000;
    yield* walkStreams(streams, streamCursorOf(cursor), { floor, maxPages: config.maxPages });
  },
};
