/**
 * XLSX out through exceljs's streaming WorkbookWriter: each row is committed (written to
 * the zip) as it comes and never kept, and strings are written inline rather than into a
 * shared-strings table (which would hold every distinct text until the end), so memory
 * stays flat whatever the row count. Strings are text cells, never formulas.
 */
import type { Writable } from 'node:stream';
import { drained } from './drain.ts';
import { finished } from 'node:stream/promises';
import ExcelJS from 'exceljs';
import type { ExportTable } from './table.ts';

/** Excel's limit for one cell's text. */
const MAX_CELL_CHARS = 32_767;
/** Excel's row limit per sheet (header included). */
export const MAX_SHEET_ROWS = 1_048_576;

/** `sheetRows`: rows per sheet, header included (Excel's limit; lower only to test the spill). */
export async function writeXlsx(table: ExportTable, out: Writable, sheetRows = MAX_SHEET_ROWS): Promise<number> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: true });
  let sheetIndex = 0;
  let sheet = addSheet(workbook, table, sheetIndex);
  let inSheet = 0;
  let rows = 0;
  for await (const row of table.rows) {
    // Past Excel's row limit the list goes on in another sheet rather than being cut.
    if (inSheet === sheetRows - 1) {
      sheet.commit();
      sheet = addSheet(workbook, table, ++sheetIndex);
      inSheet = 0;
    }
    sheet.addRow(row.map((cell) => (typeof cell === 'string' && cell.length > MAX_CELL_CHARS ? cell.slice(0, MAX_CELL_CHARS) : cell))).commit();
    inSheet++;
    rows++;
    // The zip writes into `out` as it goes: wait when the reader is behind, and when the
    // compressor is (see below).
    if (out.writableNeedDrain) await drained(out);
    const compressing = sheetSink(sheet);
    if (compressing) await drained(compressing);
  }
  sheet.commit();
  // The workbook ends `out` once the zip is complete.
  await workbook.commit();
  await finished(out);
  return rows;
}

/**
 * Where a sheet's rows go before the zip: exceljs's sheet stream (StreamBuf, batch mode)
 * writes into the zip's input without waiting for it, so rows made faster than they are
 * deflated pile up there (1M rows: ~1 GB of RSS). Waiting for that stream's 'drain' keeps
 * memory flat (`npm run bench:export`). These are exceljs 4 internals (`stream.pipes`, a
 * readable-stream PassThrough whose `_writableState` says when it is full): when they are
 * absent, nothing waits.
 */
interface Sink {
  once(event: string, listener: () => void): unknown;
  off(event: string, listener: () => void): unknown;
  writableNeedDrain?: boolean;
  _writableState?: { needDrain?: boolean };
}

function sheetSink(sheet: object): Writable | undefined {
  const sink = (sheet as { stream?: { pipes?: Sink[] } }).stream?.pipes?.[0];
  if (!sink || typeof sink.once !== 'function') return undefined;
  const full = sink.writableNeedDrain ?? sink._writableState?.needDrain ?? false;
  return full ? (sink as unknown as Writable) : undefined;
}

function addSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, table: ExportTable, index: number) {
  const sheet = workbook.addWorksheet(index === 0 ? table.name : `${table.name} ${index + 1}`, { views: [{ state: 'frozen', ySplit: 1 }] });
  const header = sheet.addRow(table.columns);
  header.font = { bold: true };
  header.commit();
  return sheet;
}
