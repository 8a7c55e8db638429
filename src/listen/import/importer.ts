/**
 * `murmur import` as a library call: stream a JSONL or CSV export (optionally gzip)
 * into the store through the ingest pipeline, batch by batch.
 *
 * Each batch is one transaction (`ingestBatch`), so after a crash the store holds
 * whole batches only, and running the same import again upserts every row to the
 * same (source, external id): nothing is lost, nothing is duplicated. Reading waits
 * for each batch to commit, so memory stays flat whatever the file size.
 */
import { extname } from 'node:path';
import type { MentionInput } from '../../core/mention.ts';
import { WrittenIds } from '../../store/mentions.ts';
import type { Store } from '../../store/store.ts';
import { markFirstImportStarted, markLoadFinished } from '../../store/unfinished-loads.ts';
import { ingestBatch, type Pipeline } from '../pipeline.ts';
import { DEFAULT_MAPPING, type ColumnMapping } from './column-mapping.ts';
import { readCsv } from '../../core/files/csv-reader.ts';
import type { ImportEncoding } from '../../core/files/encoding.ts';
import { ImportError } from '../../core/files/errors.ts';
import { openInput, type ImportInput } from '../../core/files/input.ts';
import { readJsonLines } from './jsonl-reader.ts';
import type { ParsedRow, RowReader } from '../../core/files/parsed-row.ts';
import { PreparePool } from './prepare-pool.ts';
import { prepareRows, type PreparedRows, type RejectedRow } from './prepare.ts';
import { RejectsWriter, defaultRejectsPath } from './rejects.ts';
import { createRowMapper } from './row-mapper.ts';
import { Problem, parseSourceName } from './values.ts';

export type ImportFormat = 'jsonl' | 'csv';

export interface ImportOptions {
  /** A file path, or `-` for stdin. */
  input: string;
  /** Detected from the extension, then from the content, when absent. */
  format?: ImportFormat;
  /** CSV delimiter; sniffed from the header when absent. */
  delimiter?: string;
  /** Character encoding of the file. Default UTF-8 (UTF-16 with a byte order mark is recognised). */
  encoding?: ImportEncoding;
  mapping?: ColumnMapping;
  /** Source name of rows without a source column. Default `import`. */
  source?: string;
  /** Default: `<input>.rejects.jsonl`. */
  rejectsPath?: string;
  /** Rows per transaction. Default 2000. */
  batchSize?: number;
  pipeline: Pipeline;
  /**
   * Worker threads for the CPU work; 0 (the default) does it all on the calling thread.
   * Without `enrichInWorkers` they parse and map rows. With it (each worker loads the NLP
   * models) this thread parses and the workers enrich new rows; once batches turn out to
   * be mostly re-imported mentions, the workers go back to parsing and `pipeline.enricher`
   * enriches only those whose text changed, as without workers.
   */
  workers?: number;
  enrichInWorkers?: boolean;
  /** Called after each committed batch and each chunk read; throttle in the callback. */
  onProgress?: (progress: ImportProgress) => void;
  /** Clock for the future-date check (tests). */
  now?: number;
}

export interface ImportProgress {
  rows: number;
  imported: number;
  updated: number;
  rejected: number;
  bytesRead: number;
  totalBytes: number | null;
}

export interface ImportSummary {
  input: string;
  format: ImportFormat;
  compressed: boolean;
  encoding: ImportEncoding;
  /** Non-empty rows read. */
  rows: number;
  /** New mentions stored. */
  imported: number;
  /** Mentions already stored (same source and id) and refreshed. */
  updated: number;
  rejected: number;
  /** Where the rejected rows went; null when none were rejected. */
  rejectsFile: string | null;
  seconds: number;
  rowsPerSecond: number;
}

export const DEFAULT_BATCH_SIZE = 2000;

/** Rejects held back, waiting for the batch before them to be written, before that batch is written early. */
const MAX_HELD_REJECTS = 10_000;

