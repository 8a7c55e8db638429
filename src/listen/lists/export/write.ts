import type { Writable } from 'node:stream';
import { writeCsv } from './csv.ts';
import type { ExportFormat, ExportTable } from './table.ts';

/**
 * Writes the table in the format asked; resolves with the number of rows written. exceljs
 * (a large CommonJS tree) loads only when an XLSX is written, not with every command that
 * can export.
 */
export async function writeTable(format: ExportFormat, table: ExportTable, out: Writable): Promise<number> {
  if (format === 'csv') return writeCsv(table, out);
  const { writeXlsx } = await import('./xlsx.ts');
  return writeXlsx(table, out);
}
