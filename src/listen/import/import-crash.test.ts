/**
 * Crash safety of `murmur import`: the real CLI is killed with SIGKILL twice while it
 * writes, then the same command runs to the end. Every row must be stored exactly
 * once, with its hashtags, on both store backends. The killed runs read their rows from
 * stdin, fed by the test and never closed: each is killed mid-import by construction,
 * however fast or slow the machine.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { describeEachStore, rawQuery } from '../../store/testing.ts';
import { MURMUR_FROM_SOURCE } from '../../cli/source-entry.ts';

// Enough for two kills mid-import (each within its first ~5,000 rows) and a rerun that adds more.
const ROWS = 10_000;
const BATCH = 250;

function writeInput(): { path: string; lines: string[]; idChecksum: string; hashtagRows: number } {
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
  return { path, lines, idChecksum: checksum(ids), hashtagRows };
}

function checksum(ids: string[]): string {
  return createHash('sha256').update([...ids].sort().join('\n')).digest('hex');
}

/** Reads the store while the CLI migrates and writes it. */
function reader(location: string) {
  const query = rawQuery(location);
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
  return spawn(process.execPath, [...MURMUR_FROM_SOURCE, '--db', location, 'import', input, '--no-enrich', '--no-progress', '--batch-size', String(BATCH), '--json'], {
    stdio: [input === '-' ? 'pipe' : 'ignore', 'pipe', 'pipe'],
  });
}

/** Imports `lines` from stdin, left open, and kills the import once `atLeast` rows are stored. */
async function killMidImport(location: string, lines: string[], store: ReturnType<typeof reader>, atLeast: number): Promise<number> {
  const child = startImport(location, '-');
  const exited = once(child, 'exit');
  child.stdin!.write(`${lines.join('\n')}\n`);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`import ended (code ${child.exitCode}) with its input still open`);
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

      const afterFirst = await killMidImport(db, input.lines.slice(0, 10 * BATCH + 17), store, 1);
      expect(afterFirst).toBeLessThan(10 * BATCH + 17);
      // Whole batches only: a transaction is committed entirely or not at all.
      expect(afterFirst % BATCH).toBe(0);
      // The second run sends the stored rows again (updates), then new ones.
      const afterSecond = await killMidImport(db, input.lines.slice(0, afterFirst + 10 * BATCH + 17), store, afterFirst + 5 * BATCH);
      expect(afterSecond).toBeLessThan(afterFirst + 10 * BATCH + 17);
      expect(afterSecond % BATCH).toBe(0);

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
