/**
 * The one path every mention takes into the store, whatever brought it (file import,
 * connector poll, push webhook): enrich → store (upsert) → link to matching topics,
 * in one transaction per batch so a crash never leaves a mention without its links.
 */
import { log } from '../core/log.ts';
import type { MentionInput } from '../core/mention.ts';
import { STORED_ENRICHMENT, chunks, restoreEnrichment, upsertMentionsIn, type StoredEnrichment, type UpsertResult, type WrittenIds } from '../store/mentions.ts';
import { enrichedTextsSqlite, replaceTopicLinksSqlite, upsertMentionsSqlite } from '../store/sqlite/bulk-upsert.ts';
import { SqliteDriver } from '../store/sqlite/sqlite-driver.ts';
import { replaceRuleTagsIn, replaceRuleTagsSqlite, type RuleTagRow } from '../store/mention-tags.ts';
import type { Store } from '../store/store.ts';
import { unstorableProblem } from './mention-rules.ts';

/** Fills `lang`, `langConfidence` and `sentiment` in place on mentions that lack them. */
export interface Enricher {
  enrich(batch: MentionInput[]): void;
}

/** A compiled topic query. `matches` sees the mention after enrichment (so `lang:` works). */
export interface TopicMatcher {
  topicId: number;
  matches(mention: MentionInput): boolean;
}

/** A compiled tag rule (src/inbox/tags.ts): a matching mention gets `tag`. */
export interface TagRuleMatcher {
  ruleId: number;
  tag: string;
  matches(mention: MentionInput): boolean;
}

export interface Pipeline {
  enricher: Enricher | null;
  topics: TopicMatcher[];
  /** The workspace's tag rules; none when absent. */
  tagRules?: TagRuleMatcher[];
}

export interface IngestResult extends UpsertResult {
  /** How many (mention, topic) links the batch holds after matching. */
  topicLinks: number;
}

type TopicLink = { mention_id: number; topic_id: number; published_at: number };

/** The (mention, topic) pairs of a stored batch; `ids` are the stored ids in batch order. */
function matchTopics(batch: MentionInput[], ids: number[], topics: TopicMatcher[]): Map<string, TopicLink> {
  const links = new Map<string, TopicLink>();
  if (topics.length === 0) return links;
  batch.forEach((mention, i) => {
    const mentionId = ids[i]!;
    for (const topic of topics) {
      if (topic.matches(mention)) {
        links.set(`${mentionId}:${topic.topicId}`, {
          mention_id: mentionId,
          topic_id: topic.topicId,
          published_at: mention.publishedAt.getTime(),
        });
      }
    }
  });
  return links;
}

/** The rule-made tags of a stored batch; `ids` are the stored ids in batch order. */
function matchTagRules(workspaceId: number, batch: MentionInput[], ids: number[], rules: TagRuleMatcher[] = []): RuleTagRow[] {
  const rows: RuleTagRow[] = [];
  if (rules.length === 0) return rows;
  batch.forEach((mention, i) => {
    for (const rule of rules) {
      if (rule.matches(mention)) rows.push({ mention_id: ids[i]!, workspace_id: workspaceId, tag: rule.tag, rule_id: rule.ruleId, published_at: mention.publishedAt.getTime() });
    }
  });
  return rows;
}

/**
 * The mentions of a batch the enricher must see: those lacking language or sentiment,
 * except the ones already stored with the same text and both filled in. Those get what
 * is stored back (topic matching must see their language, as `lang:` queries need it),
 * so re-importing a file does not pay for language and sentiment detection a second time.
 */
async function needingEnrichment(store: Store, workspaceId: number, batch: MentionInput[]): Promise<MentionInput[]> {
  const lacking = batch.filter((m) => m.lang == null || m.sentiment == null);
  if (lacking.length === 0) return lacking;
  const stored =
    store.driver instanceof SqliteDriver
      ? enrichedTextsSqlite(store.driver.database, workspaceId, lacking)
      : await enrichedTexts(store, workspaceId, lacking);
  return lacking.filter((m) => {
    const known = stored.get(`${m.source}\u0000${m.externalId}`);
    if (known === undefined || known.text !== m.text) return true;
    restoreEnrichment(m, known);
    return false;
  });
}

