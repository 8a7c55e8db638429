/**
 * Tags on mentions: by hand, and by rules — a query in the topic language (src/listen/query/)
 * whose matches get the rule's tag ("refund* OR rembours* OR возстанов*" → billing). Rules
 * apply on ingest (the pipeline's `tagRules`) and are backfilled over the stored mentions
 * when a rule is added, changed or removed: a rule's tags are recomputed, hand tags kept.
 */
import { sql } from 'kysely';
import type { TagRuleMatcher } from '../listen/pipeline.ts';
import { budgetedMatcher } from '../listen/query/budgeted-matcher.ts';
import { matchableRow } from '../listen/query/context.ts';
import { compileQuery } from '../listen/query/matcher.ts';
import { candidateCondition } from '../listen/query/prefilter.ts';
import { TagName, TAG_RULE } from '../core/tag-filter.ts';
import { HAND_TAG } from '../store/mention-tags.ts';
import { chunks } from '../store/mentions.ts';
import type { Store } from '../store/store.ts';
import { netSentiment, notSureShare, emptyMeasures } from '../watch/series.ts';
import { notSureCase } from '../watch/not-sure-sql.ts';
import { checkMentionIds, InboxError, recordEvents, type TriageEvent } from './triage.ts';

export const BACKFILL_PAGE = 2000;

