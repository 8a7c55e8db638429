/** The options of a Lemmy source, in one schema (CLI, API and dashboard validate with it). */
import { z } from 'zod';
import { baseUrl, pollingOptions } from '../options.ts';

export const lemmyConfigSchema = z.object({
  /** Any Lemmy instance; it searches what it has federated, so results differ by instance. */
  instance: baseUrl.describe('the instance, e.g. lemmy.world'),
  queries: z.array(z.string().min(1)).min(1, 'give at least one --query').describe('a search'),
  /** Only this community (`name` or `name@instance`), as `community_name` narrows a search. */
  community: z.string().min(1).nullable().default(null).describe('only this community, name or name@instance'),
  /** `All` (everything the instance knows) or `Local` (only posts made on it). */
  listingType: z.enum(['All', 'Local']).default('All').meta({ flag: 'local', switchValue: 'Local', description: 'only posts from the instance itself' }),
  comments: z.boolean().default(true).describe('comments in the search'),
  /** Items per search page; Lemmy allows at most 50. */
  pageSize: z.number().int().min(1).max(50).default(50),
  /** How long to wait after a rate-limit answer that gives no Retry-After: Lemmy's default search window is 600 s. */
  rateLimitWaitSeconds: z.number().int().min(1).max(86_400).default(600),
  ...pollingOptions,
});
export type LemmyConfig = z.infer<typeof lemmyConfigSchema>;

/** Lemmy's search needs no account. */
export const lemmySecretsSchema = z.object({});
