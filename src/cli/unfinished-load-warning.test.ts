import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, expect, it } from 'vitest';
import { openStore } from '../store/store.ts';
import { markLoadFinished, markLoadStarted } from '../store/unfinished-loads.ts';
import { workspaceId } from '../store/workspaces.ts';
import { runMurmur as murmur } from './cli-testing.ts';

const dir = mkdtempSync(join(tmpdir(), 'murmur-cli-unfinished-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => {
  process.exitCode = undefined;
});

it('warns in one line on stderr, --json output intact, while the store holds a half-built demo', async () => {
  const db = join(dir, 'half.db');
  const store = await openStore(db);
  const ws = await workspaceId(store);
  await markLoadStarted(store, ws, 'demo', 'murmur demo', Date.UTC(2026, 11, 6, 5, 30));
  await store.close();

  const marked = await murmur('--db', db, 'topics', 'list', '--json');
  expect(marked.code).toBe(0);
  expect(JSON.parse(marked.stdout)).toEqual([]);
  const lines = marked.stderr.trim().split('\n');
  expect(lines).toEqual(['warning: the demo loaded into this store (started 2026-12-06 05:30 UTC) did not finish: its data is incomplete; run `murmur demo` again']);

  const again = await openStore(db);
  await markLoadFinished(again, ws, 'demo');
  await again.close();
  expect((await murmur('--db', db, 'topics', 'list', '--json')).stderr).toBe('');
});
