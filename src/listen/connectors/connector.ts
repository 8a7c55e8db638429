/**
 * The one interface every network connector implements (each lives in its own
 * folder with the same roles: `<network>-connector.ts` reads, `<network>-mapper.ts`
 * turns the network's JSON into `MentionInput`, `<network>-publisher.ts` posts).
 *
 * A connector is stateless: everything it must remember between polls goes into
 * the cursor it yields with each page, which the scheduler stores with the page.
 */
import type { z } from 'zod';
import type { MentionInput } from '../../core/mention.ts';
import type { FetchLike, HttpClient } from './http.ts';

export const NETWORKS = ['mastodon', 'bluesky', 'reddit', 'hackernews', 'rss', 'lemmy', 'youtube', 'tumblr', 'googlenews', 'telegram', 'threads'] as const;
export type Network = (typeof NETWORKS)[number];

/** JSON-serialisable cursor value; each connector owns its shape. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** One day of a hashtag's use, as Mastodon's Tag.history reports it. */
export interface HashtagVolume {
  instance: string;
  tag: string;
  /** Start of the day, epoch ms UTC. */
  day: number;
  uses: number;
  accounts: number;
}

/** A post of the brand's own account with its engagement now (stored apart from mentions, see own-accounts.ts). */
export interface OwnPost {
  /** The account's handle, lower-cased. */
  account: string;
  externalId: string;
  url: string | null;
  text: string;
  publishedAt: number;
  likes: number;
  shares: number;
  replies: number;
  views: number | null;
}

/** How many follow one of the brand's own accounts, as read now. */
export interface FollowerCount {
  account: string;
  followers: number;
}

/** What a poll yields, page by page. The cursor is stored only after the page's mentions are. */
export interface PollPage {
  mentions: MentionInput[];
  cursor: JsonValue;
  hashtagVolumes?: HashtagVolume[];
  /**
   * The connector chose to stop here and wait (a planned budget, such as YouTube's
   * daily quota): the next poll is not before this time (epoch ms). Not a failure.
   */
  deferUntil?: number;
  /** Why, in one line for `sources list` (kept in the poll's result). */
  note?: string;
  /** The brand's own posts read by this page; re-read each poll so their counts stay current. */
  ownPosts?: OwnPost[];
  followerCounts?: FollowerCount[];
}

export interface PollContext<Config, Secrets> {
  sourceId: number;
  config: Config;
  secrets: Secrets;
  /** The cursor of the last stored page, or null on the first poll. */
  cursor: JsonValue | null;
  http: HttpClient;
  /** Injected so tests control time. */
  now: () => number;
  signal: AbortSignal;
}

export interface StreamContext<Config, Secrets> {
  sourceId: number;
  config: Config;
  secrets: Secrets;
  /** Plain fetch: a stream outlives any request timeout. */
  fetch: FetchLike;
  signal: AbortSignal;
}

export interface Connector<Config = unknown, Secrets = unknown> {
  network: Network;
  /** Non-secret options, stored in clear. */
  configSchema: z.ZodType<Config>;
  /** Secret options, stored encrypted; `{}` when the network needs none. */
  secretsSchema: z.ZodType<Secrets>;
  /** A short human label for `sources list`, e.g. `#brand @ mastodon.social`. */
  describe(config: Config): string;
  poll(context: PollContext<Config, Secrets>): AsyncGenerator<PollPage, void, void>;
  /**
   * Live updates, where the network pushes them and the source asks for it. Ends
   * (or throws) when the connection drops; the caller reconnects. Polling stays the
   * source of truth: what a dropped stream misses, the next poll reads.
   */
  stream?(context: StreamContext<Config, Secrets>): AsyncGenerator<MentionInput[], void, void>;
}

// In their own module so that http.ts can throw them without importing this one.
export { AuthError, ConnectorError, MalformedResponseError } from './connector-errors.ts';
