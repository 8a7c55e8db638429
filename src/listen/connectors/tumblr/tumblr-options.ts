/** The options of a Tumblr source, in one schema (CLI, API and dashboard validate with it). */
import { z } from 'zod';
import { baseUrl, pollingOptions } from '../options.ts';

/** A tag as Tumblr stores it: without the `#`, spaces allowed ("cold brew"). */
const tag = z
  .string()
  .transform((value) => value.trim().replace(/^#/, ''))
  .pipe(z.string().min(1, 'empty tag').max(140));

export const tumblrConfigSchema = z.object({
  tags: z.array(tag).min(1, 'give at least one --tag').describe('a tag'),
  apiBase: baseUrl.default('https://api.tumblr.com/v2').describe('API base (default: the real service)'),
  /** Posts per request; `/tagged` returns 1–20. */
  pageSize: z.number().int().min(1).max(20).default(20),
  ...pollingOptions,
});
export type TumblrConfig = z.infer<typeof tumblrConfigSchema>;

const NEEDS_KEY = 'Tumblr needs an app’s OAuth consumer key as its API key (--api-key)';
export const tumblrSecretsSchema = z.object({ apiKey: z.string({ error: NEEDS_KEY }).min(1, NEEDS_KEY).describe("an app's OAuth consumer key") });
export type TumblrSecrets = z.infer<typeof tumblrSecretsSchema>;
