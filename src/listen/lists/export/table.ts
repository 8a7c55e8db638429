/**
 * A list to export, whatever it holds (mentions, advocates, spikes, calendar items): a
 * header and rows read one at a time, so a writer never holds the whole list.
 */
export type Cell = string | number | boolean | Date | null | undefined;

export interface ExportTable {
  /** The sheet's name in a workbook. */
  name: string;
  columns: string[];
  rows: AsyncIterable<Cell[]> | Iterable<Cell[]>;
}

export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/**
 * Rows of plain objects as a table: nested objects become dotted columns (`author.handle`),
 * arrays and what is left JSON text. The columns are those of the first `sample` rows, so
 * lists whose items share a shape (every list the API answers) keep every field.
 */
export function objectTable(name: string, items: readonly unknown[]): ExportTable {
  const flat = items.map((item) => flatten(item));
  const columns: string[] = [];
  const seen = new Set<string>();
  for (const row of flat) {
    for (const key of Object.keys(row)) {
      if (!seen.has(key)) {
        seen.add(key);
        columns.push(key);
      }
    }
  }
  return { name, columns, rows: flat.map((row) => columns.map((c) => row[c])) };
}

function flatten(value: unknown, prefix = '', into: Record<string, Cell> = {}): Record<string, Cell> {
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date)) {
    for (const [key, inner] of Object.entries(value)) flatten(inner, prefix ? `${prefix}.${key}` : key, into);
  } else if (Array.isArray(value)) {
    into[prefix || 'value'] = JSON.stringify(value);
  } else {
    into[prefix || 'value'] = value as Cell;
  }
  return into;
}

/**
 * One or more named lists of objects as one table: a single list as it is; several (an
 * answer's advocates and detractors) one after the other, with a `list` column naming each.
 */
export function listsTable(name: string, lists: readonly (readonly [string, unknown])[]): ExportTable {
  const items = (value: unknown) => (Array.isArray(value) ? value : []);
  if (lists.length === 1) return objectTable(lists[0]![0], items(lists[0]![1]));
  return objectTable(name, lists.flatMap(([list, value]) => items(value).map((item) => ({ list, ...(item as object) }))));
}
