/**
 * `murmur import FILE`: JSONL or CSV exports (gzip accepted, `-` for stdin) into the store.
 */
import { availableParallelism } from 'node:os';
import type { Command } from 'commander';
import { buildMapping, parseMapFlags, readMappingFile } from '../../listen/import/column-mapping.ts';
import { parseEncoding } from '../../core/files/encoding.ts';
import { ImportError } from '../../core/files/errors.ts';
import { importMentions, type ImportFormat, type ImportSummary } from '../../listen/import/importer.ts';
import { createProgressReporter } from '../../listen/import/progress.ts';
import { loadPipeline } from '../../listen/load-pipeline.ts';
import { EXIT, UsageError, output, withStore } from '../context.ts';
import { keepHeapCompact } from '../../core/memory.ts';
import { SUMMARY } from '../summaries.ts';


interface ImportFlags {
  format?: string;
  map: string[];
  mapping?: string;
  source: string;
  rejects?: string;
  delimiter?: string;
  encoding?: string;
  batchSize?: string;
  workers?: string;
  enrich: boolean;
  progress: boolean;
  json?: boolean;
}

const collect = (value: string, previous: string[]) => [...previous, value];

function parseFormat(value: string | undefined): ImportFormat | undefined {
  if (value === undefined || value === 'jsonl' || value === 'csv') return value;
  throw new UsageError(`--format must be jsonl or csv, got "${value}"`);
}

function parseDelimiter(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const delimiter = value === 'tab' || value === '\\t' ? '\t' : value;
  if (delimiter.length !== 1) throw new UsageError(`--delimiter must be one character (or "tab"), got "${value}"`);
  return delimiter;
}

function parseBatchSize(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 100_000) throw new UsageError(`--batch-size must be a whole number from 1 to 100000, got "${value}"`);
  return n;
}

/**
 * Default: on two cores or more, one worker parses (and enriches, the costliest step by
 * far) while this thread writes, so the two overlap: on 1M rows, 15.6k rows/s enriching
 * instead of 11.0k, and 39.8k rows/s without enrichment instead of 35.1k, for ~40 MB of
 * RSS (`npm run bench:ingest`). Each enriching worker loads the NLP models (~50 MB): more
 * than one only pays off on idle cores. `--workers auto` uses every core.
 */
export function defaultWorkers(cores = availableParallelism()): number {
  return cores >= 2 ? 1 : 0;
}

function parseWorkers(value: string | undefined): number {
  if (value === undefined) return defaultWorkers();
  if (value === 'auto') return availableParallelism();
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 64) throw new UsageError(`--workers must be a whole number from 0 to 64, got "${value}"`);
  return n;
}

function render(summary: ImportSummary): string {
  const n = (x: number) => x.toLocaleString('en');
  const lines = [
    `${summary.input}: ${n(summary.rows)} rows read (${summary.format}${summary.compressed ? ', gzip' : ''}${summary.encoding === 'utf8' ? '' : `, ${summary.encoding}`}) in ${summary.seconds.toFixed(1)} s, ${n(summary.rowsPerSecond)} rows/s`,
    `  imported (new): ${n(summary.imported)}`,
    `  updated:        ${n(summary.updated)}`,
    `  rejected:       ${n(summary.rejected)}${summary.rejectsFile ? ` → ${summary.rejectsFile}` : ''}`,
  ];
  return lines.join('\n');
}

export function registerImport(program: Command): void {
  program
    .command('import')
    .description(SUMMARY.import)
    .argument('<file>', 'JSONL or CSV file, optionally gzip-compressed, or - for stdin')
    .option('--format <format>', 'jsonl or csv (default: from the file extension, then the content)')
    .option('--map <field=column>', 'read a field from this column, e.g. --map text=body (repeatable)', collect, [])
    .option('--mapping <file>', 'JSON mapping file, e.g. {"text": "body", "published_at": "ts"}')
    .option('--source <name>', 'source name for rows without a source column', 'import')
    .option('--rejects <path>', 'where refused rows go (default: <file>.rejects.jsonl)')
    .option('--delimiter <char>', 'CSV delimiter (default: detected from the header)')
    .option('--encoding <name>', 'character encoding: utf8 (default), cp1252 (Windows/Excel), latin1, utf16le, utf16be; rows that are not valid UTF-8 are rejected, never stored with U+FFFD')
    .option('--batch-size <rows>', 'rows per transaction (default 2000)')
    .option('--workers <n>', 'worker threads that parse and enrich rows beside the writer, or "auto" for one per core (default: 1 on two cores or more, else 0)')
    .option('--no-enrich', 'skip language and sentiment detection')
    .option('--no-progress', 'no progress bar or progress lines')
    .option('--json', 'print the summary as JSON')
    .addHelpText(
      'after',
      '\nExit codes: 0 every row imported, 2 some rows rejected (see the rejects file), 1 fatal error.\nMappable fields: id, text, published_at, author, author_name, followers, url, likes, shares, replies, views, lang, source, parent_id.',
    )
    .action(async (file: string, flags: ImportFlags, command: Command) => {
      keepHeapCompact();
      try {
        const overrides = flags.mapping ? [await readMappingFile(flags.mapping)] : [];
        const mapping = buildMapping(...overrides, parseMapFlags(flags.map));
        const workers = parseWorkers(flags.workers);
        const encoding = flags.encoding === undefined ? undefined : parseEncoding(flags.encoding);
        const summary = await withStore(command, async (store, workspaceId) => {
          store.driver.shrinkCacheForBulkWrite();
          // With workers, they enrich new rows; this enricher sees only what they leave (importer.ts).
          const pipeline = await loadPipeline(store, workspaceId, { enrich: flags.enrich });
          const progress = flags.progress ? createProgressReporter() : null;
          try {
            return await importMentions(store, workspaceId, {
              input: file,
              format: parseFormat(flags.format),
              delimiter: parseDelimiter(flags.delimiter),
              encoding,
              mapping,
              source: flags.source,
              rejectsPath: flags.rejects,
              batchSize: parseBatchSize(flags.batchSize),
              pipeline,
              workers,
              enrichInWorkers: flags.enrich,
              onProgress: progress ? (p) => progress.update(p) : undefined,
            });
          } finally {
            progress?.stop();
          }
        }, { create: true });
        output(flags, summary, render);
        process.exitCode = summary.rejected > 0 ? EXIT.partial : EXIT.ok;
      } catch (error) {
        if (error instanceof ImportError) throw new UsageError(error.message);
        throw error;
      }
    });
}
