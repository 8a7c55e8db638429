/**
 * How a backend writes a batch of mentions: the portable default (Kysely, any backend)
 * and, where a backend has a faster way, its own path in its folder (sqlite/bulk-upsert.ts).
 * Each driver names its path (`StoreDriver.mentionWrites`); the one caller is the mention
 * writer (mention-writer.ts), which owns what every path has in common.
 */
import type { MentionInput } from '../core/mention.ts';
import { STORED_ENRICHMENT, chunks, upsertMentionsIn, type MentionWithDerived, type StoredEnrichment, type UpsertResult, type WrittenIds } from './mentions.ts';
import { replaceRuleTagsIn, type RuleTagRow } from './mention-tags.ts';
import type { StoreDb } from './schema.ts';

export interface TopicLinkRow {
  mention_id: number;
  topic_id: number;
  published_at: number;
}

/** The topic links of a stored batch: the links to drop first (re-written mentions), then the ones to write. */
export interface LinkChanges {
  clear: number[];
  links: TopicLinkRow[];
  /** The batch's rule-made tags; when given, the rule tags of `clear` are dropped first (hand tags stay). */
  ruleTags?: RuleTagRow[];
}

export interface MentionWritePath {
  /**
   * The stored text and enrichment of those of `mentions` stored with language and
   * sentiment, by `source\u0000externalId`.
   */
  enrichedTexts(store: StoreDb, workspaceId: number, mentions: MentionInput[]): Promise<Map<string, StoredEnrichment>>;
  /**
   * In one transaction: upserts the batch (see `upsertMentionsIn` for the rules), then
   * applies the topic link changes `linksFor` computes from the stored ids.
   */
  writeBatch(
    store: StoreDb,
    workspaceId: number,
    batch: MentionWithDerived[],
    once: WrittenIds | undefined,
    linksFor: (result: UpsertResult) => LinkChanges,
    now: number,
  ): Promise<UpsertResult>;
}

export const portableMentionWrites: MentionWritePath = {
  async enrichedTexts(store, workspaceId, mentions) {
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
  },

  writeBatch(store, workspaceId, batch, once, linksFor, now) {
    return store.db.transaction().execute(async (trx) => {
      const result = await upsertMentionsIn(trx, workspaceId, batch, once, now);
      const { clear, links, ruleTags } = linksFor(result);
      for (const ids of chunks(clear, 500)) await trx.deleteFrom('mention_topics').where('mention_id', 'in', ids).execute();
      for (const rows of chunks(links, 1000)) await trx.insertInto('mention_topics').values(rows).execute();
      if (ruleTags) await replaceRuleTagsIn(trx, clear, ruleTags);
      return result;
    });
  },
};
