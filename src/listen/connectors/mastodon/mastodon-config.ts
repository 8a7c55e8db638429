/** A Mastodon source's options and secrets (mastodon-connector.ts reads with them, mastodon-stream.ts follows them). */
import { z } from 'zod';
import { baseUrl, pollingOptions } from '../options.ts';

const tagName = z.string().transform((t) => t.replace(/^#/, '').trim()).pipe(z.string().min(1, 'empty hashtag'));

export const mastodonConfigSchema = z
  .object({
    instance: baseUrl.describe('the instance, e.g. mastodon.social'),
    tags: z.array(tagName).default([]).describe('a hashtag timeline to read'),
    /** Accounts whose statuses to read, as `user@domain` (or `user` on the instance). */
    accounts: z.array(z.string().min(1)).default([]).describe('an account whose posts to read, user@domain'),
    /** The brand's own accounts (user@domain): their posts with engagement refreshed each poll, and a daily follower count. */
    ownAccounts: z.array(z.string().min(1)).default([]).describe("the brand's own account: its posts' engagement and daily followers, for the plan's KPIs"),
    /** Own posts this recent (days) have their counts refreshed at every poll. */
    ownPostsDays: z.number().int().min(1).max(365).default(30),
    /** Full-text search; most instances only allow it with a token. */
    query: z.string().min(1).nullable().default(null).describe('full-text search (most instances need a token)'),
    /** Tags whose daily volume (Tag.history) is stored without ingesting their posts. */
    volumeTags: z.array(tagName).default([]).describe('store only the daily volume of this hashtag'),
    localOnly: z.boolean().default(false).meta({ flag: 'local', description: 'only posts from the instance itself' }),
    /** Also follow the tags live through the streaming API (server-sent events). */
    stream: z.boolean().default(false).describe('also follow the tags live (streaming API) while the scheduler runs'),
    /** The streaming server when it is not the instance itself (see /api/v2/instance → configuration.urls.streaming). */
    streamingUrl: baseUrl.nullable().default(null).describe('the streaming server, when not the instance itself'),
    /** Reply parents not on the same page are looked up, at most this many per poll. */
    parentLookups: z.number().int().min(0).default(20),
    /** Tag history is daily; refresh it at most this often. */
    historyEveryMs: z.number().int().positive().default(60 * 60 * 1000),
    /** Statuses per request; 40 is the documented maximum. */
    pageSize: z.number().int().min(1).max(40).default(40),
    ...pollingOptions,
  })
  .refine((c) => c.tags.length + c.accounts.length + c.volumeTags.length + c.ownAccounts.length + (c.query ? 1 : 0) > 0, {
    message: 'give at least one --tag, --account, --query, --volume-tag or --own-account',
  });
export type MastodonConfig = z.infer<typeof mastodonConfigSchema>;

export const mastodonSecretsSchema = z.object({ token: z.string().min(1).optional().describe('access token (needed for search and publishing)') });
export type MastodonSecrets = z.infer<typeof mastodonSecretsSchema>;
