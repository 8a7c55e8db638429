/**
 * Sentiment corrections from the inbox: checks the ids, writes the correction through the
 * store's one correction write (src/store/sentiment-corrections.ts) and records each change
 * in the mention's history, in one transaction.
 */
import type { SentimentLabel } from '../core/mention.ts';
import { writeSentimentCorrection, type SentimentCorrection } from '../store/sentiment-corrections.ts';
import type { Store } from '../store/store.ts';
import { checkMentionIds, InboxError, recordEvents } from './triage.ts';

export const SENTIMENT_LABELS: readonly SentimentLabel[] = ['negative', 'neutral', 'positive'];

export function isSentimentLabel(value: string): value is SentimentLabel {
  return (SENTIMENT_LABELS as readonly string[]).includes(value);
}

export async function correctSentiment(store: Store, workspaceId: number, ids: number[], label: SentimentLabel, actor: number | null, now: number): Promise<SentimentCorrection[]> {
  if (!isSentimentLabel(label)) throw new InboxError(`sentiment must be one of ${SENTIMENT_LABELS.join(', ')}, got "${String(label)}"`);
  const written = await store.db.transaction().execute(async (trx) => {
    const unique = await checkMentionIds(trx, workspaceId, ids);
    const written = await writeSentimentCorrection(trx, workspaceId, unique, label, actor, now);
    await recordEvents(
      trx,
      workspaceId,
      written.filter((c) => c.previousLabel !== c.label).map((c) => ({ mentionId: c.mentionId, userId: actor, field: 'sentiment', from: c.previousLabel, to: c.label, at: c.at })),
    );
    return written;
  });
  // Like every write to mentions: Watch runs the alert rules on what changed (the rollups follow updated_at).
  if (written.length > 0) store.writes.emit({ workspaceIds: [workspaceId], mentionIds: written.map((c) => c.mentionId), topicIds: [] });
  return written;
}
