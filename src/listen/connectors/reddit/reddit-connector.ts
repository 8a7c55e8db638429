/**
 * Reddit: search and subreddit listings through the OAuth API with an app-only
 * token (client credentials), `after` paging, and the comments of each new thread.
 * https://www.reddit.com/dev/api/#GET_search  https://www.reddit.com/dev/api/#GET_new
 * https://www.reddit.com/dev/api/#GET_comments_{article}
 * https://github.com/reddit-archive/reddit/wiki/OAuth2#application-only-oauth
 */
import { z } from 'zod';
import type { MentionInput } from '../../../core/mention.ts';
import { AuthError, type Connector, type PollContext } from '../connector.ts';
import { expectShape, HttpStatusError, type HttpClient } from '../http.ts';
import { baseUrl, pollingOptions } from '../options.ts';
import { streamCursorOf, walkStreams, type WalkSource } from '../walk.ts';
import { flattenComments, linkSchema, listingSchema, mapRedditLink, type RedditLink } from './reddit-mapper.ts';

const subredditName = z.string().transform((s) => s.replace(/^\/?r\//i, '').trim()).pipe(z.string().regex(/^[A-Za-z0-9_]{2,21}$/, 'not a subreddit name'));

export const redditConfigSchema = z
  .object({
    clientId: z.string().min(1).describe('the app client id (reddit.com/prefs/apps, type "script")'),
    query: z.string().min(1).nullable().default(null).describe('full-text search'),
    subreddits: z.array(subredditName).default([]).describe('a subreddit to read or to restrict the search to'),
    comments: z.boolean().default(true).describe('comments of matching threads'),
    /** Things per listing request; 100 is the documented maximum. */
    pageSize: z.number().int().min(1).max(100).default(100),
    commentsPerThread: z.number().int().min(1).max(500).default(100),
    /** Reddit throttles generic agents; theirs asks for `<platform>:<app id>:<version> (by /u/<name>)`. */
    userAgent: z.string().min(1).nullable().default(null).describe('your User-Agent, e.g. "server:murmur-acme:1.0 (by /u/you)"'),
    authBase: baseUrl.default('https://www.reddit.com').describe('token endpoint base'),
    apiBase: baseUrl.default('https://oauth.reddit.com').describe('API base (default: the real service)'),
    ...pollingOptions,
  })
  .refine((c) => c.query || c.subreddits.length > 0, { message: 'give --query, --subreddit, or both' });
export type RedditConfig = z.infer<typeof redditConfigSchema>;

export const redditSecretsSchema = z.object({ clientSecret: z.string().min(1, 'Reddit needs the app secret (--client-secret)').describe('the app secret') });
export type RedditSecrets = z.infer<typeof redditSecretsSchema>;

const tokenSchema = z.object({ access_token: z.string(), token_type: z.string(), expires_in: z.number() });
const tokens = new Map<string, { token: string; expiresAt: number }>();

const tokenKey = (config: RedditConfig) => `${config.authBase}\u0000${config.clientId}`;

export function forgetRedditTokens(): void {
  tokens.clear();
}

async function fetchToken(http: HttpClient, config: RedditConfig, secrets: RedditSecrets, now: number): Promise<string> {
  const basic = Buffer.from(`${config.clientId}:${secrets.clientSecret}`).toString('base64');
  try {
    const { data } = await http.json(`${config.authBase}/api/v1/access_token`, {
      method: 'POST',
      headers: { authorization: `Basic ${basic}` },
      form: { grant_type: 'client_credentials' },
    });
    const body = expectShape(tokenSchema, data, 'POST /api/v1/access_token');
    tokens.set(tokenKey(config), { token: body.access_token, expiresAt: now + (body.expires_in - 60) * 1000 });
    return body.access_token;
  } catch (error) {
    if (error instanceof HttpStatusError && (error.status === 401 || error.status === 403)) {
      throw new AuthError(`Reddit refused client id ${config.clientId} and its secret: ${error.message}`);
    }
    throw error;
  }
}

/** GET on the OAuth API; a 401 (token expired or revoked) gets one fresh token and one retry. */
async function redditGet(http: HttpClient, config: RedditConfig, secrets: RedditSecrets, path: string, now: () => number): Promise<unknown> {
  const cached = tokens.get(tokenKey(config));
  let token = cached && cached.expiresAt > now() ? cached.token : await fetchToken(http, config, secrets, now());
  const headers = () => ({ authorization: `Bearer ${token}`, ...(config.userAgent ? { 'user-agent': config.userAgent } : {}) });
  const url = `${config.apiBase}${path}${path.includes('?') ? '&' : '?'}raw_json=1`;
  try {
    return (await http.json(url, { headers: headers() })).data;
  } catch (error) {
    if (!(error instanceof HttpStatusError && error.status === 401)) throw error;
    token = await fetchToken(http, config, secrets, now());
    return (await http.json(url, { headers: headers() })).data;
  }
}

function listingPath(config: RedditConfig, subreddit: string | null): string {
  const params = new URLSearchParams({ limit: String(config.pageSize) });
  if (config.query) {
    params.set('q', config.query);
    params.set('sort', 'new');
    params.set('type', 'link');
    if (config.subreddits.length > 0) params.set('restrict_sr', 'on');
    const where = config.subreddits.length > 0 ? `/r/${config.subreddits.join('+')}` : '';
    return `${where}/search?${params}`;
  }
  return `/r/${subreddit}/new?${params}`;
}

export const redditConnector: Connector<RedditConfig, RedditSecrets> = {
  network: 'reddit',
  configSchema: redditConfigSchema,
  secretsSchema: redditSecretsSchema,
  describe: (config) =>
    [config.query ? `"${config.query}"` : null, config.subreddits.length ? `in ${config.subreddits.map((s) => `r/${s}`).join(', ')}` : null].filter(Boolean).join(' '),
  async *poll({ config, secrets, cursor, http, now }: PollContext<RedditConfig, RedditSecrets>) {
    const get = (path: string) => redditGet(http, config, secrets, path, now);
    const withComments = async (links: RedditLink[]): Promise<MentionInput[]> => {
      const mentions = links.map(mapRedditLink);
      if (!config.comments) return mentions;
      for (const link of links) {
        if (!link.num_comments) continue;
        let data: unknown;
        try {
          data = await get(`/comments/${link.id}?sort=new&limit=${config.commentsPerThread}`);
        } catch (error) {
          // A thread removed or made private since the listing: its post is still worth keeping.
          if (error instanceof HttpStatusError && (error.status === 403 || error.status === 404)) continue;
          throw error;
        }
        const listings = expectShape(z.tuple([listingSchema, listingSchema]), data, `GET /comments/${link.id}`);
        mentions.push(...flattenComments(listings[1].data.children));
      }
      return mentions;
    };
    const streamSource = (subreddit: string | null): WalkSource<RedditLink> => ({
      async fetchPage(page) {
        const path = listingPath(config, subreddit) + (page ? `&after=${encodeURIComponent(page)}` : '');
        const listing = expectShape(listingSchema, await get(path), `GET ${path.split('?')[0]}`);
        const items = listing.data.children.filter((c) => c.kind === 't3').map((c, i) => expectShape(linkSchema, c.data, `GET ${path.split('?')[0]} (child ${i})`));
        return { items, next: listing.data.after ?? null };
      },
      key: (link) => ({ t: link.created_utc * 1000, id: link.id }),
      time: (link) => link.created_utc * 1000,
      map: withComments,
    });
    const streams = config.query
      ? [{ key: `search:${config.query}`, source: streamSource(null) }]
      : config.subreddits.map((s) => ({ key: `r/${s.toLowerCase()}`, source: streamSource(s) }));
    const floor = now() - config.lookbackHours * 3600_000;
    yield* walkStreams(streams, streamCursorOf(cursor), { floor, maxPages: config.maxPages });
  },
};
