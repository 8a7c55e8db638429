/**
 * Rows as read → mentions ready to store, and rejects: parse JSON lines, map columns,
 * validate, and enrich (language, sentiment) when given an enricher. Pure CPU work
 * with no I/O, so it can run in worker threads (prepare-pool.ts) beside the main
 * thread's reading and writing.
 */
import type { MentionInput } from '../../core/mention.ts';
import type { Enricher } from '../pipeline.ts';
import { parseJsonLossless } from './json-line.ts';
import type { ParsedRow } from '../../core/files/parsed-row.ts';
import type { RowMapper } from './row-mapper.ts';
import { LossyNumber, Problem } from './values.ts';

export interface RejectedRow {
  line: number;
  reason: string;
  raw: string;
}

export interface PreparedRows {
  /** Rows looked at (accepted + rejected). */
  rows: number;
  mentions: MentionInput[];
  /** For each mention, the index of its row in the rows given (for its line and raw text). */
  at: number[];
  rejects: RejectedRow[];
}

export function prepareRows(rows: ParsedRow[], toMention: RowMapper, enricher: Enricher | null): PreparedRows {
  const mentions: MentionInput[] = [];
  const at: number[] = [];
  const rejects: RejectedRow[] = [];
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
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
    let mention = toMention(value);
    // An id beyond 2^53 that JSON.parse rounded: read the line again, long integers as text.
    if (mention instanceof LossyNumber && row.value === undefined) mention = toMention(parseJsonLossless(row.raw));
    if (mention instanceof Problem) rejects.push({ line: row.line, reason: mention.message, raw: row.raw });
    else {
      mentions.push(mention);
      at.push(i);
    }
  }
  if (enricher && mentions.length > 0) enricher.enrich(mentions);
  return { rows: rows.length, mentions, at, rejects };
}
