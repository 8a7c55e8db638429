/**
 * Writes of rule-made tags on mentions, inside the ingest transaction: the tags of the
 * rules are recomputed for the mentions written (`clear`), hand tags (rule_id 0) are kept.
 * A Kysely version for any backend and a prepared-statement one for SQLite's bulk path.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { expressionBuilder, sql, type Transaction } from 'kysely';
import { chunks } from './chunks.ts';
import type { Database } from './schema.ts';

export interface RuleTagRow {
  mention_id: number;
  workspace_id: number;
  tag: string;
  rule_id: number;
  published_at: number;
}

export const HAND_TAG = 0;

/**
 * "The mention has this tag" (by hand or by a rule), for any query over `mentions`: the
 * one condition of the tag filter (src/core/tag-filter.ts) in the inbox and the search.
 */
export function withTag(tag: string) {
  const eb = expressionBuilder<Database, 'mentions'>();
  return eb.exists(eb.selectFrom('mention_tags').select(sql`1`.as('one')).whereRef('mention_tags.mention_id', '=', 'mentions.id').where('mention_tags.tag', '=', tag));
}

export async function replaceRuleTagsIn(trx: Transaction<Database>, clear: number[], rows: RuleTagRow[]): Promise<void> {
  for (const ids of chunks(clear, 500)) {
    await trx.deleteFrom('mention_tags').where('mention_id', 'in', ids).where('rule_id', '<>', HAND_TAG).execute();
  }
  for (const chunk of chunks(rows, 1000)) await trx.insertInto('mention_tags').values(chunk).onConflict((oc) => oc.doNothing()).execute();
}

const prepared = new WeakMap<BetterSqlite3.Database, { clear: BetterSqlite3.Statement; insert: BetterSqlite3.Statement }>();

/** `replaceRuleTagsIn` on the raw SQLite handle, inside the caller's transaction. */
export function replaceRuleTagsSqlite(db: BetterSqlite3.Database, clear: Iterable<number>, rows: Iterable<RuleTagRow>): void {
  let st = prepared.get(db);
  if (!st) {
    st = {
      clear: db.prepare(`delete from mention_tags where mention_id = ? and rule_id <> ${HAND_TAG}`),
      insert: db.prepare('insert or ignore into mention_tags (mention_id, workspace_id, tag, rule_id, published_at) values (?, ?, ?, ?, ?)'),
    };
    prepared.set(db, st);
  }
  for (const id of clear) st.clear.run(id);
  for (const r of rows) st.insert.run(r.mention_id, r.workspace_id, r.tag, r.rule_id, r.published_at);
}