function duplicateReason(mention: MentionInput): string {
  return mention.externalId.startsWith('h:')
    ? `duplicate: an earlier row of this file has the same source "${mention.source}", author, date and text (the row has no id, so these identify the post); the first row was kept, this one is not merged into it`
    : `duplicate: an earlier row of this file has the same source "${mention.source}" and id "${mention.externalId}"; the first row was kept, this one is not merged into it`;
}

export function detectFormat(input: ImportInput, explicit?: ImportFormat): ImportFormat {
  if (explicit) return explicit;
  const extension = extname(input.name.replace(/\.gz$/i, '')).toLowerCase();
  if (['.jsonl', '.ndjson', '.json'].includes(extension)) return 'jsonl';
  if (['.csv', '.tsv', '.txt'].includes(extension)) return 'csv';
  const first = input.head.toString('utf8', 0, 1024).replace(/^\ufeff/, '').trimStart()[0];
  return first === '{' ? 'jsonl' : 'csv';
}

function rowReader(input: ImportInput, format: ImportFormat, delimiter?: string): RowReader {
  if (format === 'jsonl') return readJsonLines(input.chunks);
  const tsv = extname(input.name.replace(/\.gz$/i, '')).toLowerCase() === '.tsv';
  return readCsv(input.chunks, input.head, { delimiter: delimiter ?? (tsv ? '\t' : undefined) });
}

/**
 * Imports a file. Its batches are announced as one write ("mentions written", see
 * src/store/write-events.ts) when it ends: alert rules then run once on the whole import,
 * not between its batches, competing with it for the store.
 */
export function importMentions(store: Store, workspaceId: number, options: ImportOptions): Promise<ImportSummary> {
  return store.writes.hold(() => importAll(store, workspaceId, options));
}

