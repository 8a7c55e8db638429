/**
 * Mention search for the CLI, the HTTP API and the dashboard: filters, an optional
 * topic query, newest first, with keyset (cursor) paging on (published_at, id) so
 * a page costs the same however deep it is and concurrent inserts never shift it.
 */
import { sql, type SelectQueryBuilder } from 'kysely';
import type { Mention, SentimentLabel } from '../core/mention.ts';
import { chunks, fromMentionRow, type MentionRow } from '../store/mentions.ts';
import type { Database } from '../store/schema.ts';
import type { Store } from '../store/store.ts';
import { WorkBudget } from './query/budget.ts';
import { matchableRow } from './query/context.ts';
import { compileQuery } from './query/matcher.ts';
import { candidateCondition } from './query/prefilter.ts';
import { MurmurError } from '../core/errors.ts';

export interface SearchOptions {
  /** A topic query (QuerySyntaxError when malformed). */
  query?: string;
  topicId?: number;
  lang?: string;
  sentiment?: SentimentLabel;
  source?: string;
  /** Published at or after. */
  from?: Date;
  /** Published before. */
  to?: Date;
  /** 1 to 1000. */
  limit: number;
  /** `nextCursor` of the previous page. */
  cursor?: string | null;
  /**
   * Ends the page early once its texts hold this many characters (it always holds one
   * mention): `nextCursor` continues from there. Bounds what one answer weighs.
   */
  maxChars?: number;
}

export interface SearchPage {
  mentions: Mention[];
  /** Pass back as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

export class SearchError extends MurmurError {
  override name = 'SearchError';
  constructor(message: string) {
    super('invalid_search', 400, message);
  }
}

export const MAX_SEARCH_LIMIT = 1000;
/** Rows read per round when a query must be checked in memory. */
const SCAN_BATCH = 500;
/** Rows read per round when the page is bounded by size (maxChars). */
const BOUNDED_BATCH = 100;
/** Matching steps one search may spend over every row it scans (QueryBudgetError beyond). */
export const SEARCH_BUDGET = 50_000_000;

interface Position {
  publishedAt: number;
  id: number;
}

export function encodeCursor(position: Position): string {
  return Buffer.from(`${position.publishedAt}:${position.id}`).toString('base64url');
}

export function decodeCursor(cursor: string): Position {
  const match = /^(-?\d+):(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) throw new SearchError(`invalid cursor "${cursor}": pass the nextCursor of a previous page`);
  return { publishedAt: Number(match[1]), id: Number(match[2]) };
}

export async function searchMentions(store: Store, workspaceId: number, options: SearchOptions): Promise<SearchPage> {
  const { limit } = options;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_SEARCH_LIMIT) {
    throw new SearchError(`limit must be a whole number from 1 to ${MAX_SEARCH_LIMIT}, got ${limit}`);
  }
  const compiled = options.query === undefined || options.query.trim() === '' ? null : compileQuery(options.query);
  const condition = compiled ? candidateCondition(store, compiled.ast) : null;

  let base: SelectQueryBuilder<Database, 'mentions', object> = store.db.selectFrom('mentions').where('mentions.workspace_id', '=', workspaceId);
  if (condition) base = base.where(condition);
  if (options.lang) base = base.where('mentions.lang', '=', options.lang.toLowerCase());
  if (options.sentiment) base = base.where('mentions.sentiment', '=', options.sentiment);
  if (options.source) base = base.where('mentions.source', '=', options.source);
  if (options.from) base = base.where('mentions.published_at', '>=', options.from.getTime());
  if (options.to) base = base.where('mentions.published_at', '<', options.to.getTime());
  if (options.topicId !== undefined) {
    const topicId = options.topicId;
    base = base.where((eb) =>
      eb.exists(
        eb.selectFrom('mention_topics').select(sql`1`.as('one')).whereRef('mention_topics.mention_id', '=', 'mentions.id').where('mention_topics.topic_id', '=', topicId),
      ),
    );
  }

  // One extra match tells whether another page exists.
  const wanted = limit + 1;
  // With a size bound, rows are read in smaller rounds: 501 rows of 40,000 characters
  // would be 20 MB read to keep 25.
  const batch = Math.min(compiled ? Math.max(SCAN_BATCH, wanted) : wanted, options.maxChars === undefined ? Infinity : BOUNDED_BATCH);
  const found: MentionRow[] = [];
  let foundChars = 0;
  // Full when one match beyond the page is in hand (it says a next page exists); a page
  // always holds its first match, however long.
  const full = () => found.length === wanted || (foundChars > (options.maxChars ?? Infinity) && found.length >= 2);
  const budget = compiled ? new WorkBudget(SEARCH_BUDGET, compiled.source) : null;
  let position = options.cursor ? decodeCursor(options.cursor) : null;
  while (!full()) {
    let page = base.selectAll('mentions');
    if (position) {
      const { publishedAt, id } = position;
      page = page.where((eb) =>
        eb.or([eb('mentions.published_at', '<', publishedAt), eb.and([eb('mentions.published_at', '=', publishedAt), eb('mentions.id', '<', id)])]),
      );
    }
    const rows = await page.orderBy('mentions.published_at', 'desc').orderBy('mentions.id', 'desc').limit(batch).execute();
    for (const row of rows) {
      if (!compiled || compiled.matches(matchableRow(row), budget!)) {
        found.push(row);
        foundChars += row.text.length;
      }
      if (full()) break;
    }
    if (rows.length < batch) break;
    const last = rows.at(-1)!;
    position = { publishedAt: last.published_at, id: last.id };
  }

  const pageRows = found.slice(0, Math.min(limit, withinChars(found, options.maxChars)));
  const last = pageRows.at(-1);
  return {
    mentions: await withTopics(store, pageRows),
    nextCursor: found.length > pageRows.length && last ? encodeCursor({ publishedAt: last.published_at, id: last.id }) : null,
  };
}

/** How many of `rows` fit in `maxChars` of text; at least one, so paging always moves on. */
function withinChars(rows: MentionRow[], maxChars = Number.POSITIVE_INFINITY): number {
  let chars = 0;
  for (let i = 0; i < rows.length; i++) {
    chars += rows[i]!.text.length;
    if (chars > maxChars) return Math.max(1, i);
  }
  return rows.length;
}

async function withTopics(store: Store, rows: MentionRow[]): Promise<Mention[]> {
  const topicsOf = new Map<number, number[]>();
  for (const ids of chunks(rows.map((r) => r.id), 500)) {
    const links = await store.db.selectFrom('mention_topics').select(['mention_id', 'topic_id']).where('mention_id', 'in', ids).orderBy('topic_id').execute();
    for (const link of links) topicsOf.set(link.mention_id, [...(topicsOf.get(link.mention_id) ?? []), link.topic_id]);
  }
  return rows.map((row) => fromMentionRow(row, topicsOf.get(row.id) ?? []));
}
