/**
 * Rows as read → mentions ready to store, and rejects: parse JSON lines, map columns,
 * validate, and enrich (language, sentiment) when given an enricher. Pure CPU work
 * with no I/O, so it can run in worker threads (prepare-pool.ts) beside the main
 * thread's reading and writing.
 */
import type { MentionInput } from '../../core/mention.ts';
import type { Enricher } from '../pipeline.ts';
import type { ParsedRow } from './parsed-row.ts';
import type { RowMapper } from './row-mapper.ts';
import { Problem } from './values.ts';

export interface RejectedRow {
  line: number;
  reason: string;
  raw: string;
}

export interface PreparedRows {
  /** Rows looked at (accepted + rejected). */
  rows: number;
  mentions: MentionInput[];
  rejects: RejectedRow[];
}

export function prepareRows(rows: ParsedRow[], toMention: RowMapper, enricher: Enricher | null): PreparedRows {
  const mentions: MentionInput[] = [];
  const rejects: RejectedRow[] = [];
  for (const row of rows) {
    if (row.problem !== undefined) {
      rejects.push({ line: row.line, reason: row.problem, raw: row.raw });
      continue;
    }
    let value = row.value;
    if (value === undefined) {
      try {
        value = JSON.parse(row.raw);
      } catch (error) {
        rejects.push({ line: row.line, reason: `broken JSON: ${(error as Error).message}`, raw: row.raw });
        continue;
      }
    }
    const mention = toMention(value);
    if (mention instanceof Problem) rejects.push({ line: row.line, reason: mention.message, raw: row.raw });
    else mentions.push(mention);
  }
  if (enricher && mentions.length > 0) enricher.enrich(mentions);
  return { rows: rows.length, mentions, rejects };
}
