/**
 * Hacker News through the Algolia HN Search API: stories and comments, newest first
 * (`search_by_date`), bounded below by `numericFilters=created_at_i>…`.
 * https://hn.algolia.com/api
 *
 * Pages are numbered, and a numbered page shifts when new items arrive; so each
 * walk fixes its upper bound (created_at_i<=top) on its first page and later pages
 * page through that frozen window.
 */
import { z } from 'zod';
import type { Connector, PollContext } from '../connector.ts';
import { expectShape } from '../http.ts';
import { baseUrl, pollingOptions } from '../options.ts';
import { streamCursorOf, walkStreams, type WalkSource } from '../walk.ts';
import { hitSchema, mapHackerNewsHit, type HackerNewsHit } from './hackernews-mapper.ts';

export const hackerNewsConfigSchema = z.object({
  queries: z.array(z.string().min(1)).min(1, 'give at least one --query').describe('a search'),
  /** Algolia tags filter: stories and comments by default. */
  tags: z.string().default('(story,comment)').describe('Algolia tags filter'),
  apiBase: baseUrl.default('https://hn.algolia.com/api/v1').describe('API base (default: the real service)'),
  pageSize: z.number().int().min(1).max(1000).default(100),
  ...pollingOptions,
});
export type HackerNewsConfig = z.infer<typeof hackerNewsConfigSchema>;
export const hackerNewsSecretsSchema = z.object({});

const responseSchema = z.object({ hits: z.array(hitSchema), page: z.number(), nbPages: z.number() });

export const hackerNewsConnector: Connector<HackerNewsConfig, Record<string, never>> = {
  network: 'hackernews',
  configSchema: hackerNewsConfigSchema,
  secretsSchema: hackerNewsSecretsSchema as z.ZodType<Record<string, never>>,
  describe: (config) => config.queries.map((q) => `"${q}"`).join(' '),
  async *poll({ config, cursor, http, now }: PollContext<HackerNewsConfig, Record<string, never>>) {
    const floor = now() - config.lookbackHours * 3600_000;
    const streams = config.queries.map((query) => {
      const source: WalkSource<HackerNewsHit> = {
        async fetchPage(page, { hw, top }) {
          const filters = [`created_at_i>=${Math.floor((hw?.t ?? floor) / 1000)}`];
          if (top && page) filters.push(`created_at_i<=${Math.floor(top.t / 1000)}`);
          const url = new URL(`${config.apiBase}/search_by_date`);
          url.search = new URLSearchParams({ query, tags: config.tags, numericFilters: filters.join(','), hitsPerPage: String(config.pageSize), page: page ?? '0' }).toString();
          const { data } = await http.json(url);
          const body = expectShape(responseSchema, data, 'GET /search_by_date');
          return { items: body.hits, next: body.page + 1 < body.nbPages ? String(body.page + 1) : null };
        },
        key: (hit) => ({ t: hit.created_at_i * 1000, id: hit.objectID }),
        time: (hit) => hit.created_at_i * 1000,
        map: (hits) => hits.map(mapHackerNewsHit),
      };
      return { key: `search:${query}`, source };
    });
    yield* walkStreams(streams, streamCursorOf(cursor), { floor, maxPages: config.maxPages });
  },
};
