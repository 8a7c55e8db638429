/**
 * Re-enrichment of stored mentions (`murmur enrich`): after a model change, or
 * for mentions stored without language/sentiment. Pages through the mentions by
 * id so memory stays flat, and writes each page in one transaction; works the
 * same on SQLite and PostgreSQL.
 */
import { updateMentions, type MentionChange } from '../store/mention-writer.ts';
import type { Store } from '../store/store.ts';
import type { SentimentReader } from './adapter.ts';
import type { NlpModels } from './models.ts';

export type ReenrichMode = 'all' | 'missing';

export interface ReenrichOptions {
  mode: ReenrichMode;
  pageSize?: number;
  onProgress?: (done: number, total: number) => void;
  now?: () => number;
  /** Rewrite sentiment only, from the stored language (after a workspace's adapter changed). */
  sentimentOnly?: boolean;
}

export interface ReenrichResult {
  scanned: number;
  /** Mentions whose language or sentiment label changed. */
  changed: number;
}

export async function reenrichMentions(
  store: Store,
  workspaceId: number,
  nlp: Pick<NlpModels, 'detector'> & { analyzer: SentimentReader },
  options: ReenrichOptions,
): Promise<ReenrichResult> {
  const pageSize = options.pageSize ?? 1000;
  const now = options.now ?? Date.now;
  const base = () => {
    let query = store.db.selectFrom('mentions').where('workspace_id', '=', workspaceId);
    if (options.mode === 'missing') query = query.where((eb) => eb.or([eb('lang', 'is', null), eb('sentiment', 'is', null)]));
    return query;
  };
  const { count } = await base().select((eb) => eb.fn.countAll<number | string>().as('count')).executeTakeFirstOrThrow();
  const total = Number(count);
  let scanned = 0;
  let changed = 0;
  let afterId = 0;
  options.onProgress?.(0, total);
  for (;;) {
    const rows = await base()
      .select(['id', 'text', 'lang', 'sentiment', 'source_lang'])
      // A person's correction stays (updateMentions keeps it), so it is no change.
      .select((eb) => eb.exists(eb.selectFrom('sentiment_corrections').select('sentiment_corrections.mention_id').whereRef('sentiment_corrections.mention_id', '=', 'mentions.id')).as('corrected'))
      .where('id', '>', afterId)
      .orderBy('id')
      .limit(pageSize)
      .execute();
    if (rows.length === 0) break;
    afterId = rows[rows.length - 1]!.id;
    const changes: MentionChange[] = rows.map((row) => {
      // The network's tag weighs as it did at ingestion, so re-enriching does not lose it.
      if (options.sentimentOnly && row.lang !== null) {
        const sentiment = nlp.analyzer.analyze(row.text, row.lang);
        if (!row.corrected && sentiment.label !== row.sentiment) changed++;
        return { id: row.id, set: { sentiment } };
      }
      const language = nlp.detector.detect(row.text, row.source_lang);
      const sentiment = nlp.analyzer.analyze(row.text, language.lang);
      if (language.lang !== row.lang || (!row.corrected && sentiment.label !== row.sentiment)) changed++;
      return { id: row.id, set: { lang: language.lang, langConfidence: language.confidence, sentiment } };
    });
    // Through the mention writer: updated_at moves, so Watch's rollups count the new labels.
    await updateMentions(store, workspaceId, changes, now());
    scanned += rows.length;
    options.onProgress?.(scanned, Math.max(total, scanned));
  }
  return { scanned, changed };
}
