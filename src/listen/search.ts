/**
 * Mention search for the CLI, the HTTP API and the dashboard: filters, an optional
 * topic query, in one of the list orders (lists/sort.ts: newest first by default), with
 * keyset (cursor) paging on (sort key…, id) so a page costs the same however deep it is
 * and concurrent inserts never shift it. The exact total of a search is `countMatches`.
 */
import { sql, type SelectQueryBuilder } from 'kysely';
import type { Mention, SentimentLabel } from '../core/mention.ts';
import { withTag } from '../store/mention-tags.ts';
import { chunks, fromMentionRow, type MentionRow } from '../store/mentions.ts';
import type { Database } from '../store/schema.ts';
import type { Store } from '../store/store.ts';
import { WorkBudget } from './query/budget.ts';
import { matchableRow } from './query/context.ts';
import { compileQuery } from './query/matcher.ts';
import { candidateCondition } from './query/prefilter.ts';
import { WorkSlices } from './query/work-slices.ts';
import { MurmurError } from '../core/errors.ts';
import { COLLAPSE_KEY, GroupKeyError, groupCondition } from './lists/collapse.ts';
import { afterPosition, compareRows, CursorError, decodeSortCursor, encodeSortCursor, orderTerms, positionOf, type MentionSort, type SortPosition } from './lists/sort.ts';

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
  /** Only mentions with this tag, by hand or by a rule (as stored: see core/tag-filter.ts). */
  tag?: string;
  /** Only the members of this repost group (a `group.key` of a collapsed page; lists/collapse.ts). */
  group?: string;
  /** One row per repost group (lists/collapse.ts), with its member count. */
  collapse?: boolean;
  /** The list order (default newest first). */
  sort?: MentionSort;
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

/** A collapsed row's group: pass `key` as `group` to list its members. */
export interface CollapsedGroup {
  key: string;
  /** Mentions of the group that this search finds (the row itself included). */
  members: number;
}

export interface SearchPage {
  mentions: Mention[];
  /** With `collapse`: the group of each mention, in the same order. */
  groups?: CollapsedGroup[];
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
/** Rows read in the first round when the page is bounded by size (maxChars). */
const BOUNDED_BATCH = 100;
/** Characters a round may read when the page is bounded by size: a first round of 40,000-letter texts. */
const ROUND_CHARS = BOUNDED_BATCH * 40_000;
/** The most rows a later round reads (texts of 4,000 letters or fewer). */
const MAX_ROUND = 1000;

/**
 * Rows the next round of a size-bounded scan reads: as many texts as the last round's
 * would fill ROUND_CHARS. Short texts a query keeps rejecting are read in rounds of
 * MAX_ROUND, not of BOUNDED_BATCH: each round is a query, and ten times the rounds made a
 * wildcard search over every mention several times slower.
 */
export function nextRound(rows: { text: string }[]): number {
  const chars = rows.reduce((sum, row) => sum + row.text.length, 0);
  const average = Math.max(1, chars / Math.max(1, rows.length));
  return Math.max(BOUNDED_BATCH, Math.min(MAX_ROUND, Math.floor(ROUND_CHARS / average)));
}
/** Matching steps one search may spend over every row it scans (QueryBudgetError beyond). */
export const SEARCH_BUDGET = 50_000_000;

interface Position {
  publishedAt: number;
  id: number;
}

export function encodeCursor(position: Position): string {
  return encodeSortCursor('newest', { values: [position.publishedAt], id: position.id });
}

export function decodeCursor(cursor: string): Position {
  const { values, id } = decodeSortPosition('newest', cursor);
  return { publishedAt: values[0]!, id };
}

function decodeSortPosition(sort: MentionSort, cursor: string) {
  try {
    return decodeSortCursor(sort, cursor);
  } catch (error) {
    throw error instanceof CursorError ? new SearchError(error.message) : error;
  }
}

export type SearchFilters = Omit<SearchOptions, 'limit' | 'cursor' | 'maxChars' | 'sort' | 'collapse'>;

/**
 * The rows a search reads (every filter in SQL, the query only as its pre-filter) and the
 * compiled query that decides among them: the one definition of "the mentions of a
 * search", shared by its pages, its total and its exports.
 */
export function searchScope(store: Store, workspaceId: number, options: SearchFilters) {
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
  if (options.tag !== undefined) base = base.where(withTag(options.tag));
  if (options.group !== undefined) base = base.where(withGroupErrors(() => groupCondition(workspaceId, options.group!)));
  return { base, compiled };
}

export type SearchScope = ReturnType<typeof searchScope>;

function withGroupErrors<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    throw error instanceof GroupKeyError ? new SearchError(error.message) : error;
  }
}

interface GroupInfo {
  representative: number;
  members: number;
}

/**
 * A group as a collapsed search shows it: its members this search finds, and the one
 * that sorts first among them, which stands for the group at its place in the list.
 */
async function groupInfo(store: Store, workspaceId: number, options: SearchOptions, key: string, budget: WorkBudget | null): Promise<GroupInfo> {
  const { base, compiled } = searchScope(store, workspaceId, { ...options, group: key });
  const rows = (await base.selectAll('mentions').execute()).filter((row) => !compiled || compiled.matches(matchableRow(row), budget!));
  const sort = options.sort ?? 'newest';
  // Never empty for a key read from a matching row (same expression); guarded all the same.
  if (rows.length === 0) return { representative: -1, members: 0 };
  const first = rows.reduce((a, b) => (compareRows(sort, a, b) <= 0 ? a : b));
  return { representative: first.id, members: rows.length };
}

