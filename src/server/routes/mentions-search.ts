/**
 * Mention search: the topic query language plus filters, newest first, paged by an
 * opaque cursor (see src/listen/search.ts).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { TagFilter } from '../../core/tag-filter.ts';
import { MENTION_SORTS } from '../../listen/lists/sort.ts';
import { LIMITS } from '../../listen/import/values.ts';
import { countMatches, searchMentions, type SearchFilters } from '../../listen/search.ts';
import { WorkSlices } from '../../listen/query/work-slices.ts';
import type { Store } from '../../store/store.ts';
import { workspaceOf } from '../access.ts';
import { ErrorResponse, HttpError } from '../errors.ts';
import { withQueryField } from '../query-errors.ts';
import { resolveTopic } from '../../listen/topics.ts';
import { TopicRef } from '../watch-params.ts';
import { DayOrTime, instantOf, MentionSchema, PageQuery, SentimentLabel, toApiMention, WorkspaceParams } from '../schemas.ts';

/**
 * Texts one page may carry: 500 mentions of 40,000 characters would be a 20 MB answer.
 * A page that reaches it ends early and its nextCursor continues from there.
 */
export const MAX_PAGE_CHARS = 1_000_000;

export const MentionSearchQuery = PageQuery.extend({
  q: z.string().max(10_000).optional().describe('Topic query, e.g. `acme NEAR/3 delivery lang:fr`'),
  topic: TopicRef.describe('Only mentions of this topic: id or name (name case-insensitive)'),
  lang: z.string().min(2).max(10).optional(),
  sentiment: SentimentLabel.optional(),
  source: z.string().max(40).optional(),
  tag: TagFilter,
  from: DayOrTime.optional().describe('Published on or after this day YYYY-MM-DD (UTC) or at or after this ISO 8601 time'),
  to: DayOrTime.optional().describe('Published on or before this day YYYY-MM-DD (UTC, the whole day counts, as the CLI\'s --to) or before this ISO 8601 time'),
  collapse: z.enum(['true', 'false']).default('false').describe('true: one row per post and its reposts/quotes (or posts sharing its link), with `group.members`'),
  group: z.string().max(LIMITS.urlChars + 10).optional().describe('Only the members of this repost group: the `group.key` of a collapsed row'),
  sort: z.enum(MENTION_SORTS).default('newest').describe('newest; reach (author followers); engagement (likes + shares + replies); negative (negative, neutral, positive, unscored), each then newest'),
});


export const mentionSearchRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/workspaces/:ws/mentions',
    {
      config: { access: 'viewer' },
      schema: {
        tags: ['mentions'],
        summary: `Search mentions, newest first; follow nextCursor for the next page (a page ends early once its texts reach ${MAX_PAGE_CHARS.toLocaleString('en')} characters)`,
        params: WorkspaceParams,
        querystring: MentionSearchQuery,
        response: {
          200: z
            .object({
              items: z.array(
                MentionSchema.extend({
                  group: z
                    .object({ key: z.string(), members: z.number().int().describe('Mentions of the group this search finds, this one included') })
                    .optional()
                    .describe('With collapse=true: the repost group this row stands for'),
                }),
              ),
              nextCursor: z.string().nullable(),
              total: z.number().int().optional().describe('The exact number of mentions the search finds, on the first page (no cursor)'),
            })
            .meta({ id: 'MentionPage' }),
          400: ErrorResponse,
        },
      },
    },
    async (request) => {
      const { limit, cursor, sort } = request.query;
      const collapse = request.query.collapse === 'true';
      const ws = workspaceOf(request);
      const period = periodOfQuery(request.query);
      // The dashboard asks for the same first pages again and again between ingests.
      return app.answers.get(ws.id, request.url, () => withQueryField('querystring.q', async () => {
        const filters = await searchFiltersOf(app.store, ws.id, request.query, period);
        const page = await searchMentions(app.store, ws.id, { ...filters, collapse, sort, limit, cursor: cursor ?? null, maxChars: MAX_PAGE_CHARS }, WorkSlices.until(app.closing));
        // The total is counted once, with the first page; later pages only move on.
        const total = cursor ? undefined : await countMatches(app.store, ws.id, { ...filters, collapse }, WorkSlices.until(app.closing));
        const items = page.mentions.map((m, i) => ({ ...toApiMention(m), group: page.groups?.[i] }));
        return { items, nextCursor: page.nextCursor, total };
      }));
    },
  );
};

type SearchQuery = z.infer<typeof MentionSearchQuery>;

/** The period of a search's query string; 400 naming `from` when it does not come before `to`. */
export function periodOfQuery(query: Pick<SearchQuery, 'from' | 'to'>): { from?: Date; to?: Date } {
  const from = query.from === undefined ? undefined : instantOf(query.from, 'from');
  const to = query.to === undefined ? undefined : instantOf(query.to, 'to');
  if (from && to && from.getTime() >= to.getTime()) {
    throw new HttpError(400, '"from" must be before "to"', [{ path: 'querystring.from', message: 'must be before "to"' }]);
  }
  return { from, to };
}

/** The search filters of a query string (the list and its export read the same). */
export async function searchFiltersOf(store: Store, workspaceId: number, query: Omit<SearchQuery, 'limit' | 'cursor'>, period: { from?: Date; to?: Date }): Promise<SearchFilters> {
  return {
    query: query.q,
    topicId: query.topic === undefined ? undefined : (await resolveTopic(store, workspaceId, query.topic)).id,
    lang: query.lang,
    sentiment: query.sentiment,
    source: query.source,
    tag: query.tag,
    group: query.group,
    ...period,
  };
}
