/** isNotSure (figure-definitions.ts) in SQL, for the queries that count or list not-sure mentions. */
import { sql, type RawBuilder } from 'kysely';
import { NOT_SURE_BELOW } from './figure-definitions.ts';

/**
 * Whether a mention (table alias `m`) is "not sure": every probability under NOT_SURE_BELOW
 * (portable: no greatest()). A corrected mention stores probability 1, and a mention without
 * probabilities compares as null: neither is. The threshold is cast to the columns' own type:
 * PostgreSQL stores the probabilities as 4-byte reals, and a stored 0.65 (read back as 0.65, so
 * sure for isNotSure) compares under the 8-byte 0.65.
 */
export function notSureCondition(m: string): RawBuilder<boolean> {
  const below = sql`cast(${sql.lit(NOT_SURE_BELOW)} as real)`;
  const p = (column: string) => sql.ref(`${m}.${column}`);
  return sql<boolean>`(${p('sentiment')} is not null and ${p('sentiment_neg')} < ${below} and ${p('sentiment_neu')} < ${below} and ${p('sentiment_pos')} < ${below})`;
}

/** 1 for a not-sure mention (notSureCondition), else 0: for sums. */
export function notSureCase(m: string): RawBuilder<number> {
  return sql<number>`case when ${notSureCondition(m)} then 1 else 0 end`;
}