/**
 * The rows of a search from `position` on, in the order of `sort`: the query each page
 * runs (its plan is checked to read the sort's index, see search-plan.test.ts).
 */
export function pageQuery(base: SearchScope['base'], sort: MentionSort, position: SortPosition | null, collapse: boolean) {
  let page = base.selectAll('mentions').select(collapse ? COLLAPSE_KEY.as('collapse_key') : sql<null>`null`.as('collapse_key'));
  if (position) page = page.where(afterPosition(sort, position));
  for (const term of orderTerms(sort)) page = page.orderBy(term.expression, term.direction);
  return page;
}

/** `slices`: the turns of the event loop between slices of matching (see work-slices.ts). */
export async function searchMentions(store: Store, workspaceId: number, options: SearchOptions, slices = new WorkSlices()): Promise<SearchPage> {
  const { limit } = options;
  const sort = options.sort ?? 'newest';
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_SEARCH_LIMIT) {
    throw new SearchError(`limit must be a whole number from 1 to ${MAX_SEARCH_LIMIT}, got ${limit}`);
  }
  const { base, compiled } = searchScope(store, workspaceId, options);

  // One extra match tells whether another page exists.
  const wanted = limit + 1;
  // With a size bound, rows are read in smaller rounds: 501 rows of 40,000 characters
  // would be 20 MB read to keep 25.
  let batch = Math.min(compiled ? Math.max(SCAN_BATCH, wanted) : wanted, options.maxChars === undefined ? Infinity : BOUNDED_BATCH);
  const found: MentionRow[] = [];
  const foundGroups: CollapsedGroup[] = [];
  const groups = new Map<string, GroupInfo>();
  let foundChars = 0;
  // Full when one match beyond the page is in hand (it says a next page exists); a page
  // always holds its first match, however long.
  const full = () => found.length === wanted || (foundChars > (options.maxChars ?? Infinity) && found.length >= 2);
  const budget = compiled ? new WorkBudget(SEARCH_BUDGET, compiled.source) : null;
  let position = options.cursor ? decodeSortPosition(sort, options.cursor) : null;
  while (!full()) {
    const rows = await pageQuery(base, sort, position, options.collapse === true).limit(batch).execute();
    for (const { collapse_key: key, ...row } of rows) {
      const spent = budget?.spent ?? 0;
      if (!compiled || compiled.matches(matchableRow(row), budget!)) {
        if (key !== null) {
          // Collapsed: a group shows once, where its first member in this order sits.
          let group = groups.get(key);
          if (!group) groups.set(key, (group = await groupInfo(store, workspaceId, options, key, budget)));
          if (group.representative === row.id) {
            found.push(row);
            foundGroups.push({ key, members: group.members });
            foundChars += row.text.length;
          }
        } else {
          found.push(row);
          foundChars += row.text.length;
        }
      }
      if (full()) break;
      if (budget) await slices.row(budget.spent - spent);
    }
    if (rows.length < batch) break;
    position = positionOf(sort, rows.at(-1)!);
    // Matched in memory: most rows read may be dropped, so rounds grow while their texts are short.
    if (compiled && options.maxChars !== undefined) batch = nextRound(rows);
  }

  const pageRows = found.slice(0, Math.min(limit, withinChars(found, options.maxChars)));
  const last = pageRows.at(-1);
  return {
    mentions: await withTopics(store, pageRows),
    ...(options.collapse ? { groups: foundGroups.slice(0, pageRows.length) } : {}),
    nextCursor: found.length > pageRows.length && last ? encodeSortCursor(sort, positionOf(sort, last)) : null,
  };
}

/** Rows read per round when counting a query's matches in memory. */
const COUNT_BATCH = 2000;

/**
 * The exact number of mentions a search finds (every page together). Without a query it
 * is one SQL count; with one, the pre-filtered candidates are read in id order and the
 * matcher decides each, within the same work budget as a page.
 */
export async function countMatches(store: Store, workspaceId: number, options: SearchFilters & { collapse?: boolean }, slices = new WorkSlices()): Promise<number> {
  const { base, compiled } = searchScope(store, workspaceId, options);
  if (!compiled) {
    const counted = options.collapse ? sql<number>`count(distinct ${COLLAPSE_KEY})` : sql<number>`count(*)`;
    const row = await base.select(counted.as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }
  const budget = new WorkBudget(SEARCH_BUDGET, compiled.source);
  let total = 0;
  // Collapsed: the distinct groups among the matches.
  const keys = new Set<string>();
  let after = Number.MAX_SAFE_INTEGER;
  for (;;) {
    const rows = await base
      .select(['mentions.id', 'mentions.text', 'mentions.author_handle', 'mentions.lang', 'mentions.source', 'mentions.url'])
      .select(options.collapse ? COLLAPSE_KEY.as('collapse_key') : sql<string>`''`.as('collapse_key'))
      .where('mentions.id', '<', after)
      .orderBy('mentions.id', 'desc')
      .limit(COUNT_BATCH)
      .execute();
    for (const row of rows) {
      const spent = budget.spent;
      const matched = compiled.matches(matchableRow(row), budget);
      await slices.row(budget.spent - spent);
      if (!matched) continue;
      if (options.collapse) keys.add(row.collapse_key);
      else total++;
    }
    if (rows.length < COUNT_BATCH) return options.collapse ? keys.size : total;
    after = rows.at(-1)!.id;
  }
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
