/**
 * `murmur nlp corrections export`: the workspace's sentiment corrections as training data
 * (JSON lines or CSV) on stdout or into a file.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Command } from 'commander';
import { correctionsExport, EXPORT_FORMATS, type CorrectionsFormat } from '../../inbox/corrections-export.ts';
import { UsageError, withStore } from '../context.ts';

export function registerCorrectionsExport(nlp: Command): void {
  const corrections = nlp.command('corrections').description('sentiment corrections people made in the inbox');
  corrections
    .command('export')
    .description('write the corrections as training data: text, lang, corrected label, original label (JSON lines or CSV)')
    .option('--format <format>', EXPORT_FORMATS.join(' | '), 'jsonl')
    .option('--out <file>', 'write here instead of stdout')
    .option('--json', 'no effect: JSON lines is the default format')
    .action(async (flags: { format: string; out?: string }, command: Command) => {
      if (!(EXPORT_FORMATS as readonly string[]).includes(flags.format)) throw new UsageError(`--format must be one of ${EXPORT_FORMATS.join(', ')}, got "${flags.format}"`);
      const format = flags.format as CorrectionsFormat;
      await withStore(command, async (store, ws) => {
        const lines = Readable.from(correctionsExport(store.db, ws, format));
        if (flags.out) {
          const file = createWriteStream(flags.out);
          await once(file, 'open');
          await pipeline(lines, file);
        } else {
          for await (const line of lines) process.stdout.write(line as string);
        }
      });
    });
}
