/**
 * CSV out, streamed with backpressure. Safe to open in a spreadsheet: a text cell that
 * starts with = + - @ (or a tab or carriage return) is a formula to Excel, LibreOffice and
 * Sheets, so it gets a leading ' (OWASP "CSV injection"); numbers are written as numbers.
 */
import type { Writable } from 'node:stream';
import { drained } from './drain.ts';
import { finished } from 'node:stream/promises';
import type { Cell, ExportTable } from './table.ts';

/** A text cell as a spreadsheet will show it, never run it. */
export function inertText(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

export function csvCell(cell: Cell): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  if (typeof cell === 'boolean') return cell ? 'true' : 'false';
  const text = cell instanceof Date ? cell.toISOString() : inertText(cell);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const csvLine = (cells: Cell[]) => `${cells.map(csvCell).join(',')}\r\n`;

/** Writes the table and ends `out`; resolves with the number of rows once it is flushed. */
export async function writeCsv(table: ExportTable, out: Writable): Promise<number> {
  // A byte-order mark, so Excel reads the file as UTF-8 (accents, Cyrillic) rather than the local code page.
  out.write('\uFEFF');
  out.write(csvLine(table.columns));
  let rows = 0;
  for await (const row of table.rows) {
    rows++;
    if (!out.write(csvLine(row))) await drained(out);
  }
  out.end();
  await finished(out);
  return rows;
}
