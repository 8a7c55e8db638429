/**
 * "Needs a reply": the one definition of which open mentions wait for an answer and in
 * what order, used by the CLI, the API and the dashboard (docs/inbox.md).
 *
 * A mention needs a reply when it is open (new or in progress), not written by the brand
 * itself, and is a question, a complaint (negative sentiment, a person's correction
 * included) or a direct @mention of one of the brand's handles. They are ranked by
 *
 *   priority = 4·question + 4·negative + 2·direct @mention + reach
 *   reach    = 2 from 10,000 followers, 1 from 1,000, else 0
 *
 * then newest first. Questions and complaints come first; among equals a direct address
 * and a wide audience break the tie. Small integers, so the order is easy to explain and
 * the same on both stores.
 */
import { sql, type Expression, type RawBuilder, type SqlBool } from 'kysely';

export const PRIORITY_WEIGHTS = { question: 4, negative: 4, direct: 2, reachHigh: 2, reachMid: 1 } as const;
export const REACH_HIGH_FOLLOWERS = 10_000;
export const REACH_MID_FOLLOWERS = 1_000;
/** A question mark in any of the scripts the demo and the dashboard's languages use. */
export const QUESTION_MARKS = ['?', '？', '¿', '؟'] as const;

/** LIKE pattern text with its wildcards escaped (handles may hold `_`). */
const likeEscaped = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Patterns for `mentions.mentioned` (a JSON array of handles) that hit a brand handle. */
export function handlePatterns(handles: string[]): string[] {
  // `@name` reaches `@name@any.instance` (Mastodon), as in the query language.
  return handles.flatMap((h) => (h.includes('@') ? [`%"${likeEscaped(h)}"%`] : [`%"${likeEscaped(h)}"%`, `%"${likeEscaped(h)}@%`]));
}

export function isQuestion(): Expression<SqlBool> {
  return sql<SqlBool>`(${sql.join(QUESTION_MARKS.map((mark) => sql`mentions.text like ${`%${mark}%`}`), sql` or `)})`;
}

export function isDirect(handles: string[]): Expression<SqlBool> {
  const patterns = handlePatterns(handles);
  if (patterns.length === 0) return sql<SqlBool>`(1 = 0)`;
  return sql<SqlBool>`(${sql.join(patterns.map((p) => sql`mentions.mentioned like ${p} escape '\\'`), sql` or `)})`;
}

const flag = (condition: Expression<SqlBool>) => sql<number>`(case when ${condition} then 1 else 0 end)`;

/** The priority above as an SQL expression over `mentions` (constants inlined: no typed parameters to guess). */
export function replyPriority(handles: string[]): RawBuilder<number> {
  const w = PRIORITY_WEIGHTS;
  const lit = sql.lit;
  return sql<number>`(${lit(w.question)} * ${flag(isQuestion())} + ${lit(w.negative)} * ${flag(sql<SqlBool>`mentions.sentiment = 'negative'`)} + ${lit(w.direct)} * ${flag(isDirect(handles))}
    + (case when mentions.author_followers >= ${lit(REACH_HIGH_FOLLOWERS)} then ${lit(w.reachHigh)} when mentions.author_followers >= ${lit(REACH_MID_FOLLOWERS)} then ${lit(w.reachMid)} else 0 end))`;
}

/** Which mentions need a reply at all (the state is checked by the caller's view). */
export function needsReply(handles: string[]): Expression<SqlBool> {
  const own = handles.filter((h) => !h.includes('@'));
  const notOwn = own.length === 0 ? sql<SqlBool>`(1 = 1)` : sql<SqlBool>`lower(mentions.author_handle) not in (${sql.join(own)})`;
  return sql<SqlBool>`((${isQuestion()} or mentions.sentiment = 'negative' or ${isDirect(handles)}) and ${notOwn})`;
}
