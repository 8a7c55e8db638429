import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { runDemo } from '../demo/demo.ts';
import { importMentions } from '../listen/import/importer.ts';
import { countMentions } from './mentions.ts';
import { openStore, type Store } from './store.ts';
import { describeEachStore } from './testing.ts';
import { describeUnfinishedLoad, unfinishedLoads } from './unfinished-loads.ts';
import { workspaceId } from './workspaces.ts';

const dir = mkdtempSync(join(tmpdir(), 'murmur-unfinished-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function jsonl(name: string, from: number, count: number): string {
  const path = join(dir, name);
  const rows = Array.from({ length: count }, (_, i) => JSON.stringify({ id: String(from + i), text: `post ${from + i}`, published_at: '2026-02-01T00:00:00Z', author: 'ann' }));
  writeFileSync(path, `${rows.join('\n')}\n`);
  return path;
}

/** The import, killed (an exception out of the progress callback) once `after` rows are stored. */
async function importKilledAfter(store: Store, ws: number, input: string, after: number) {
  const killed = new Error('killed');
  const run = importMentions(store, ws, {
    input,
    batchSize: 2,
    rejectsPath: join(dir, 'rejects.jsonl'),
    pipeline: { enricher: null, topics: [] },
    onProgress: (p) => {
      if (p.imported >= after) throw killed;
    },
  });
  await expect(run).rejects.toBe(killed);
}

const importWhole = (store: Store, ws: number, input: string) =>
  importMentions(store, ws, { input, batchSize: 2, rejectsPath: join(dir, 'rejects.jsonl'), pipeline: { enricher: null, topics: [] } });

describeEachStore('unfinished loads', (open, freshLocation) => {
  it('marks a first import killed half-way until an import runs to the end', async () => {
    const store = await open();
    const ws = await workspaceId(store);
    const file = jsonl('first.jsonl', 0, 8);
    await importKilledAfter(store, ws, file, 2);
    expect(await countMentions(store, ws)).toBeGreaterThan(0);
    const [load] = await unfinishedLoads(store, ws);
    expect(load).toMatchObject({ kind: 'import', detail: file });
    expect(describeUnfinishedLoad(load!)).toMatch(/^the first import into this workspace \(.*first\.jsonl, started .* UTC\) did not finish: its data is incomplete; run the import again/);

    await importWhole(store, ws, file);
    expect(await unfinishedLoads(store, ws)).toEqual([]);
    expect(await countMentions(store, ws)).toBe(8);

    // A later import into a workspace that is whole adds to it: killed, it marks nothing.
    await importKilledAfter(store, ws, jsonl('more.jsonl', 100, 8), 2);
    expect(await unfinishedLoads(store, ws)).toEqual([]);
  });

  it('marks a demo killed half-way; running the demo again (no --force needed) clears it', async () => {
    const location = await freshLocation();
    const killed = new Error('killed');
    await expect(
      runDemo({
        location,
        scale: 0.01,
        // Killed once the first batch is stored.
        onProgress: () => {
          throw killed;
        },
      }),
    ).rejects.toBe(killed);
    let store = await openStore(location);
    let ws = await workspaceId(store);
    expect((await unfinishedLoads(store, ws)).map((l) => l.kind)).toEqual(['demo']);
    await store.close();

    await runDemo({ location, scale: 0.01 });
    store = await openStore(location);
    ws = await workspaceId(store);
    expect(await unfinishedLoads(store, ws)).toEqual([]);
    await store.close();
  }, 90_000);
});
