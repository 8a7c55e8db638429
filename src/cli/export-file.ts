/**
 * `--export FILE` of the CLI's list commands (advocates, spikes, calendar, inbox list): the
 * list the command would print, as CSV or XLSX by the file's extension, the same rows as the
 * API's `/export/:list` and `/inbox/export` (src/listen/lists/export/).
 */
import { createWriteStream } from 'node:fs';
import { listsTable, type ExportTable } from '../listen/lists/export/table.ts';
import { writeTable } from '../listen/lists/export/write.ts';
import { UsageError } from './errors.ts';

export const EXPORT_OPTION = ['--export <file>', 'write the list to a .csv or .xlsx file instead of printing it'] as const;

export async function exportToFile(file: string, name: string, lists: readonly (readonly [string, unknown])[]): Promise<string> {
  return exportTableToFile(file, () => listsTable(name, lists));
}

/** Writes the table `makeTable` gives; made first, so input it refuses leaves no file behind. */
export async function exportTableToFile(file: string, makeTable: () => ExportTable | Promise<ExportTable>): Promise<string> {
  const format = /\.xlsx$/i.test(file) ? 'xlsx' : /\.csv$/i.test(file) ? 'csv' : null;
  if (!format) throw new UsageError(`--export needs a file ending in .csv or .xlsx, got "${file}"`);
  const table = await makeTable();
  const out = createWriteStream(file);
  await new Promise<void>((resolve, reject) => out.once('open', () => resolve()).once('error', reject)).catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(`cannot write ${file}: ${error.code === 'ENOENT' ? 'no such directory' : error.message}`);
  });
  const rows = await writeTable(format, table, out);
  return `exported ${rows.toLocaleString('en')} rows to ${file} (${format})`;
}
