/**
 * The one writer of mentions. Every path that stores or changes a mention (import,
 * connectors, the push API, `murmur enrich`, topic backfill, corrections) goes through it,
 * so that what every write must do is done once, here:
 *   - `updated_at` is set to the write's time: Watch's rollups recompute what changed since
 *     their watermark from it (src/watch/rollup.ts), across processes too;
 *   - after each committed batch, one "mentions written" event (write-events.ts) names the
 *     workspaces, mentions and topics touched: Watch follows it (src/watch/follow-writes.ts).
 * How a batch reaches the database is the backend's (`StoreDriver.mentionWrites`).
 */
import type { MentionInput, SentimentLabel } from '../core/mention.ts';
import type { TopicLinkRow } from './mention-write-path.ts';
import type { RuleTagRow } from './mention-tags.ts';
import { chunks, type MentionWithDerived, type StoredEnrichment, type UpsertResult, type WrittenIds } from './mentions.ts';
import { keepCorrectedValue } from './sentiment-corrections.ts';
import type { Store } from './store.ts';

export type { TopicLinkRow } from './mention-write-path.ts';

export interface WriteOptions {
  /** See `WrittenIds`: refuse, rather than merge, a mention this import already wrote. */
  once?: WrittenIds;
  /**
   * The topic links of the written mentions (in batch order, with their stored ids), written
   * in the same transaction; a re-written mention's old links are replaced. Without it the
   * links are left as they are.
   */
  linkTopics?: (mentions: MentionInput[], ids: number[]) => TopicLinkRow[];
  /** The rule-made tags of the written mentions, written the same way (a re-written mention's rule tags are replaced; hand tags stay). */
  tagByRules?: (mentions: MentionInput[], ids: number[]) => RuleTagRow[];
  /** The write's time (updated_at, first_seen_at); tests hold it. */
  now?: number;
}

export interface WriteResult extends UpsertResult {
  /** How many (mention, topic) links the batch holds after the write. */
  topicLinks: number;
}

/** The mentions of a batch that were written, with their ids: all but the refused duplicates. */
function written(batch: MentionInput[], result: UpsertResult): { mentions: MentionInput[]; ids: number[] } {
  if (result.duplicates.length === 0) return { mentions: batch, ids: result.ids };
  const refused = new Set(result.duplicates);
  const keep = (_: unknown, i: number) => !refused.has(i);
  return { mentions: batch.filter(keep), ids: result.ids.filter(keep) };
}

/** Stores a batch of mentions (new ones inserted, known ones updated) and their topic links, in one transaction. */
export async function writeMentions(store: Store, workspaceId: number, batch: MentionWithDerived[], options: WriteOptions = {}): Promise<WriteResult> {
  if (batch.length === 0) return { inserted: 0, updated: 0, ids: [], duplicates: [], topicLinks: 0 };
  // Both are recomputed for the re-written mentions (`clear`): one without the other would drop the other's rows.
  if (options.tagByRules && !options.linkTopics) throw new Error('writeMentions: tagByRules needs linkTopics');
  let links: TopicLinkRow[] = [];
  const result = await store.driver.mentionWrites.writeBatch(
    store,
    workspaceId,
    batch,
    options.once,
    (upserted) => {
      if (!options.linkTopics && !options.tagByRules) return { clear: [], links };
      const stored = written(batch, upserted);
      links = options.linkTopics?.(stored.mentions, stored.ids) ?? [];
      // A re-imported mention may have changed text: its links are recomputed, not accumulated.
      return { clear: upserted.updated > 0 ? [...new Set(stored.ids)] : [], links, ...(options.tagByRules ? { ruleTags: options.tagByRules(stored.mentions, stored.ids) } : {}) };
    },
    options.now ?? Date.now(),
  );
  if (result.inserted + result.updated > 0) {
    store.writes.emit({ workspaceIds: [workspaceId], mentionIds: written(batch, result).ids, topicIds: [...new Set(links.map((l) => l.topic_id))] });
  }
  return { ...result, topicLinks: links.length };
}

/** `writeMentions` without topic links (tests, and callers that link later). */
export function upsertMentions(store: Store, workspaceId: number, batch: MentionWithDerived[], once?: WrittenIds): Promise<UpsertResult> {
  return writeMentions(store, workspaceId, batch, { once });
}

