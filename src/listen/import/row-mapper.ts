/**
 * One parsed row of an export (a JSON object, or a CSV record keyed by header) →
 * a MentionInput, or the Problem that rejects the row. Pure: no I/O, no clock
 * except the `now` it is given. The rules are those of every mention (mention-rules.ts);
 * this only finds each field in the row's mapped columns.
 */
import type { MentionInput } from '../../core/mention.ts';
import { buildMention, type FoundValue, type MentionFields } from '../mention-rules.ts';
import { readColumn, type ColumnMapping, type MappableField } from './column-mapping.ts';
import { Problem, isBlank } from './values.ts';

export { derivedExternalId } from '../mention-rules.ts';

export interface RowMapperOptions {
  mapping: ColumnMapping;
  /** Source name for rows without a mapped source column. */
  source: string;
  /** "Now" for the future-date check; fixed for the whole import. */
  now: number;
}

export type RowMapper = (row: unknown) => MentionInput | Problem;

/** Reads the fields of one row at a time from its mapped columns; one per mapper, so no closure is made per row. */
class ColumnReader implements MentionFields {
  record: Record<string, unknown> = {};

  constructor(private readonly mapping: ColumnMapping) {}

  /** The first candidate column with a scalar value; objects are skipped (`author` may be `{handle…}`). */
  read(field: MappableField): FoundValue | undefined {
    for (const column of this.mapping[field]) {
      const value = readColumn(this.record, column);
      if (isBlank(value) || (typeof value === 'object' && value !== null)) continue;
      return { value, label: column === field ? field : `${field} (column "${column}")` };
    }
    return undefined;
  }

  missing(field: MappableField): Problem {
    return new Problem(`missing ${field}: no value in ${this.mapping[field].map((c) => `"${c}"`).join(', ')} (choose one with --map ${field}=COLUMN)`);
  }
}

export function createRowMapper(options: RowMapperOptions): RowMapper {
  const rules = { source: options.source, now: options.now, deriveId: true };
  const reader = new ColumnReader(options.mapping);
  return (row) => {
    if (typeof row !== 'object' || row === null || Array.isArray(row)) {
      return new Problem(`row is not an object: ${Array.isArray(row) ? 'an array' : row === null ? 'null' : typeof row}`);
    }
    reader.record = row as Record<string, unknown>;
    return buildMention(reader, rules);
  };
}
