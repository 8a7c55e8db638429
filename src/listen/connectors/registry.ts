/** Every connector by network name, and the publishers of those that can post. */
import { blueskyConnector } from './bluesky/bluesky-connector.ts';
import { blueskyPublisher } from './bluesky/bluesky-publisher.ts';
import type { Connector, Network } from './connector.ts';
import { googleNewsConnector } from './googlenews/googlenews-connector.ts';
import { hackerNewsConnector } from './hackernews/hackernews-connector.ts';
import { lemmyConnector } from './lemmy/lemmy-connector.ts';
import { mastodonConnector } from './mastodon/mastodon-connector.ts';
import { mastodonPublisher } from './mastodon/mastodon-publisher.ts';
import type { Publisher } from './publisher.ts';
import { redditConnector } from './reddit/reddit-connector.ts';
import { rssConnector } from './rss/rss-connector.ts';
import { tumblrConnector } from './tumblr/tumblr-connector.ts';
import { youtubeConnector } from './youtube/youtube-connector.ts';
import { telegramConnector } from './telegram/telegram-connector.ts';
import { threadsConnector } from './threads/threads-connector.ts';

// Each connector is typed by its own config; the registry erases that, and
// sources.ts validates config and secrets with the connector's schemas before use.
export const connectors: Record<Network, Connector<any, any>> = {
  mastodon: mastodonConnector,
  bluesky: blueskyConnector,
  reddit: redditConnector,
  hackernews: hackerNewsConnector,
  rss: rssConnector,
  lemmy: lemmyConnector,
  youtube: youtubeConnector,
  tumblr: tumblrConnector,
  googlenews: googleNewsConnector,
  telegram: telegramConnector,
  threads: threadsConnector,
};

export const publishers: Partial<Record<Network, Publisher<any, any>>> = {
  mastodon: mastodonPublisher,
  bluesky: blueskyPublisher,
};
