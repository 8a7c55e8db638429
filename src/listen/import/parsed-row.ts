/** One row as a reader hands it to the importer, before it becomes a Mention. */
export type ParsedRow =
  | { line: number; raw: string; value: unknown; problem?: undefined }
  /** The reader could not parse the row at all (broken JSON, bad CSV quoting). */
  | { line: number; raw: string; problem: string; value?: undefined };

/** Readers yield rows in arrays (one per input chunk) to keep per-row overhead low. */
export type RowReader = AsyncIterable<ParsedRow[]>;

/** A line longer than this is rejected unread: it cannot hold a valid mention and would cost memory. */
export const MAX_ROW_CHARS = 2_000_000;

/** How much of a rejected row's raw text goes into the rejects file. */
export const MAX_RAW_IN_REJECTS = 10_000;
