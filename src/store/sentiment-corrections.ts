/**
 * Sentiment corrections: a person's label for a mention. The one write of a correction is
 * `writeSentimentCorrection`; it puts the label on the mention itself (so every reader —
 * lists, rollups, spikes, reports, alerts — sees it at once, and the bumped `updated_at`
 * makes the Watch rollup recompute its quarter) and keeps it in `sentiment_corrections`,
 * which every other sentiment write consults (`KEEP_CORRECTED`): enrichment and re-imports
 * leave a corrected mention's sentiment alone by construction.
 */
import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { SentimentLabel } from '../core/mention.ts';
import { chunks } from './chunks.ts';
import type { Database } from './schema.ts';

/**
 * SQL for one sentiment column in an UPDATE of `mentions`: the stored value when a person
 * corrected the mention, else `incoming`. `table` prefixes the column (`mentions.` in an
 * upsert's conflict clause).
 */
export function keepCorrected(column: string, incoming: string, table = ''): string {
  return `case when exists (select 1 from sentiment_corrections sc where sc.mention_id = ${table}id) then ${table}${column} else ${incoming} end`;
}

/** `keepCorrected` for a value bound as a parameter, in a Kysely UPDATE of `mentions`. */
export function keepCorrectedValue<T extends string | number | null>(column: 'sentiment' | 'sentiment_score' | 'sentiment_neg' | 'sentiment_neu' | 'sentiment_pos', value: T): RawBuilder<T> {
  const stored = sql.ref(`mentions.${column}`);
  return sql<T>`case when exists (select 1 from sentiment_corrections sc where sc.mention_id = mentions.id) then ${stored} else ${value} end`;
}

/** A corrected label as the model's outputs: certain, so probabilities 1/0 and score ±1 or 0. */
export function correctedSentiment(label: SentimentLabel) {
  const probabilities = { negative: label === 'negative' ? 1 : 0, neutral: label === 'neutral' ? 1 : 0, positive: label === 'positive' ? 1 : 0 };
  return { label, probabilities, score: probabilities.positive - probabilities.negative };
}

export interface SentimentCorrection {
  mentionId: number;
  label: SentimentLabel;
  /** The model's label before the first correction. */
  originalLabel: SentimentLabel | null;
  /** The mention's label just before this correction (the previous correction's, if any). */
  previousLabel: SentimentLabel | null;
  userId: number | null;
  at: Date;
}

/**
 * Sets the sentiment of mentions of the workspace (the caller checked the ids are its own).
 * Inside the caller's transaction, so the correction and its history entry commit together.
 */
export async function writeSentimentCorrection(
  trx: Transaction<Database> | Kysely<Database>,
  workspaceId: number,
  ids: number[],
  label: SentimentLabel,
  userId: number | null,
  now: number,
): Promise<SentimentCorrection[]> {
  const sentiment = correctedSentiment(label);
  const written: SentimentCorrection[] = [];
  for (const chunk of chunks(ids, 500)) {
    const rows = await trx
      .selectFrom('mentions')
      .leftJoin('sentiment_corrections', 'sentiment_corrections.mention_id', 'mentions.id')
      .select(['mentions.id', 'mentions.sentiment', 'sentiment_corrections.original_label', 'sentiment_corrections.mention_id as corrected'])
      .where('mentions.workspace_id', '=', workspaceId)
      .where('mentions.id', 'in', chunk)
      // An answer in a stable order (PostgreSQL returns an IN list's rows in any order).
      .orderBy('mentions.id')
      .execute();
    for (const row of rows) {
      const originalLabel = (row.corrected === null ? row.sentiment : row.original_label) as SentimentLabel | null;
      await trx
        .insertInto('sentiment_corrections')
        .values({ mention_id: row.id, workspace_id: workspaceId, label, original_label: originalLabel, user_id: userId, at: now })
        .onConflict((oc) => oc.column('mention_id').doUpdateSet({ label, user_id: userId, at: now }))
        .execute();
      written.push({ mentionId: row.id, label, originalLabel, previousLabel: row.sentiment as SentimentLabel | null, userId, at: new Date(now) });
    }
    await trx
      .updateTable('mentions')
      .set({
        sentiment: label,
        sentiment_score: sentiment.score,
        sentiment_neg: sentiment.probabilities.negative,
        sentiment_neu: sentiment.probabilities.neutral,
        sentiment_pos: sentiment.probabilities.positive,
        updated_at: now,
      })
      .where('workspace_id', '=', workspaceId)
      .where('id', 'in', chunk)
      .execute();
  }
  return written;
}

export interface CorrectionExportRow {
  mentionId: number;
  text: string;
  lang: string | null;
  label: SentimentLabel;
  originalLabel: SentimentLabel | null;
  at: number;
}

/** The workspace's corrections with their texts, oldest first, a page at a time (training data). */
export async function* readSentimentCorrections(db: Kysely<Database>, workspaceId: number, pageSize = 1000): AsyncGenerator<CorrectionExportRow> {
  let after = 0;
  for (;;) {
    const rows = await db
      .selectFrom('sentiment_corrections')
      .innerJoin('mentions', 'mentions.id', 'sentiment_corrections.mention_id')
      .select(['mentions.id', 'mentions.text', 'mentions.lang', 'sentiment_corrections.label', 'sentiment_corrections.original_label', 'sentiment_corrections.at'])
      .where('sentiment_corrections.workspace_id', '=', workspaceId)
      .where('sentiment_corrections.mention_id', '>', after)
      .orderBy('sentiment_corrections.mention_id')
      .limit(pageSize)
      .execute();
    for (const row of rows) {
      yield { mentionId: row.id, text: row.text, lang: row.lang, label: row.label as SentimentLabel, originalLabel: row.original_label as SentimentLabel | null, at: Number(row.at) };
    }
    if (rows.length < pageSize) return;
    after = rows.at(-1)!.id;
  }
}
