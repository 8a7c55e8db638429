/**
 * One row as a reader hands it on, before it becomes a Mention:
 * - `problem` set: the reader could not read it (bad CSV quoting, over-long line, not UTF-8);
 * - `value` set: a parsed record (CSV, keyed by header);
 * - neither: a JSON line still to parse. JSON.parse happens in `prepareRows`, which
 *   may run in a worker thread, so that the main thread only reads and writes.
 */
export interface ParsedRow {
  line: number;
  raw: string;
  value?: unknown;
  problem?: string;
  /** What kind of problem, stable for scripts and translations (the CSV reader sets it). */
  problemCode?: ReadProblemCode;
}

/** Why a reader could not read a row. */
export type ReadProblemCode = 'broken_csv' | 'row_too_long' | 'invalid_utf8';

/** Readers yield rows in arrays (one per input chunk) to keep per-row overhead low. */
export type RowReader = AsyncIterable<ParsedRow[]>;

/**
 * A line (JSONL) or record (CSV) longer than this, in bytes, is rejected unread: it cannot
 * hold a valid mention (text is capped at 100,000 characters) and would cost memory.
 */
export const MAX_ROW_BYTES = 2_000_000;

/** How much of a rejected row's raw text goes into the rejects file. */
export const MAX_RAW_IN_REJECTS = 10_000;
