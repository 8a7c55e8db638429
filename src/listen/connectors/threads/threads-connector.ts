/**
 * Threads keyword search, for users whose Meta app has the `threads_keyword_search`
 * permission: GET /keyword_search?q=…&search_type=RECENT&fields=… with a user access token.
 * https://developers.facebook.com/docs/threads/keyword-search
 * Newest first, paged by `paging.cursors.after`; `since` (unix seconds) keeps each walk
 * above the last one's mark. Every query counts against 2,200 per 24 h per user
 * (threads-budget.ts spreads them over the day).
 */
import { z } from 'zod';
import { AuthError, ConnectorError, type Connector, type PollContext } from '../connector.ts';
import { expectShape, HttpStatusError, RateLimitedError, type HttpClient } from '../http.ts';
import { baseUrl, pollingOptions } from '../options.ts';
import { streamCursorOf, walkStreams, type WalkSource } from '../walk.ts';
import { QueryBudget } from './threads-budget.ts';
import { mapThreadsMedia, THREADS_FIELDS, threadsMediaSchema, type ThreadsMedia } from './threads-mapper.ts';

export const THREADS_DAILY_QUERIES = 2200;

export const threadsConfigSchema = z.object({
  queries: z.array(z.string().trim().min(1)).min(1, 'give at least one --query').describe('a search'),
  /** KEYWORD searches the text; TAG searches the post's topic tag. */
  searchMode: z.enum(['KEYWORD', 'TAG']).default('KEYWORD'),
  /** The share of the 2,200 daily queries this source may use (other apps of the same user count too). */
  dailyQueryBudget: z
    .number()
    .int()
    .min(25)
    .max(THREADS_DAILY_QUERIES)
    .default(THREADS_DAILY_QUERIES)
    .meta({ flag: 'daily-queries', description: 'the share of the 2,200 keyword searches per 24 h this source may use' }),
  /** Results per query; 100 is the documented maximum. */
  pageSize: z.number().int().min(1).max(100).default(100),
  apiBase: baseUrl.default('https://graph.threads.net/v1.0').describe('API base (default: the real service)'),
  ...pollingOptions,
});
export type ThreadsConfig = z.infer<typeof threadsConfigSchema>;

const NEEDS_TOKEN = 'Threads needs a user access token with threads_keyword_search (--token)';
export const threadsSecretsSchema = z.object({ accessToken: z.string({ error: NEEDS_TOKEN }).min(1, NEEDS_TOKEN).meta({ flag: 'token', description: 'user access token with threads_keyword_search' }) });
export type ThreadsSecrets = z.infer<typeof threadsSecretsSchema>;

const searchResponse = z.object({
  data: z.array(threadsMediaSchema),
  paging: z.object({ cursors: z.object({ after: z.string().nullish() }).nullish(), next: z.string().nullish() }).nullish(),
});

/** Graph API error codes (https://developers.facebook.com/docs/graph-api/guides/error-handling). */
const RATE_LIMIT_CODES = new Set([4, 17, 32, 613]);
const graphError = z.object({ error: z.object({ message: z.string(), code: z.number(), type: z.string().optional() }) });

/** The Graph error body says what went wrong; the message keeps Meta's words, never the token. */
function explain(error: HttpStatusError, now: number): Error {
  let parsed: z.infer<typeof graphError> | null = null;
  try {
    const result = graphError.safeParse(JSON.parse(error.body));
    parsed = result.success ? result.data : null;
  } catch {
    parsed = null;
  }
  if (!parsed) return error;
  const { code, message } = parsed.error;
  // Platform limits are counted over a rolling hour: come back in one.
  if (RATE_LIMIT_CODES.has(code)) return new RateLimitedError(`${error.message}: Meta says "${message}" (code ${code})`, now + 3_600_000);
  if (code === 190) return new AuthError(`Threads refused the access token: "${message}" (code 190): create a new long-lived token`);
  if (code === 10 || code === 200) return new AuthError(`Threads refused the search: "${message}" (code ${code}): the app needs the threads_keyword_search permission, approved by Meta`);
  return new ConnectorError(`${error.message}: Meta says "${message}" (code ${code})`);
}

class BudgetSpent extends Error {}

function querySource(http: HttpClient, config: ThreadsConfig, secrets: ThreadsSecrets, query: string, budget: QueryBudget, floor: number, now: () => number): WalkSource<ThreadsMedia> {
  return {
    async fetchPage(page, { hw }) {
      if (!budget.take()) throw new BudgetSpent();
      const url = new URL(`${config.apiBase}/keyword_search`);
      url.search = new URLSearchParams({
        q: query,
        search_type: 'RECENT',
        search_mode: config.searchMode,
        fields: THREADS_FIELDS,
        limit: String(config.pageSize),
        since: String(Math.floor((hw ? hw.t : floor) / 1000)),
        ...(page ? { after: page } : {}),
        access_token: secrets.accessToken,
      }).toString();
      let data: unknown;
      try {
        ({ data } = await http.json(url));
      } catch (error) {
        throw error instanceof HttpStatusError ? explain(error, now()) : error;
      }
      const body = expectShape(searchResponse, data, 'GET /keyword_search');
      // No next page link: this is the last page, whatever the cursors say.
      return { items: body.data, next: body.paging?.next ? (body.paging.cursors?.after ?? null) : null };
    },
    key: (media) => ({ t: Date.parse(media.timestamp), id: media.id }),
    time: (media) => Date.parse(media.timestamp),
    map: (items) => items.map(mapThreadsMedia).filter((m) => m.text.trim() !== ''),
  };
}

export const threadsConnector: Connector<ThreadsConfig, ThreadsSecrets> = {
  network: 'threads',
  configSchema: threadsConfigSchema,
  secretsSchema: threadsSecretsSchema,
  describe: (config) => `${config.queries.map((q) => `"${q}"`).join(' ')} on Threads${config.searchMode === 'TAG' ? ' (topic tags)' : ''}`,
  async *poll({ config, secrets, cursor: stored, http, now }: PollContext<ThreadsConfig, ThreadsSecrets>) {
    const cursor = streamCursorOf(stored);
    const budget = new QueryBudget(cursor.usage, config.dailyQueryBudget, now);
    if (budget.left() <= 0) {
      throw new RateLimitedError(
        `Threads keyword search: this hour's share of the daily budget is spent (${budget.spentToday()} of ${config.dailyQueryBudget} queries in 24 h); the next query at ${new Date(budget.renewsAt()).toISOString()}`,
        budget.renewsAt(),
      );
    }
    const floor = now() - config.lookbackHours * 3600_000;
    const streams = config.queries.map((query) => ({ key: `q:${query}`, source: querySource(http, config, secrets, query, budget, floor, now) }));
    try {
      for await (const step of walkStreams(streams, cursor, { floor, maxPages: config.maxPages })) {
        yield { mentions: step.mentions, cursor: { ...step.cursor, usage: { ...budget.usage } } };
      }
    } catch (error) {
      // The share ran out mid-poll: what was read is stored; the walk resumes next time.
      if (!(error instanceof BudgetSpent)) throw error;
    }
  },
};
