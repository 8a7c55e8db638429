/**
 * Shared by the migrations that encrypt secrets stored in clear by older versions: each
 * plaintext value of a column is sealed with MURMUR_SECRET_KEY, as connector tokens are.
 * Without the key the values are left as they are (they stay readable, and are sealed
 * when next saved): a migration cannot invent the key.
 */
import type { Kysely } from 'kysely';
import { log } from '../../core/log.ts';
import { isSealed, parseSecretKey, SECRET_KEY_ENV, sealSecret } from '../../listen/connectors/secret-box.ts';

export interface PlaintextColumn {
  table: string;
  /** The row's key column(s), to update one row. */
  key: string;
  column: string;
  /** The AAD binding a value to its owner, from the row (as the code that reads it computes it). */
  aad(row: Record<string, unknown>): string;
}

export async function sealPlaintextColumn(db: Kysely<any>, target: PlaintextColumn, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const rows = (await db.selectFrom(target.table).selectAll().execute()) as Record<string, unknown>[];
  const plain = rows.filter((r) => typeof r[target.column] === 'string' && !isSealed(r[target.column] as string));
  if (plain.length === 0) return 0;
  if (!env[SECRET_KEY_ENV]) {
    log.warn({ table: target.table, rows: plain.length }, `${SECRET_KEY_ENV} is not set: secrets stored in clear by an older version stay so until saved again`);
    return 0;
  }
  const key = parseSecretKey(env[SECRET_KEY_ENV]);
  for (const row of plain) {
    await db
      .updateTable(target.table)
      .set({ [target.column]: sealSecret(row[target.column] as string, key, target.aad(row)) })
      .where(target.key, '=', row[target.key])
      .where(target.column, '=', row[target.column])
      .execute();
  }
  return plain.length;
}