async function importAll(store: Store, workspaceId: number, options: ImportOptions): Promise<ImportSummary> {
  const started = performance.now();
  const source = parseSourceName('--source', options.source ?? 'import');
  if (source instanceof Problem) throw new ImportError(source.message);
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new ImportError(`batch size must be a positive integer, got ${batchSize}`);

  const input = await openInput(options.input, options.encoding);
  const format = detectFormat(input, options.format);
  if (format === 'jsonl' && input.head.toString('utf8', 0, 1024).replace(/^\ufeff/, '').trimStart().startsWith('[')) {
    throw new ImportError(`${options.input} holds a JSON array; murmur import reads JSON Lines (one object per line). Convert it with: jq -c '.[]' ${options.input} > mentions.jsonl`);
  }
  const rejects = await RejectsWriter.open(options.rejectsPath ?? defaultRejectsPath(options.input));
  const mapperOptions = { mapping: options.mapping ?? DEFAULT_MAPPING, source, now: options.now ?? Date.now() };
  const workers = options.workers ?? 0;
  const pool = workers > 0 ? await PreparePool.start(workers, { ...mapperOptions, enrich: options.enrichInWorkers ?? false, sentimentAdapter: options.pipeline.sentimentAdapter ?? null }) : null;
  const toMention = createRowMapper(mapperOptions);
  // Enriching in the workers pays on new rows; a re-import finds most rows stored and enriched already.
  let workersEnrich = options.enrichInWorkers ?? false;
  const prepare = async (rows: ParsedRow[]): Promise<PreparedRows> => {
    if (pool === null) return prepareRows(rows, toMention, null);
    if (!workersEnrich) return pool.prepare(rows);
    // The workers only enrich: this thread has the time to parse (see PreparePool.enrich).
    const prepared = prepareRows(rows, toMention, null);
    await pool.enrich(prepared.mentions);
    return prepared;
  };
  const pipeline = options.pipeline;

  const progress: ImportProgress = { rows: 0, imported: 0, updated: 0, rejected: 0, bytesRead: 0, totalBytes: input.totalBytes };
  let batch: MentionInput[] = [];
  /** The row each mention of `batch` was read from: a duplicate is rejected with its line and raw text. */
  let batchRows: ParsedRow[] = [];
  // Two rows of this file with the same source and id: the second is rejected, not merged.
  const once = new WrittenIds();
  /**
   * Rejected rows not yet written to the rejects file: those after the first row of the
   * batch being filled wait for it to be written (and its duplicates found), so the
   * rejects file lists rows in file order.
   */
  let held: RejectedRow[] = [];
  const writeRejects = (rows: RejectedRow[]) => {
    for (const reject of rows) rejects.write(reject.line, reject.reason, reject.raw);
  };
  const report = async () => {
    await rejects.drain();
    progress.rejected = rejects.count;
    progress.bytesRead = input.bytesRead();
    options.onProgress?.(progress);
  };
  const flush = async () => {
    if (batch.length === 0) {
      writeRejects(held);
      held = [];
      return;
    }
    const result = await ingestBatch(store, workspaceId, batch, pipeline, { once, checked: true });
    workersEnrich = (options.enrichInWorkers ?? false) && result.inserted >= result.updated;
    progress.imported += result.inserted;
    progress.updated += result.updated;
    const duplicates = result.duplicates.map((i): RejectedRow => ({ line: batchRows[i]!.line, reason: duplicateReason(batch[i]!), raw: batchRows[i]!.raw }));
    // Both in file order: merged.
    const merged: RejectedRow[] = [];
    let d = 0;
    for (const reject of held) {
      while (d < duplicates.length && duplicates[d]!.line < reject.line) merged.push(duplicates[d++]!);
      merged.push(reject);
    }
    writeRejects(merged.concat(duplicates.slice(d)));
    held = [];
    batch = [];
    batchRows = [];
    await report();
  };

  const take = async ({ rows, prepared }: { rows: ParsedRow[]; prepared: PreparedRows }) => {
    progress.rows += prepared.rows;
    const { mentions, at, rejects: refused } = prepared;
    let r = 0;
    for (let i = 0; i < mentions.length; i++) {
      const row = rows[at[i]!]!;
      while (r < refused.length && refused[r]!.line < row.line) held.push(refused[r++]!);
      batch.push(mentions[i]!);
      batchRows.push(row);
      if (batch.length >= batchSize) await flush();
    }
    while (r < refused.length) held.push(refused[r++]!);
    // With nothing batched nothing can come before them; and a file of mostly bad rows cannot hold many.
    if (batch.length === 0 || held.length >= MAX_HELD_REJECTS) await flush();
    // Also between batches, so a file of only bad rows still reports and cannot queue up writes.
    await report();
  };

  // A few chunks in flight keep the workers busy while this thread writes; results
  // are stored in reading order.
  const inFlight: { rows: ParsedRow[]; prepared: Promise<PreparedRows> }[] = [];
  const next = async () => {
    const { rows, prepared } = inFlight.shift()!;
    await take({ rows, prepared: await prepared });
  };
  // A first import killed half-way leaves the workspace marked incomplete (unfinished-loads.ts).
  const marked = await markFirstImportStarted(store, workspaceId, options.input);
  // Whatever makes a bulk load faster on this backend (an empty SQLite store builds its indexes at the end).
  const finishBulkLoad = await store.driver.beginBulkLoad(store.db);
  try {
    for await (const rows of rowReader(input, format, options.delimiter)) {
      inFlight.push({ rows, prepared: prepare(rows) });
      if (inFlight.length > workers * 2) await next();
    }
    while (inFlight.length > 0) await next();
    await flush();
  } finally {
    // Settle whatever is still queued (after an error) before the workers go away.
    await Promise.allSettled(inFlight.map((f) => f.prepared));
    await pool?.close();
    await rejects.close();
    await finishBulkLoad?.();
  }
  if (marked) await markLoadFinished(store, workspaceId, 'import');

  const seconds = (performance.now() - started) / 1000;
  return {
    input: options.input,
    format,
    compressed: input.compressed,
    encoding: input.encoding,
    rows: progress.rows,
    imported: progress.imported,
    updated: progress.updated,
    rejected: rejects.count,
    rejectsFile: rejects.count > 0 ? rejects.path : null,
    seconds: Math.round(seconds * 1000) / 1000,
    rowsPerSecond: Math.round(progress.rows / Math.max(seconds, 1e-3)),
  };
}
