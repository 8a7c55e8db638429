/**
 * The orders a mention list can be read in, each defined once as a key over stored
 * columns (SQL for the store, the same key computed from a row for the cursor), so
 * keyset paging is exact under every order: a page continues strictly after the last
 * row's (key…, id), whatever is inserted meanwhile.
 *
 * - newest:     published_at desc
 * - reach:      author followers desc (unknown counts as 0), then newest
 * - engagement: likes + shares + replies desc (Watch's engagement), then newest
 * - negative:   negative, neutral, positive, unscored; newest first within each
 *
 * Ties always end on id desc, so no two rows share a position.
 */
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { MentionRow } from '../../store/mentions.ts';
import type { Database } from '../../store/schema.ts';

export const MENTION_SORTS = ['newest', 'reach', 'engagement', 'negative'] as const;
export type MentionSort = (typeof MENTION_SORTS)[number];

interface SortKey {
  /** SQL over the `mentions` table (qualified columns); an integer on both backends. */
  sql: string;
  direction: 'asc' | 'desc';
  /** The same value computed from a stored row. */
  of: (row: MentionRow) => number;
}

const NEWEST: SortKey = { sql: 'mentions.published_at', direction: 'desc', of: (r) => r.published_at };

const SENTIMENT_RANK: Record<string, number> = { negative: 0, neutral: 1, positive: 2 };

const SORT_KEYS: Record<MentionSort, SortKey[]> = {
  newest: [NEWEST],
  reach: [{ sql: 'coalesce(mentions.author_followers, 0)', direction: 'desc', of: (r) => r.author_followers ?? 0 }, NEWEST],
  engagement: [{ sql: '(mentions.likes + mentions.shares + mentions.replies)', direction: 'desc', of: (r) => r.likes + r.shares + r.replies }, NEWEST],
  negative: [
    {
      sql: "(case mentions.sentiment when 'negative' then 0 when 'neutral' then 1 when 'positive' then 2 else 3 end)",
      direction: 'asc',
      of: (r) => SENTIMENT_RANK[r.sentiment ?? ''] ?? 3,
    },
    NEWEST,
  ],
};

/** Where a row sits in a sort: its key values, then its id. */
export interface SortPosition {
  values: number[];
  id: number;
}

export class CursorError extends Error {
  override name = 'CursorError';
}

export function positionOf(sort: MentionSort, row: MentionRow): SortPosition {
  return { values: SORT_KEYS[sort].map((k) => k.of(row)), id: row.id };
}

/** `newest` keeps the cursor format it always had (`publishedAt:id`); the others name their sort. */
export function encodeSortCursor(sort: MentionSort, position: SortPosition): string {
  const body = `${position.values.join(',')}:${position.id}`;
  return Buffer.from(sort === 'newest' ? body : `${sort}:${body}`).toString('base64url');
}

export function decodeSortCursor(sort: MentionSort, cursor: string): SortPosition {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const match = /^(?:([a-z]+):)?(-?\d+(?:,-?\d+)*):(\d+)$/.exec(text);
  const cursorSort = match?.[1] ?? 'newest';
  const values = match ? match[2]!.split(',').map(Number) : [];
  if (!match || values.length !== SORT_KEYS[sort].length) {
    throw new CursorError(`invalid cursor "${cursor}": pass the nextCursor of a previous page`);
  }
  if (cursorSort !== sort) throw new CursorError(`cursor "${cursor}" belongs to sort "${cursorSort}", not "${sort}": start again without a cursor`);
  return { values, id: Number(match[3]) };
}

/** Rows strictly after `position` in `sort`: (k1, k2, …, id) compared lexicographically. */
export function afterPosition(sort: MentionSort, position: SortPosition) {
  const keys = SORT_KEYS[sort];
  return (eb: ExpressionBuilder<Database, 'mentions'>): Expression<SqlBool> => {
    // Built from the last key outwards: id < p.id, then (k_n beyond v_n) or (k_n = v_n and rest).
    let rest: Expression<SqlBool> = eb('mentions.id', '<', position.id);
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = sql.raw(keys[i]!.sql);
      const value = position.values[i]!;
      const beyond = keys[i]!.direction === 'desc' ? sql<SqlBool>`${key} < ${value}` : sql<SqlBool>`${key} > ${value}`;
      rest = eb.or([beyond, eb.and([sql<SqlBool>`${key} = ${value}`, rest])]);
    }
    // The same bound on the first key alone, implied by the rest: an index on it (published_at)
    // starts the scan at the position instead of walking every earlier row (deep pages, exports).
    const first = sql.raw(keys[0]!.sql);
    const bound = keys[0]!.direction === 'desc' ? sql<SqlBool>`${first} <= ${position.values[0]!}` : sql<SqlBool>`${first} >= ${position.values[0]!}`;
    return eb.and([bound, rest]);
  };
}

/** The `order by` terms of `sort`, id last. */
export function orderTerms(sort: MentionSort): { expression: ReturnType<typeof sql.raw>; direction: 'asc' | 'desc' }[] {
  return [...SORT_KEYS[sort].map((k) => ({ expression: sql.raw(k.sql), direction: k.direction })), { expression: sql.raw('mentions.id'), direction: 'desc' as const }];
}

/** The same order, in memory (for rows already read). */
export function compareRows(sort: MentionSort, a: MentionRow, b: MentionRow): number {
  for (const key of SORT_KEYS[sort]) {
    const d = key.of(a) - key.of(b);
    if (d !== 0) return key.direction === 'desc' ? -d : d;
  }
  return b.id - a.id;
}
