/** The options of a YouTube source, in one schema (CLI, API and dashboard validate with it). */
import { z } from 'zod';
import { baseUrl, pollingOptions } from '../options.ts';

export const SEARCH_COST = 100;
export const DEFAULT_DAILY_QUOTA = 10_000;

export const youtubeConfigSchema = z
  .object({
    queries: z.array(z.string().min(1)).min(1, 'give at least one --query').describe('a search'),
    /** Also read the newest comment threads of each new video (1 unit per video). */
    comments: z.boolean().default(true).describe('comments of new videos'),
    commentsPerVideo: z.number().int().min(1).max(100).default(20),
    /** The project's daily quota in units; Google grants 10,000 unless it raised yours. */
    dailyQuota: z.number().int().min(SEARCH_COST + 2).max(100_000_000).default(DEFAULT_DAILY_QUOTA).describe("the project's daily quota in units"),
    /** Videos per search page (search.list allows 50). Each page costs 100 units, plus 1 + one per video's comments. */
    pageSize: z.number().int().min(1).max(50).default(25),
    /** ISO 3166-1 alpha-2 (search.list `regionCode`). */
    regionCode: z.string().regex(/^[A-Za-z]{2}$/, 'a two-letter country code').nullable().default(null),
    /** ISO 639-1 (search.list `relevanceLanguage`): favours, does not filter. */
    relevanceLanguage: z.string().regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]+)?$/, 'a language code such as en or pt-BR').nullable().default(null),
    apiBase: baseUrl.default('https://www.googleapis.com/youtube/v3').describe('API base (default: the real service)'),
    ...pollingOptions,
  });
export type YouTubeConfig = z.infer<typeof youtubeConfigSchema>;

const NEEDS_KEY = 'YouTube needs an API key (--api-key)';
export const youtubeSecretsSchema = z.object({ apiKey: z.string({ error: NEEDS_KEY }).min(1, NEEDS_KEY).describe('a Google Cloud API key') });
export type YouTubeSecrets = z.infer<typeof youtubeSecretsSchema>;
