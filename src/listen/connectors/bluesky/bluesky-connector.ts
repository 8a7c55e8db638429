/**
 * Bluesky: app.bsky.feed.searchPosts (sort=latest, cursor paging, since/lang) through
 * an app-password session. https://docs.bsky.app/docs/api/app-bsky-feed-search-posts
 */
import { z } from 'zod';
import type { Connector, PollContext } from '../connector.ts';
import { expectShape } from '../http.ts';
import { baseUrl, pollingOptions } from '../options.ts';
import { streamCursorOf, walkStreams, type WalkSource } from '../walk.ts';
import { mapBlueskyPost, postViewSchema, sortAt, type PostView } from './bluesky-mapper.ts';
import { blueskyJetstream } from './bluesky-jetstream.ts';
import { blueskyOwnPosts } from './bluesky-own.ts';
import { xrpc, type BlueskyLogin } from './bluesky-session.ts';

export const blueskyConfigSchema = z.object({
  /** The PDS that holds the account (bsky.social for most people); it proxies app.bsky.* to the AppView. */
  service: baseUrl.default('https://bsky.social'),
  /** Handle or email the app password belongs to. */
  identifier: z.string().min(1),
  queries: z.array(z.string().min(1)).default([]),
  /** Also read the account's own posts (their engagement refreshed each poll) and its daily follower count. */
  ownPosts: z.boolean().default(false),
  /** Own posts this recent (days) have their counts refreshed at every poll. */
  ownPostsDays: z.number().int().min(1).max(365).default(30),
  /** Only posts in this language (ISO 639-1), as the API filters them. */
  lang: z.string().min(2).nullable().default(null),
  /** Also follow new posts live on Jetstream, filtered by the queries (while the scheduler runs). */
  stream: z.boolean().default(false),
  jetstreamUrl: z
    .url({ protocol: /^(wss?|https?)$/ })
    .transform((value) => value.replace(/\/+$/, ''))
    .default('wss://jetstream2.us-east.bsky.network'),
  /** Posts per request; 100 is the documented maximum. */
  pageSize: z.number().int().min(1).max(100).default(100),
  ...pollingOptions,
}).refine((c) => c.queries.length > 0 || c.ownPosts, { message: 'give at least one --query, or --own-posts', path: ['queries'] });
export type BlueskyConfig = z.infer<typeof blueskyConfigSchema>;

export const blueskySecretsSchema = z.object({ appPassword: z.string().min(1, 'Bluesky needs an app password (--app-password)') });
export type BlueskySecrets = z.infer<typeof blueskySecretsSchema>;

const searchResponse = z.object({ cursor: z.string().nullish(), hitsTotal: z.number().optional(), posts: z.array(postViewSchema) });

export function blueskyLogin(config: Pick<BlueskyConfig, 'service' | 'identifier'>, secrets: BlueskySecrets): BlueskyLogin {
  return { service: config.service, identifier: config.identifier, appPassword: secrets.appPassword };
}

export const blueskyConnector: Connector<BlueskyConfig, BlueskySecrets> = {
  network: 'bluesky',
  configSchema: blueskyConfigSchema,
  secretsSchema: blueskySecretsSchema,
  describe: (config) =>
    `${[...config.queries.map((q) => `"${q}"`), ...(config.ownPosts ? ['own posts'] : [])].join(' ')}${config.lang ? ` [${config.lang}]` : ''} via ${config.identifier}${config.stream ? ' (live)' : ''}`,
  stream: (context) => blueskyJetstream(context),
  async *poll({ config, secrets, cursor, http, now }: PollContext<BlueskyConfig, BlueskySecrets>) {
    const login = blueskyLogin(config, secrets);
    if (config.ownPosts) {
      for await (const page of blueskyOwnPosts(http, login, { since: now() - config.ownPostsDays * 86_400_000, maxPages: config.maxPages })) yield { mentions: [], cursor: streamCursorOf(cursor), ...page };
    }
    const floor = now() - config.lookbackHours * 3600_000;
    const streams = config.queries.map((query) => {
      const source: WalkSource<PostView> = {
        async fetchPage(page, { hw }) {
          const params = new URLSearchParams({ q: query, sort: 'latest', limit: String(config.pageSize) });
          // `since` is inclusive: the mark itself comes back and the walk drops it.
          params.set('since', new Date(hw ? hw.t : floor).toISOString());
          if (config.lang) params.set('lang', config.lang);
          if (page) params.set('cursor', page);
          const { data } = await xrpc(http, login, `app.bsky.feed.searchPosts?${params}`);
          const body = expectShape(searchResponse, data, 'GET app.bsky.feed.searchPosts');
          return { items: body.posts, next: body.cursor || null };
        },
        key: (post) => ({ t: sortAt(post), id: post.uri }),
        time: (post) => sortAt(post),
        map: (posts) => posts.map(mapBlueskyPost),
      };
      return { key: `search:${query}`, source };
    });
    yield* walkStreams(streams, streamCursorOf(cursor), { floor, maxPages: config.maxPages });
  },
};
