import type { Kysely } from 'kysely';
import type { ColumnTypes, StoreKind } from '../store-driver.ts';

/**
 * A schema change. Migrations get the backend kind because a few statements
 * (full-text indexes, auto-increment keys) have no portable spelling.
 */
export interface MurmurMigration {
  /** Sorts the migrations; prefix with the part's range (0xxx core, 1xxx nlp, 2xxx connectors…). */
  name: string;
  up(db: Kysely<any>, kind: StoreKind): Promise<void>;
}

const COLUMN_TYPES: Record<StoreKind, ColumnTypes> = {
  sqlite: { id: 'integer', epochMs: 'integer', bigint: 'integer' },
  postgres: { id: 'bigserial', epochMs: 'bigint', bigint: 'bigint' },
};

/**
 * The column types whose spelling differs between the backends. New migrations use it
 * instead of asking `kind === 'postgres' ? … : …`:
 *   const t = columnTypes(kind);  .addColumn('id', t.id, (c) => c.primaryKey())  .addColumn('at', t.epochMs)
 */
export function columnTypes(kind: StoreKind): ColumnTypes {
  return COLUMN_TYPES[kind];
}

/** An auto-increment integer primary key in either backend (`columnTypes(kind).id`). */
export function idColumnType(kind: StoreKind) {
  return columnTypes(kind).id;
}
