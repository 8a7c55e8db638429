/**
 * Bluesky: app.bsky.feed.searchPosts (sort=latest, cursor paging, since/lang) through
 * an app-password session. https://docs.bsky.app/docs/api/app-bsky-feed-search-posts
 */
import { z } from 'zod';
import type { Connector, PollContext } from '../connector.ts';
import { expectShape } from '../http.ts';
import { blueskyConfigSchema, blueskyLogin, blueskySecretsSchema, type BlueskyConfig, type BlueskySecrets } from './bluesky-config.ts';
import { streamCursorOf, walkStreams, type WalkSource } from '../walk.ts';
import { mapBlueskyPost, postViewSchema, sortAt, type PostView } from './bluesky-mapper.ts';
import { blueskyJetstream } from './bluesky-jetstream.ts';
import { xrpc } from './bluesky-session.ts';

// The options live apart so that the Jetstream module can use them without importing this one.
export { blueskyConfigSchema, blueskyLogin, blueskySecretsSchema, type BlueskyConfig, type BlueskySecrets } from './bluesky-config.ts';
import { blueskyOwnPosts } from './bluesky-own.ts';

const searchResponse = z.object({ cursor: z.string().nullish(), hitsTotal: z.number().optional(), posts: z.array(postViewSchema) });


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
