/** A Bluesky source's options and secrets, and the login they make (used by search and Jetstream alike). */
import { z } from 'zod';
import { baseUrl, pollingOptions } from '../options.ts';
import type { BlueskyLogin } from './bluesky-session.ts';

export const blueskyConfigSchema = z.object({
  /** The PDS that holds the account (bsky.social for most people); it proxies app.bsky.* to the AppView. */
  service: baseUrl.default('https://bsky.social').describe('the PDS of the account'),
  /** Handle or email the app password belongs to. */
  identifier: z.string().min(1).describe('the handle the app password belongs to'),
  queries: z.array(z.string().min(1)).default([]).describe('a search'),
  /** Also read the account's own posts (their engagement refreshed each poll) and its daily follower count. */
  ownPosts: z.boolean().default(false).describe("also read the account's own posts (engagement) and daily followers, for the plan's KPIs"),
  /** Own posts this recent (days) have their counts refreshed at every poll. */
  ownPostsDays: z.number().int().min(1).max(365).default(30),
  /** Only posts in this language (ISO 639-1), as the API filters them. */
  lang: z.string().min(2).nullable().default(null).describe('only posts in this language'),
  /** Also follow new posts live on Jetstream, filtered by the queries (while the scheduler runs). */
  stream: z.boolean().default(false).describe('also follow new posts on Jetstream while the scheduler runs'),
  jetstreamUrl: z
    .url({ protocol: /^(wss?|https?)$/ })
    .transform((value) => value.replace(/\/+$/, ''))
    .default('wss://jetstream2.us-east.bsky.network')
    .describe('the Jetstream instance'),
  /** Posts per request; 100 is the documented maximum. */
  pageSize: z.number().int().min(1).max(100).default(100),
  ...pollingOptions,
}).refine((c) => c.queries.length > 0 || c.ownPosts, { message: 'give at least one --query, or --own-posts', path: ['queries'] });
export type BlueskyConfig = z.infer<typeof blueskyConfigSchema>;

export const blueskySecretsSchema = z.object({ appPassword: z.string().min(1, 'Bluesky needs an app password (--app-password)').describe('an app password (Settings → App passwords)') });
export type BlueskySecrets = z.infer<typeof blueskySecretsSchema>;

export function blueskyLogin(config: Pick<BlueskyConfig, 'service' | 'identifier'>, secrets: BlueskySecrets): BlueskyLogin {
  return { service: config.service, identifier: config.identifier, appPassword: secrets.appPassword };
}
