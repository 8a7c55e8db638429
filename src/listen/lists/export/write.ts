import type { Writable } from 'node:stream';
import { writeCsv } from './csv.ts';
import { type ExportFormat, type ExportTable } from './table.ts';
import { writeXlsx } from './xlsx.ts';

/** Writes the table in the format asked; resolves with the number of rows written. */
export function writeTable(format: ExportFormat, table: ExportTable, out: Writable): Promise<number> {
  return format === 'csv' ? writeCsv(table, out) : writeXlsx(table, out);
}
