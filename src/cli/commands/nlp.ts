/**
 * `murmur nlp [FILE|-]` (language and sentiment for JSON lines, streaming) and
 * `murmur enrich [--all|--missing]` (re-enrich stored mentions after a model change).
 */
import { createReadStream, existsSync } from 'node:fs';
import type { Command } from 'commander';
import pc from 'picocolors';
import { enrichJsonLines } from '../../nlp/jsonl.ts';
import { models } from '../../nlp/models.ts';
import { reenrichMentions } from '../../nlp/reenrich.ts';
import { EXIT, UsageError, output, withStore } from '../context.ts';
import { progressReporter } from '../progress.ts';
import { keepHeapCompact } from '../../core/memory.ts';
import { SUMMARY } from '../summaries.ts';
import { registerCorrectionsExport } from './nlp-corrections.ts';
import { registerNlpAdapt } from './nlp-adapt.ts';
import { sentimentReaderFor } from '../../nlp/adapt.ts';

export function registerNlp(program: Command): void {
  const nlp = program
    .command('nlp')
    .description(SUMMARY.nlp)
    .argument('[file]', 'JSON lines file, or - for stdin', '-')
    .option('--field <name>', 'the field that holds the text', 'text')
    // Accepted like every other command's --json; the output already is JSON lines.
    .option('--json', 'no effect: the output is JSON lines already')
    .action(async (file: string, flags: { field: string }) => {
      keepHeapCompact();
      if (file !== '-' && !existsSync(file)) throw new UsageError(`nlp: no such file: ${file}`);
      const input = file === '-' ? process.stdin : createReadStream(file);
      const where = file === '-' ? 'stdin' : file;
      const result = await enrichJsonLines(input, process.stdout, models(), {
        field: flags.field,
        onRejected: (line, reason) => process.stderr.write(`${pc.yellow('skipped')} ${where}:${line}: ${reason}\n`),
      });
      if (result.rejected.length > 0) {
        process.stderr.write(`${result.rejected.length} of ${result.lines} lines skipped\n`);
        process.exitCode = EXIT.partial;
      }
    });
  registerCorrectionsExport(nlp);
  registerNlpAdapt(nlp);

  program
    .command('enrich')
    .description(SUMMARY.enrich)
    .option('--all', 'every stored mention')
    .option('--missing', 'only mentions without language or sentiment (default)')
    .option('--no-progress', 'no progress bar')
    .option('--json', 'print JSON')
    .action(async (flags: { all?: boolean; missing?: boolean; progress: boolean; json?: boolean }, command: Command) => {
      keepHeapCompact();
      if (flags.all && flags.missing) throw new UsageError('enrich: choose --all or --missing, not both');
      const mode = flags.all ? 'all' : 'missing';
      const reporter = flags.progress ? progressReporter('enriching', 'mentions') : null;
      const result = await withStore(command, async (store, ws) => {
        // Through the workspace's sentiment adapter, so re-enriching keeps what it learned from corrections.
        const nlp = { detector: models().detector, analyzer: await sentimentReaderFor(store, ws, models()) };
        return reenrichMentions(store, ws, nlp, { mode, onProgress: (done, total) => reporter?.update(done, total) }).finally(() => reporter?.stop());
      });
      output(flags, { mode, ...result }, (r) => `enriched ${r.scanned.toLocaleString('en')} mentions (${r.mode}); ${r.changed.toLocaleString('en')} changed language or sentiment`);
    });
}
