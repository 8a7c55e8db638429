/**
 * Crash safety of `murmur import`: the real CLI is killed with SIGKILL twice while it
 * writes, then the same command runs to the end. Every row must be stored exactly
 * once, with its hashtags, on both store backends.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { expect, it } from 'vitest';
import { describeEachStore } from '../../store/testing.ts';

const ROWS = 40_000;
const BATCH = 250;
const root = join(import.meta.dirname, '..', '..', '..');

function writeInput(): { path: string; idChecksum: string; hashtagRows: number } {
  const lines: string[] = [];
  const ids: string[] = [];
  let hashtagRows = 0;
  for (let i = 0; i < ROWS; i++) {
    const id = `crash-${i}`;
    const tagged = i % 3 === 0;
    if (tagged) hashtagRows += 2;
    ids.push(id);
    lines.push(JSON.stringify({ id, text: `Post ${i} on the new menu${tagged ? ' #brewly #latte' : ''}`, created_at: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(), author: `u${i % 500}` }));
  }
  const path = join(mkdtempSync(join(tmpdir(), 'murmur-crash-')), 'big.jsonl');
  writeFileSync(path, `${lines.join('\n')}\n`);
  return { path, idChecksum: checksum(ids), hashtagRows };
}

function checksum(ids: string[]): string {
  return createHash('sha256').update([...ids].sort().join('\n')).digest('hex');
}

/** Reads the store without Kysely's migrator, so it can poll while the CLI migrates and writes. */
function reader(location: string) {
  const query = async (sql: string): Promise<Record<string, unknown>[]> => {
    if (location.startsWith('postgres')) {
      const client = new pg.Client({ connectionString: location });
      await client.connect();
      try {
        return (await client.query(sql)).rows as Record<string, unknown>[];
      } finally {
        await client.end();
      }
    }
    const db = new BetterSqlite3(location, { readonly: true, fileMustExist: true });
    try {
      return db.prepare(sql).all() as Record<string, unknown>[];
    } finally {
      db.close();
    }
  };
  return {
    query,
    async count(): Promise<number> {
      try {
        return Number((await query('select count(*) as n from mentions'))[0]!.n);
      } catch {
        return 0; // not created or not migrated yet
      }
    },
  };
}

function startImport(location: string, input: string): ChildProcess {
  return spawn(process.execPath, [join(root, 'bin', 'murmur.js'), '--db', location, 'import', input, '--no-enrich', '--no-progress', '--batch-size', String(BATCH), '--json'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

async function killWhenStored(child: ChildProcess, store: ReturnType<typeof reader>, atLeast: number): Promise<number> {
  const exited = once(child, 'exit');
  for (;;) {
    if (child.exitCode !== null) throw new Error(`import ended (code ${child.exitCode}) before it could be killed; raise ROWS`);
    const n = await store.count();
    if (n >= atLeast) break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  child.kill('SIGKILL');
  const [code, signal] = (await exited) as [number | null, string | null];
  expect(signal).toBe('SIGKILL');
  expect(code).toBeNull();
  return store.count();
}

describeEachStore('import survives kill -9', (_open, location) => {
  it(
    'stores every row exactly once after two crashes and a rerun',
    async () => {
      const db = await location();
      const input = writeInput();
      const store = reader(db);

      const afterFirst = await killWhenStored(startImport(db, input.path), store, 1);
      expect(afterFirst).toBeLessThan(ROWS);
      // Whole batches only: a transaction is committed entirely or not at all.
      expect(afterFirst % BATCH).toBe(0);
      const afterSecond = await killWhenStored(startImport(db, input.path), store, afterFirst + 5 * BATCH);
      expect(afterSecond).toBeLessThan(ROWS);

      const final = startImport(db, input.path);
      let stdout = '';
      final.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      const [code] = (await once(final, 'exit')) as [number];
      expect(code).toBe(0);
      const summary = JSON.parse(stdout) as { imported: number; updated: number; rejected: number };
      expect(summary.imported + summary.updated).toBe(ROWS);
      expect(summary.updated).toBe(afterSecond);
      expect(summary.rejected).toBe(0);

      const ids = (await store.query('select external_id from mentions')).map((r) => String(r.external_id));
      expect(ids).toHaveLength(ROWS);
      expect(checksum(ids)).toBe(input.idChecksum);
      const tags = await store.query('select count(*) as n from mention_hashtags');
      expect(Number(tags[0]!.n)).toBe(input.hashtagRows);
    },
    180_000,
  );
});
