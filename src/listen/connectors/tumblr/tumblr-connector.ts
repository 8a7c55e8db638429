/**
 * Tumblr: public posts with a tag, newest first, through `/v2/tagged` with an app's
 * API key, paged backwards with the `before` timestamp.
 * https://github.com/tumblr/docs/blob/master/api.md#tagged--get-posts-with-tag
 *
 * Limits (https://github.com/tumblr/docs/blob/master/api.md#rate-limits): 1,000 calls
 * an hour and 5,000 a day per consumer key, answered with `429 Limit Exceeded`. The
 * per-hour and per-day budgets the answers report (`X-Ratelimit-Perhour-*`,
 * `X-Ratelimit-Perday-*`) stop paging before they run out.
 */
import { z } from 'zod';
import { AuthError, type Connector, type PollContext } from '../connector.ts';
import { expectShape, HttpStatusError, parseReset, RateLimitedError, type HttpClient, type RateLimitState } from '../http.ts';
import { streamCursorOf, walkStreams, type WalkSource } from '../walk.ts';
import { mapTumblrPost, tumblrPostSchema, tumblrTime, type TumblrPost } from './tumblr-mapper.ts';
import { tumblrConfigSchema, tumblrSecretsSchema, type TumblrConfig, type TumblrSecrets } from './tumblr-options.ts';

const responseSchema = z.object({ meta: z.object({ status: z.number() }), response: z.array(z.unknown()) });
/** Without a reset header, a spent budget is most likely the hourly one. */
const HOUR = 3600_000;

/** The tighter of Tumblr's hourly and daily budgets, from the headers of one answer. */
export function tumblrBudget(headers: Headers, now: number): RateLimitState | null {
  const windows = (['perhour', 'perday'] as const).flatMap((window) => {
    const remaining = headers.get(`x-ratelimit-${window}-remaining`);
    if (remaining == null || !Number.isFinite(Number(remaining))) return [];
    const limit = headers.get(`x-ratelimit-${window}-limit`);
    return [{ limit: limit == null ? null : Number(limit), remaining: Number(remaining), resetAt: parseReset(headers.get(`x-ratelimit-${window}-reset`), now) }];
  });
  if (windows.length === 0) return null;
  // The spent window that resets last decides; else the one with the fewest calls left.
  const spent = windows.filter((w) => w.remaining <= 1).sort((a, b) => (b.resetAt ?? 0) - (a.resetAt ?? 0));
  return spent[0] ?? windows.sort((a, b) => a.remaining - b.remaining)[0]!;
}

async function tagged(http: HttpClient, config: TumblrConfig, secrets: TumblrSecrets, now: () => number, tag: string, before: string | null): Promise<TumblrPost[]> {
  const url = new URL(`${config.apiBase}/tagged`);
  url.search = new URLSearchParams({ tag, limit: String(config.pageSize), api_key: secrets.apiKey, ...(before ? { before } : {}) }).toString();
  try {
    const { data, response } = await http.json(url);
    const budget = tumblrBudget(response.headers, now());
    if (budget) http.rateLimit = budget;
    const body = expectShape(responseSchema, data, 'GET /v2/tagged');
    return body.response.map((post, i) => expectShape(tumblrPostSchema, post, `GET /v2/tagged (post ${i})`));
  } catch (error) {
    if (error instanceof RateLimitedError && error.retryAt == null) throw new RateLimitedError(`${error.message}: Tumblr allows 1,000 calls an hour per API key`, now() + HOUR);
    if (error instanceof HttpStatusError && error.status === 401) throw new AuthError(`Tumblr refused the API key: ${error.message}`);
    throw error;
  }
}

export const tumblrConnector: Connector<TumblrConfig, TumblrSecrets> = {
  network: 'tumblr',
  configSchema: tumblrConfigSchema,
  secretsSchema: tumblrSecretsSchema,
  describe: (config) => config.tags.map((t) => `#${t}`).join(' '),
  async *poll({ config, secrets, cursor, http, now }: PollContext<TumblrConfig, TumblrSecrets>) {
    const stream = (tag: string): WalkSource<TumblrPost> => ({
      async fetchPage(before) {
        const posts = await tagged(http, config, secrets, now, tag, before);
        const oldest = posts.reduce<number | null>((min, p) => (min == null || tumblrTime(p) < min ? tumblrTime(p) : min), null);
        if (oldest == null || posts.length < config.pageSize) return { items: posts, next: null };
        // `before` is exclusive: asking from one second later again gets the posts that share
        // the oldest's second but did not fit on this page (seen twice, stored once). A page
        // all in one second cannot move that way: then go on strictly before it.
        const next = String(oldest + 1) === before ? String(oldest) : String(oldest + 1);
        return { items: posts, next };
      },
      key: (post) => ({ t: tumblrTime(post) * 1000, id: post.id_string }),
      time: (post) => tumblrTime(post) * 1000,
      map: (posts) => posts.map(mapTumblrPost),
      tiesUnordered: true,
    });
    const streams = config.tags.map((tag) => ({ key: `tag:${tag.toLowerCase()}`, source: stream(tag) }));
    const floor = now() - config.lookbackHours * 3600_000;
    yield* walkStreams(streams, streamCursorOf(cursor), { floor, maxPages: config.maxPages });
  },
};