export interface TagRule {
  id: number;
  tag: string;
  query: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface BackfillResult {
  scanned: number;
  matched: number;
}

export interface MentionTag {
  tag: string;
  /** The rule that put it; null for a tag put by hand. */
  ruleId: number | null;
}

/** A tag as stored: trimmed and lower-cased; letters, digits, `_` and `-`, at most 50. */
export function normalizeTag(value: string): string {
  const result = TagName.safeParse(value);
  if (!result.success) throw new InboxError(`tag "${value}": ${TAG_RULE}`);
  return result.data;
}

const ruleOf = (r: { id: number; tag: string; query: string; created_at: number; updated_at: number }): TagRule => ({
  id: Number(r.id),
  tag: r.tag,
  query: r.query,
  createdAt: new Date(Number(r.created_at)),
  updatedAt: new Date(Number(r.updated_at)),
});

export async function listTagRules(store: Store, workspaceId: number): Promise<TagRule[]> {
  return (await store.db.selectFrom('tag_rules').selectAll().where('workspace_id', '=', workspaceId).orderBy('id').execute()).map(ruleOf);
}

async function getRule(store: Store, workspaceId: number, id: number): Promise<TagRule> {
  const row = await store.db.selectFrom('tag_rules').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
  if (!row) throw new InboxError(`no tag rule ${id} in this workspace`, 'notFound');
  return ruleOf(row);
}

/** The rules compiled for the ingest pipeline; a rule that no longer parses is skipped, not fatal. */
export async function loadTagRuleMatchers(store: Store, workspaceId: number): Promise<TagRuleMatcher[]> {
  const matchers: TagRuleMatcher[] = [];
  for (const rule of await listTagRules(store, workspaceId)) {
    try {
      matchers.push({ ruleId: rule.id, tag: rule.tag, matches: budgetedMatcher(compileQuery(rule.query), `tag rule ${rule.id}`) });
    } catch {
      // Saved rules were valid; a grammar change must not stop ingestion.
    }
  }
  return matchers;
}

/**
 * Recomputes one rule's tags over the stored mentions, a page of ids at a time, each page
 * in one transaction (an interrupted backfill leaves each page re-matched or as it was).
 * Only mentions the full-text pre-filter lets through are read.
 */
export async function backfillTagRule(store: Store, workspaceId: number, rule: TagRule, pageSize = BACKFILL_PAGE): Promise<BackfillResult> {
  const query = compileQuery(rule.query);
  const matches = budgetedMatcher(query, `tag rule ${rule.id}`);
  const condition = candidateCondition(store, query.ast);
  const result: BackfillResult = { scanned: 0, matched: 0 };
  let after = 0;
  for (;;) {
    let page = store.db.selectFrom('mentions').select(['mentions.id', 'text', 'author_handle', 'lang', 'source', 'url', 'published_at']).where('mentions.workspace_id', '=', workspaceId);
    if (condition) page = page.where(condition);
    const rows = await page.where('mentions.id', '>', after).orderBy('mentions.id').limit(pageSize).execute();
    const last = rows.at(-1)?.id;
    const tagged = rows.filter((row) => matches(matchableRow(row))).map((row) => ({ mention_id: row.id, workspace_id: workspaceId, tag: rule.tag, rule_id: rule.id, published_at: row.published_at }));
    await store.db.transaction().execute(async (trx) => {
      let stale = trx.deleteFrom('mention_tags').where('rule_id', '=', rule.id).where('mention_id', '>', after);
      if (last !== undefined && rows.length === pageSize) stale = stale.where('mention_id', '<=', last);
      await stale.execute();
      for (const chunk of chunks(tagged, 1000)) await trx.insertInto('mention_tags').values(chunk).execute();
    });
    result.scanned += rows.length;
    result.matched += tagged.length;
    if (last === undefined || rows.length < pageSize) return result;
    after = last;
  }
}

/** Adds a rule (QuerySyntaxError for a bad query) and tags the stored mentions it matches. */
export async function addTagRule(store: Store, workspaceId: number, input: { tag: string; query: string }, now: number): Promise<{ rule: TagRule; backfill: BackfillResult }> {
  const tag = normalizeTag(input.tag);
  compileQuery(input.query);
  const row = await store.db
    .insertInto('tag_rules')
    .values({ workspace_id: workspaceId, tag, query: input.query, created_at: now, updated_at: now })
    .returningAll()
    .executeTakeFirstOrThrow();
  const rule = ruleOf(row);
  return { rule, backfill: await backfillTagRule(store, workspaceId, rule) };
}

/** Changes a rule's tag and/or query and recomputes its tags. */
export async function updateTagRule(store: Store, workspaceId: number, id: number, changes: { tag?: string; query?: string }, now: number): Promise<{ rule: TagRule; backfill: BackfillResult }> {
  const current = await getRule(store, workspaceId, id);
  const tag = changes.tag === undefined ? current.tag : normalizeTag(changes.tag);
  const query = changes.query ?? current.query;
  compileQuery(query);
  await store.db.updateTable('tag_rules').set({ tag, query, updated_at: now }).where('id', '=', id).execute();
  // A new tag name: the old name's rows go, whatever the query matches.
  if (tag !== current.tag) await store.db.deleteFrom('mention_tags').where('rule_id', '=', id).execute();
  const rule = { ...current, tag, query, updatedAt: new Date(now) };
  return { rule, backfill: await backfillTagRule(store, workspaceId, rule) };
}

/** Removes a rule and the tags it made (hand tags of the same name stay). */
export async function removeTagRule(store: Store, workspaceId: number, id: number): Promise<{ untagged: number }> {
  await getRule(store, workspaceId, id);
  return store.db.transaction().execute(async (trx) => {
    const removed = await trx.deleteFrom('mention_tags').where('rule_id', '=', id).executeTakeFirst();
    await trx.deleteFrom('tag_rules').where('id', '=', id).execute();
    return { untagged: Number(removed.numDeletedRows) };
  });
}

/**
 * Puts or takes off tags by hand on many mentions, in one transaction, with the history.
 * Taking a tag off removes the hand tag; a rule's tag stays while the rule matches.
 */
export async function tagMentions(store: Store, workspaceId: number, ids: number[], change: { add?: string[]; remove?: string[] }, actor: number | null, now: number): Promise<{ added: number; removed: number }> {
  const add = [...new Set((change.add ?? []).map(normalizeTag))];
  const remove = [...new Set((change.remove ?? []).map(normalizeTag))];
  if (add.length === 0 && remove.length === 0) throw new InboxError('nothing to change: give tags to add or remove');
  return store.db.transaction().execute(async (trx) => {
    const unique = await checkMentionIds(trx, workspaceId, ids);
    const events: TriageEvent[] = [];
    let added = 0;
    let removed = 0;
    for (const chunk of chunks(unique, 500)) {
      const rows = await trx.selectFrom('mentions').select(['id', 'published_at']).where('id', 'in', chunk).execute();
      const hand = await trx.selectFrom('mention_tags').select(['mention_id', 'tag']).where('mention_id', 'in', chunk).where('rule_id', '=', HAND_TAG).execute();
      const has = new Set(hand.map((h) => `${h.mention_id}\u0000${h.tag}`));
      for (const row of rows) {
        for (const tag of add) {
          if (has.has(`${row.id}\u0000${tag}`)) continue;
          await trx.insertInto('mention_tags').values({ mention_id: row.id, workspace_id: workspaceId, tag, rule_id: HAND_TAG, published_at: row.published_at }).execute();
          events.push({ mentionId: row.id, userId: actor, field: 'tag', from: null, to: tag, at: new Date(now) });
          added++;
        }
        for (const tag of remove) {
          if (!has.has(`${row.id}\u0000${tag}`)) continue;
          await trx.deleteFrom('mention_tags').where('mention_id', '=', row.id).where('tag', '=', tag).where('rule_id', '=', HAND_TAG).execute();
          events.push({ mentionId: row.id, userId: actor, field: 'tag', from: tag, to: null, at: new Date(now) });
          removed++;
        }
      }
    }
    await recordEvents(trx, workspaceId, events);
    return { added, removed };
  });
}

/** The tags of mentions, by mention id, each tag once (by hand wins over by rule in `ruleId`). */
export async function tagsOf(store: Store, ids: number[]): Promise<Map<number, MentionTag[]>> {
  const found = new Map<number, MentionTag[]>();
  for (const chunk of chunks(ids, 500)) {
    const rows = await store.db.selectFrom('mention_tags').select(['mention_id', 'tag', 'rule_id']).where('mention_id', 'in', chunk).orderBy('tag').orderBy('rule_id').execute();
    for (const row of rows) {
      const list = found.get(row.mention_id) ?? [];
      if (!list.some((t) => t.tag === row.tag)) list.push({ tag: row.tag, ruleId: row.rule_id === HAND_TAG ? null : Number(row.rule_id) });
      found.set(row.mention_id, list);
    }
  }
  return found;
}

export interface TagFigures {
  tag: string;
  mentions: number;
  negative: number;
  neutral: number;
  positive: number;
  /** As everywhere in Watch (series.ts): (positive − negative) / scored, in points. */
  netSentiment: number | null;
  /** Mentions whose sentiment is "not sure", and their share of the scored ones, shown beside net sentiment (docs/figures.md). */
  notSure: number;
  notSureShare: number | null;
}

/** Volume and sentiment per tag over [from, to): a mention counts once per tag, however it got it. */
export async function tagFigures(store: Store, workspaceId: number, period: { from: Date; to: Date; topicId?: number }): Promise<TagFigures[]> {
  let query = store.db
    .selectFrom((eb) =>
      eb
        .selectFrom('mention_tags')
        .select(['mention_tags.mention_id', 'mention_tags.tag'])
        .distinct()
        .where('mention_tags.workspace_id', '=', workspaceId)
        .where('mention_tags.published_at', '>=', period.from.getTime())
        .where('mention_tags.published_at', '<', period.to.getTime())
        .as('t'),
    )
    .innerJoin('mentions', 'mentions.id', 't.mention_id');
  if (period.topicId !== undefined) {
    const topicId = period.topicId;
    query = query.where((eb) => eb.exists(eb.selectFrom('mention_topics').select(sql`1`.as('one')).whereRef('mention_topics.mention_id', '=', 'mentions.id').where('mention_topics.topic_id', '=', topicId)));
  }
  const count = (label: string) => sql<number>`sum(case when mentions.sentiment = ${label} then 1 else 0 end)`;
  const rows = await query
    .select((eb) => [
      't.tag',
      eb.fn.countAll<number>().as('mentions'),
      count('negative').as('negative'),
      count('neutral').as('neutral'),
      count('positive').as('positive'),
      sql<number>`sum(${notSureCase('mentions')})`.as('not_sure'),
    ])
    .groupBy('t.tag')
    .orderBy('mentions', 'desc')
    .orderBy('t.tag')
    .execute();
  return rows.map((r) => {
    const measures = { ...emptyMeasures(), mentions: Number(r.mentions), negative: Number(r.negative), neutral: Number(r.neutral), positive: Number(r.positive), notSure: Number(r.not_sure) };
    const { mentions, negative, neutral, positive, notSure } = measures;
    return { tag: r.tag, mentions, negative, neutral, positive, netSentiment: netSentiment(measures), notSure, notSureShare: notSureShare(measures) };
  });
}

