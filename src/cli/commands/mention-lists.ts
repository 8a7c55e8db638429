/**
 * `murmur mentions export`: every mention of a search as a CSV or XLSX file, streamed
 * (src/listen/lists/export/). Registers under a `mentions` command shared with other
 * modules' `mentions …` subcommands (found or created here).
 */
import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import type { Command } from 'commander';
import { mentionTable } from '../../listen/lists/export/mention-table.ts';
import { EXPORT_FORMATS, type ExportFormat } from '../../listen/lists/export/table.ts';
import { writeTable } from '../../listen/lists/export/write.ts';
import { output, UsageError, withStore } from '../context.ts';
import { SUMMARY } from '../summaries.ts';
import { registerMentionReplies } from './mention-replies.ts';
import { parseSort, searchFilters, userErrors, withSearchOptions, type SearchFlags } from './topics.ts';

/** The `mentions` command, whichever module registers first. */
export function mentionsCommand(program: Command): Command {
  return program.commands.find((c) => c.name() === 'mentions') ?? program.command('mentions').description(SUMMARY.mentions);
}

/** The search's flags (as `murmur search`) and where to write. */
type ExportFlags = Omit<SearchFlags, 'limit' | 'cursor'> & { format?: string; out?: string };

function parseFormat(value: string): ExportFormat {
  if ((EXPORT_FORMATS as readonly string[]).includes(value)) return value as ExportFormat;
  throw new UsageError(`--format must be one of ${EXPORT_FORMATS.join(', ')}, got "${value}"`);
}

/** Opens the file (or stdout for "-") once it is known to be writable. */
async function openOut(path: string): Promise<Writable> {
  if (path === '-') return process.stdout;
  const stream = createWriteStream(path);
  await new Promise<void>((resolve, reject) => stream.once('open', () => resolve()).once('error', reject)).catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(`cannot write ${path}: ${error.code === 'ENOENT' ? 'no such directory' : error.message}`);
  });
  return stream;
}

export function registerMentionLists(program: Command): void {
  registerMentionReplies(mentionsCommand(program));
  withSearchOptions(
    mentionsCommand(program)
      .command('export')
      .description('every mention of a search as CSV or XLSX (streamed: any size, flat memory)')
      .argument('[query]', 'boolean query (optional)')
      .requiredOption('--out <file>', 'file to write ("-" for stdout)')
      .option('--format <format>', 'csv or xlsx (default: from --out, else csv)'),
  )
    .option('--json', 'print JSON')
    .action(async (query: string | undefined, flags: ExportFlags, command: Command) => {
      const format = parseFormat(flags.format ?? (flags.out?.toLowerCase().endsWith('.xlsx') ? 'xlsx' : 'csv'));
      const sort = parseSort(flags.sort);
      if (flags.out === '-' && flags.json) throw new UsageError('--json prints a summary on stdout: give --out a file');
      const rows = await withStore(command, async (store, ws) => {
        const table = await userErrors(async () => mentionTable(store, ws, { ...(await searchFilters(store, ws, query, flags)), sort, collapse: flags.collapse === true }));
        return writeTable(format, table, await openOut(flags.out!));
      });
      const summary = { file: flags.out, format, rows };
      if (flags.out === '-') process.stderr.write(`exported ${rows.toLocaleString('en')} mentions\n`);
      else output(flags, summary, (s) => `exported ${s.rows.toLocaleString('en')} mentions to ${s.file} (${s.format})`);
    });
}
