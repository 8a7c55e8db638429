import BetterSqlite3 from 'better-sqlite3';
import { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { SqliteDialect } from 'kysely';
import { StatementCache } from './sqlite-driver.ts';

function cacheWithRows(size?: number) {
  const database = new BetterSqlite3(':memory:');
  database.exec('create table t (n integer)');
  database.exec('insert into t values (1), (2), (3)');
  return new StatementCache(database, size);
}

describe('StatementCache', () => {
  it('hands back the prepared statement for a SQL text it has seen', () => {
    const cache = cacheWithRows();
    const first = cache.prepare('select n from t');
    expect(cache.prepare('select n from t')).toBe(first);
    expect(cache.prepare('select n from t where n > ?')).not.toBe(first);
    expect(cache.cached).toBe(2);
  });

  it('keeps at most `size` statements, dropping the least recently used', () => {
    const cache = cacheWithRows(2);
    const a = cache.prepare('select 1');
    cache.prepare('select 2');
    expect(cache.prepare('select 1')).toBe(a); // now the most recent
    cache.prepare('select 3'); // drops "select 2"
    expect(cache.cached).toBe(2);
    expect(cache.prepare('select 1')).toBe(a);
  });

  it('gives a fresh statement while the cached one is still being iterated', () => {
    const cache = cacheWithRows();
    const streaming = cache.prepare('select n from t order by n');
    const rows = streaming.iterate([]);
    expect(rows.next().value).toEqual({ n: 1 });
    const again = cache.prepare('select n from t order by n');
    expect(again).not.toBe(streaming);
    expect(again.all([])).toHaveLength(3);
    expect([...rows]).toEqual([{ n: 2 }, { n: 3 }]);
  });

  it('serves Kysely, streams included', async () => {
    const cache = cacheWithRows();
    const db = new Kysely<{ t: { n: number } }>({ dialect: new SqliteDialect({ database: cache }) });
    // (Kysely's one SQLite connection is held by a stream: no query can run inside the loop.)
    const seen: number[] = [];
    for await (const row of db.selectFrom('t').select('n').orderBy('n').stream()) seen.push(row.n);
    expect(seen).toEqual([1, 2, 3]);
    expect(await db.selectFrom('t').select('n').orderBy('n').execute()).toHaveLength(3);
    expect(await db.selectFrom('t').select('n').where('n', '=', 2).execute()).toEqual([{ n: 2 }]);
    await db.destroy();
  });
});
