/** isNotSure (figure-definitions.ts) in SQL, for the queries that count not-sure mentions. */
import { sql, type RawBuilder } from 'kysely';
import { NOT_SURE_BELOW } from './figure-definitions.ts';

/**
 * 1 for a mention (table alias `m`) whose sentiment is "not sure": every probability under
 * NOT_SURE_BELOW; else 0. A corrected mention stores probability 1, and a mention without
 * probabilities compares as null: neither counts.
 */
export function notSureCase(m: string): RawBuilder<number> {
  const below = sql.lit(NOT_SURE_BELOW);
  const p = (column: string) => sql.ref(`${m}.${column}`);
  return sql<number>`case when ${p('sentiment')} is not null and ${p('sentiment_neg')} < ${below} and ${p('sentiment_neu')} < ${below} and ${p('sentiment_pos')} < ${below} then 1 else 0 end`;
}