/** Portable twin of `enrichedTextsSqlite`: stored texts and enrichment of enriched mentions, by source and external id. */
async function enrichedTexts(store: Store, workspaceId: number, mentions: MentionInput[]): Promise<Map<string, StoredEnrichment>> {
  const texts = new Map<string, StoredEnrichment>();
  for (const chunk of chunks(mentions, 500)) {
    const rows = await store.db
      .selectFrom('mentions')
      .select(['source', 'external_id', ...STORED_ENRICHMENT])
      .where('workspace_id', '=', workspaceId)
      .where('source', 'in', [...new Set(chunk.map((m) => m.source))])
      .where('external_id', 'in', chunk.map((m) => m.externalId))
      .where('lang', 'is not', null)
      .where('sentiment', 'is not', null)
      .execute();
    for (const { source, external_id, ...enrichment } of rows) texts.set(`${source}\u0000${external_id}`, enrichment);
  }
  return texts;
}

export interface IngestOptions {
  /**
   * Refuse (list in `duplicates`) a mention whose source and external id were already
   * written under this set, instead of updating it: an import passes one per file, so two
   * rows of the file that share an id are reported rather than merged.
   */
  once?: WrittenIds;
  /**
   * The mentions were built by `buildMention` (mention-rules.ts: file imports, the push API),
   * which applies every rule. Otherwise (connectors, the demo) each is checked for what no
   * store can keep as it is, or is unsafe to show (`unstorableProblem`), and left out with a
   * warning in the log rather than failing the whole batch.
   */
  checked?: boolean;
}

/** The mentions of a batch that can be stored; the others are logged and left out. */
function storable(batch: MentionInput[]): MentionInput[] {
  let kept: MentionInput[] | null = null;
  batch.forEach((mention, i) => {
    const problem = unstorableProblem(mention);
    if (problem === null) {
      kept?.push(mention);
      return;
    }
    kept ??= batch.slice(0, i);
    log.warn({ source: mention.source, externalId: mention.externalId.slice(0, 200), reason: problem.message }, 'mention left out: it cannot be stored as it is');
  });
  return kept ?? batch;
}

/** The mentions of a batch that were written, with their ids: all but the refused duplicates. */
function written(batch: MentionInput[], result: UpsertResult): { mentions: MentionInput[]; ids: number[] } {
  if (result.duplicates.length === 0) return { mentions: batch, ids: result.ids };
  const refused = new Set(result.duplicates);
  const keep = (_: unknown, i: number) => !refused.has(i);
  return { mentions: batch.filter(keep), ids: result.ids.filter(keep) };
}

export async function ingestBatch(
  store: Store,
  workspaceId: number,
  batch: MentionInput[],
  pipeline: Pipeline,
  options: IngestOptions = {},
): Promise<IngestResult> {
  if (!options.checked) batch = storable(batch);
  if (batch.length === 0) return { inserted: 0, updated: 0, ids: [], duplicates: [], topicLinks: 0 };
  if (pipeline.enricher) pipeline.enricher.enrich(await needingEnrichment(store, workspaceId, batch));
  const driver = store.driver;
  if (driver instanceof SqliteDriver) {
    // Prepared statements on the raw handle (see bulk-upsert.ts). Holding Kysely's one
    // connection keeps any other Kysely query of this process out of the transaction.
    return store.db.connection().execute(async () =>
      driver.database
        .transaction((): IngestResult => {
          const result = upsertMentionsSqlite(driver.database, workspaceId, batch, options.once);
          const stored = written(batch, result);
          const links = matchTopics(stored.mentions, stored.ids, pipeline.topics);
          replaceTopicLinksSqlite(driver.database, result.updated > 0 ? new Set(stored.ids) : [], links.values());
          if (pipeline.tagRules?.length) replaceRuleTagsSqlite(driver.database, result.updated > 0 ? new Set(stored.ids) : [], matchTagRules(workspaceId, stored.mentions, stored.ids, pipeline.tagRules));
          return { ...result, topicLinks: links.size };
        })
        .immediate(),
    );
  }
  return store.db.transaction().execute(async (trx) => {
    const result = await upsertMentionsIn(trx, workspaceId, batch, options.once);
    const stored = written(batch, result);
    const links = matchTopics(stored.mentions, stored.ids, pipeline.topics);
    // A re-imported mention may have changed text: its links are recomputed, not accumulated.
    if (result.updated > 0) {
      for (const ids of chunks([...new Set(stored.ids)], 500)) {
        await trx.deleteFrom('mention_topics').where('mention_id', 'in', ids).execute();
      }
    }
    for (const rows of chunks([...links.values()], 1000)) {
      await trx.insertInto('mention_topics').values(rows).execute();
    }
    // Rule-made tags, like topic links, are recomputed for a re-imported mention (hand tags stay).
    if (pipeline.tagRules?.length) {
      await replaceRuleTagsIn(trx, result.updated > 0 ? [...new Set(stored.ids)] : [], matchTagRules(workspaceId, stored.mentions, stored.ids, pipeline.tagRules));
    }
    return { ...result, topicLinks: links.size };
  });
}
