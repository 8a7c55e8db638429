/**
 * The counts `murmur demo` prints first: mentions per topic, language, source and week.
 * Plain aggregate queries, portable across both backends.
 */
import { sql } from 'kysely';
import type { Store } from '../store/store.ts';

export interface CountRow {
  key: string;
  count: number;
}

export interface StoreSummary {
  total: number;
  byTopic: CountRow[];
  byLanguage: CountRow[];
  bySource: CountRow[];
  bySentiment: CountRow[];
  /** Mentions per ISO week (key: the week's Monday, YYYY-MM-DD, UTC). */
  byWeek: CountRow[];
}

const WEEK = 7 * 86_400_000;
// 1970-01-01 was a Thursday; shifting by 3 days makes weeks start on Monday.
const MONDAY_OFFSET = 3 * 86_400_000;

export async function summarizeStore(store: Store, workspaceId: number): Promise<StoreSummary> {
  const db = store.db;
  const rows = (items: { key: string | null; count: number | string | bigint }[]) =>
    items.map((r) => ({ key: r.key ?? 'unknown', count: Number(r.count) })).sort((a, b) => b.count - a.count);

  const total = await db
    .selectFrom('mentions')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirstOrThrow();
  const byTopic = await db
    .selectFrom('mention_topics')
    .innerJoin('topics', 'topics.id', 'mention_topics.topic_id')
    .select(['topics.name as key', (eb) => eb.fn.countAll<number>().as('count')])
    .where('topics.workspace_id', '=', workspaceId)
    .groupBy('topics.name')
    .execute();
  const byColumn = (column: 'lang' | 'source' | 'sentiment') =>
    db
      .selectFrom('mentions')
      .select([`${column} as key`, (eb) => eb.fn.countAll<number>().as('count')])
      .where('workspace_id', '=', workspaceId)
      .groupBy(column)
      .execute();
  // Literals, not parameters: SQLite binds JS numbers as REAL, which would make the division fractional.
  const weekStart = sql<number>`((published_at + ${sql.lit(MONDAY_OFFSET)}) / ${sql.lit(WEEK)}) * ${sql.lit(WEEK)} - ${sql.lit(MONDAY_OFFSET)}`;
  const byWeek = await db
    .selectFrom('mentions')
    .select([weekStart.as('week'), (eb) => eb.fn.countAll<number>().as('count')])
    .where('workspace_id', '=', workspaceId)
    .groupBy('week')
    .orderBy('week')
    .execute();

  return {
    total: Number(total.count),
    byTopic: rows(byTopic),
    byLanguage: rows(await byColumn('lang')),
    bySource: rows(await byColumn('source')),
    bySentiment: rows(await byColumn('sentiment')),
    byWeek: byWeek.map((r) => ({ key: new Date(Number(r.week)).toISOString().slice(0, 10), count: Number(r.count) })),
  };
}