/**
 * The stored text and enrichment of those of `mentions` stored with language and
 * sentiment, by `source\u0000externalId`: a re-import gets them back instead of paying
 * for detection again.
 */
export function storedEnrichments(store: Store, workspaceId: number, mentions: MentionInput[]): Promise<Map<string, StoredEnrichment>> {
  return store.driver.mentionWrites.enrichedTexts(store, workspaceId, mentions);
}

/** The fields of a stored mention that are judged rather than observed: re-enrichment and corrections change them. */
export interface MentionJudgement {
  lang?: string | null;
  langConfidence?: number | null;
  sentiment?: { label: SentimentLabel; score: number; probabilities: Record<SentimentLabel, number> } | null;
}

export interface MentionChange {
  id: number;
  set: MentionJudgement;
}

function judgementColumns(set: MentionJudgement) {
  const s = set.sentiment;
  return {
    ...(set.lang !== undefined ? { lang: set.lang } : {}),
    ...(set.langConfidence !== undefined ? { lang_confidence: set.langConfidence } : {}),
    // A person's correction wins over the model (sentiment-corrections.ts): its columns are kept.
    ...(s !== undefined
      ? {
          sentiment: keepCorrectedValue('sentiment', s?.label ?? null),
          sentiment_score: keepCorrectedValue('sentiment_score', s?.score ?? null),
          sentiment_neg: keepCorrectedValue('sentiment_neg', s?.probabilities.negative ?? null),
          sentiment_neu: keepCorrectedValue('sentiment_neu', s?.probabilities.neutral ?? null),
          sentiment_pos: keepCorrectedValue('sentiment_pos', s?.probabilities.positive ?? null),
        }
      : {}),
  };
}

/**
 * Changes the language and/or sentiment of stored mentions of one workspace, in one
 * transaction (`murmur enrich`, sentiment corrections). Ids of another workspace are left
 * alone. Returns how many mentions were changed.
 */
export async function updateMentions(store: Store, workspaceId: number, changes: MentionChange[], now: number = Date.now()): Promise<number> {
  if (changes.length === 0) return 0;
  const changed = await store.db.transaction().execute(async (trx) => {
    let n = 0;
    for (const change of changes) {
      const result = await trx
        .updateTable('mentions')
        .set({ ...judgementColumns(change.set), updated_at: now })
        .where('id', '=', change.id)
        .where('workspace_id', '=', workspaceId)
        .executeTakeFirst();
      n += Number(result.numUpdatedRows);
    }
    return n;
  });
  if (changed > 0) {
    const ids = changes.map((c) => c.id);
    const topicIds = new Set<number>();
    for (const chunk of chunks(ids, 500)) {
      const rows = await store.db.selectFrom('mention_topics').select('topic_id').distinct().where('mention_id', 'in', chunk).execute();
      for (const r of rows) topicIds.add(r.topic_id);
    }
    store.writes.emit({ workspaceIds: [workspaceId], mentionIds: ids, topicIds: [...topicIds] });
  }
  return changed;
}

/**
 * A topic re-matched over a range of mention ids (after, last] (topic backfill): its links
 * there are replaced by `links`, in one transaction. The topic's updated_at moves with
 * them: links change without any mention changing, and Watch's rollups rebuild a topic set
 * whose version moved.
 */
export async function replaceTopicLinks(store: Store, workspaceId: number, topicId: number, range: { after: number; last: number | undefined }, links: TopicLinkRow[], now: number = Date.now()): Promise<void> {
  await store.db.transaction().execute(async (trx) => {
    let stale = trx.deleteFrom('mention_topics').where('topic_id', '=', topicId).where('mention_id', '>', range.after);
    if (range.last !== undefined) stale = stale.where('mention_id', '<=', range.last);
    await stale.execute();
    for (const chunk of chunks(links, 1000)) await trx.insertInto('mention_topics').values(chunk).execute();
    await trx.updateTable('topics').set({ updated_at: now }).where('id', '=', topicId).execute();
  });
  store.writes.emit({ workspaceIds: [workspaceId], mentionIds: links.map((l) => l.mention_id), topicIds: [topicId] });
}
