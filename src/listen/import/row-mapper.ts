/**
 * One parsed row of an export (a JSON object, or a CSV record keyed by header) →
 * a MentionInput, or the Problem that rejects the row. Pure: no I/O, no clock
 * except the `now` it is given. The rules are those of every mention (mention-rules.ts);
 * this only finds each field in the row's mapped columns.
 */
import type { MentionInput } from '../../core/mention.ts';
import { buildMention, present, type FoundValue, type MentionFields } from '../mention-rules.ts';
import { readColumn, type ColumnMapping, type MappableField } from './column-mapping.ts';
import { Problem } from './values.ts';

export { derivedExternalId } from '../mention-rules.ts';

export interface RowMapperOptions {
  mapping: ColumnMapping;
  /** Source name for rows without a mapped source column. */
  source: string;
  /** "Now" for the future-date check; fixed for the whole import. */
  now: number;
}

export type RowMapper = (row: unknown) => MentionInput | Problem;

export function createRowMapper(options: RowMapperOptions): RowMapper {
  const { mapping } = options;
  const rules = { source: options.source, now: options.now, deriveId: true };

  /** The first candidate column with a scalar value; objects are skipped (`author` may be `{handle…}`). */
  const find = (row: Record<string, unknown>, field: MappableField): FoundValue | undefined => {
    for (const column of mapping[field]) {
      const found = present(readColumn(row, column), column === field ? field : `${field} (column "${column}")`);
      if (found) return found;
    }
    return undefined;
  };
  const missing = (field: MappableField) =>
    new Problem(`missing ${field}: no value in ${mapping[field].map((c) => `"${c}"`).join(', ')} (choose one with --map ${field}=COLUMN)`);

  return (row) => {
    if (typeof row !== 'object' || row === null || Array.isArray(row)) {
      return new Problem(`row is not an object: ${Array.isArray(row) ? 'an array' : row === null ? 'null' : typeof row}`);
    }
    const record = row as Record<string, unknown>;
    const fields: MentionFields = { read: (field) => find(record, field), missing };
    return buildMention(fields, rules);
  };
}
