import type { Kysely } from 'kysely';
import type { StoreKind } from '../store-driver.ts';

/**
 * A schema change. Migrations get the backend kind because a few statements
 * (full-text indexes, auto-increment keys) have no portable spelling.
 */
export interface MurmurMigration {
  /** Sorts the migrations; prefix with the part's range (0xxx core, 1xxx nlp, 2xxx connectors…). */
  name: string;
  up(db: Kysely<any>, kind: StoreKind): Promise<void>;
}

/** An auto-increment integer primary key in either backend. */
export function idColumnType(kind: StoreKind) {
  return kind === 'postgres' ? ('bigserial' as const) : ('integer' as const);
}
