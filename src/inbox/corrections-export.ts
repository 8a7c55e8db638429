/**
 * Sentiment corrections as training data: one example per corrected mention with its
 * text, language, the person's label and the model's original label, as JSON lines or CSV
 * (RFC 4180). Streamed a page at a time, so any number of corrections exports in flat memory.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.ts';
import { readSentimentCorrections, type CorrectionExportRow } from '../store/sentiment-corrections.ts';

export const EXPORT_FORMATS = ['jsonl', 'csv'] as const;
export type CorrectionsFormat = (typeof EXPORT_FORMATS)[number];

export const CSV_HEADER = ['text', 'lang', 'label', 'original_label', 'mention_id', 'corrected_at'] as const;

/** One CSV field: quoted when it holds a quote, a separator or a line break. */
export function csvField(value: string | number | null): string {
  const text = value === null ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function line(row: CorrectionExportRow, format: CorrectionsFormat): string {
  const at = new Date(row.at).toISOString();
  if (format === 'jsonl') return `${JSON.stringify({ text: row.text, lang: row.lang, label: row.label, original_label: row.originalLabel, mention_id: row.mentionId, corrected_at: at })}\n`;
  return `${[row.text, row.lang, row.label, row.originalLabel, row.mentionId, at].map(csvField).join(',')}\r\n`;
}

/** The export, line by line (the CSV header first). */
export async function* correctionsExport(db: Kysely<Database>, workspaceId: number, format: CorrectionsFormat): AsyncGenerator<string> {
  if (format === 'csv') yield `${CSV_HEADER.join(',')}\r\n`;
  for await (const row of readSentimentCorrections(db, workspaceId)) yield line(row, format);
}
