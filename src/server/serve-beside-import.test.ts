/**
 * `murmur serve` beside a writer in another process (an import): the server's rollup
 * refreshes take the write lock only for short transactions, never wait for it on the
 * thread that answers, and never make the import fail.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MURMUR_FROM_SOURCE } from '../cli/source-entry.ts';
import { until } from '../core/until-testing.ts';
import { ingestBatch } from '../listen/pipeline.ts';
import { createTopic } from '../listen/topics.ts';
import { openStore } from '../store/store.ts';
import { describeEachStore, holdSqliteWriteLock, testStoreFactory } from '../store/testing.ts';
import { loadQuarterRows } from '../watch/read/index.ts';
import { readFresh, refreshRollup, rollupWatermark } from '../watch/rollup.ts';
import { workspaceId } from '../store/workspaces.ts';
import type { MentionInput } from '../core/mention.ts';
import { RollupGate } from './rollup-gate.ts';
import { DAY } from '../watch/time.ts';
import { createTestApi } from './testing.ts';

const START = Date.UTC(2026, 2, 1);
const base = '/api/v1/workspaces/acme';

function importFile(rows: number, days: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'murmur-beside-'));
  const file = join(dir, 'rows.jsonl');
  const lines = Array.from({ length: rows }, (_, i) =>
    JSON.stringify({ id: `imp-${i}`, text: `acme order ${i} arrived`, published_at: new Date(START + Math.floor((i / rows) * days * DAY)).toISOString(), author: `buyer${i % 50}` }),
  );
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

/** `count` mentions an hour apart from START. */
function rssMentions(prefix: string, count: number): MentionInput[] {
  return Array.from({ length: count }, (_, i) => ({
    source: 'rss',
    externalId: `${prefix}${i}`,
    url: null,
    author: { handle: `a${i}`, displayName: null, followers: null },
    text: `acme ${prefix}${i}`,
    publishedAt: new Date(START + i * 3_600_000),
    engagement: { likes: 0, shares: 0, replies: 0, views: null },
  }));
}

describe('rollup refresh beside another process holding the write lock [sqlite]', () => {
  const factory = testStoreFactory('sqlite');
  afterAll(factory.cleanup);

  it('gives the thread back while it waits: /healthz is answered before the refresh ends, which ends once the lock is gone', async () => {
    const location = await factory.location();
    const store = await openStore(location);
    const api = await createTestApi(store);
    try {
      const ws = api.workspaces.acme;
      const topic = (await createTopic(store, ws, { name: 'Acme', query: 'acme' })).topic.id;
      await ingestBatch(store, ws, rssMentions('m', 40), { enricher: null, topics: [{ topicId: topic, matches: () => true }] });
      const release = holdSqliteWriteLock(location);
      let refused = 0;
      let ended = false;
      // Not through the rollup gate: as an alert evaluation after a push would (readFresh).
      const refreshing = refreshRollup(store, ws, { onBusy: () => refused++ }).finally(() => (ended = true));
      try {
        // Before: the first write waited inside SQLite for the busy timeout (10 s), holding the thread, then failed.
        await Promise.race([until(() => refused > 0), refreshing]);
        expect(refused).toBeGreaterThan(0);
        for (let probe = 0; probe < 5; probe++) expect((await api.as('anonymous').get('/healthz')).statusCode).toBe(200);
        expect(ended).toBe(false);
      } finally {
        release();
      }
      const result = await refreshing;
      expect(result.full).toBe(true);
      const rows = await readFresh(store, ws, () => loadQuarterRows(store, ws, { topicIds: [topic], interval: { from: START, to: START + 3 * DAY } }));
      expect(rows.reduce((sum, r) => sum + r.mentions, 0)).toBe(40);
    } finally {
      await api.app.close();
      await store.close();
    }
  });

  it('answers from the last consistent rollup once the refresh meets the lock, and the refresh finishes by itself once the lock is gone', async () => {
    const location = await factory.location();
    const store = await openStore(location);
    const gate = new RollupGate(store);
    try {
      const ws = await workspaceId(store);
      const topic = (await createTopic(store, ws, { name: 'Acme', query: 'acme' })).topic.id;
      const topics = [{ topicId: topic, matches: () => true }];
      await ingestBatch(store, ws, rssMentions('a', 10), { enricher: null, topics });
      const built = await gate.refresh(ws);
      await ingestBatch(store, ws, rssMentions('b', 5), { enricher: null, topics });
      const release = holdSqliteWriteLock(location);
      try {
        // Before: the same answer, but the refresh had failed and nothing caught up until the next request.
        expect(await gate.refresh(ws)).toBe(built);
      } finally {
        release();
      }
      await until(async () => ((await rollupWatermark(store, ws)) ?? 0) > built!, 60_000);
      const rows = await gate.read(() => loadQuarterRows(store, ws, { topicIds: [topic], interval: { from: START, to: START + 3 * DAY } }));
      expect(rows.reduce((sum, r) => sum + r.mentions, 0)).toBe(15);
    } finally {
      await gate.close();
      await store.close();
    }
  });
});

describeEachStore('murmur import in another process beside a served store', (_open, location) => {
  it('finishes without "database is locked" while viewers keep asking for the overview, whose rollup then counts every row', async () => {
    const where = await location();
    const store = await openStore(where);
    const api = await createTestApi(store);
    const file = importFile(1500, 20);
    try {
      const ws = api.workspaces.acme;
      await createTopic(store, ws, { name: 'Acme', query: 'acme' });
      // Small batches: many commits for the server's refreshes to interleave with.
      const child = spawn(process.execPath, [...MURMUR_FROM_SOURCE, '--db', where, '-w', 'acme', 'import', file, '--no-enrich', '--no-progress', '--batch-size', '50'], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const exited = once(child, 'exit');
      let answered = 0;
      for (let day = 0; child.exitCode === null; day++) {
        const date = new Date(START + (day % 20) * DAY).toISOString().slice(0, 10);
        const response = await api.as('viewer').get(`${base}/watch/overview?topic=Acme&date=${date}&tz=UTC`);
        expect(response.statusCode).toBe(200);
        answered++;
      }
      const [code] = (await exited) as [number | null];
      expect(stderr).not.toMatch(/locked|busy/i);
      expect(code).toBe(0);
      expect(answered).toBeGreaterThan(0);
      const topic = (await store.db.selectFrom('topics').select('id').where('workspace_id', '=', ws).executeTakeFirstOrThrow()).id;
      const rows = await readFresh(store, ws, () => loadQuarterRows(store, ws, { topicIds: [topic], interval: { from: START, to: START + 21 * DAY } }));
      expect(rows.reduce((sum, r) => sum + r.mentions, 0)).toBe(1500);
    } finally {
      await api.app.close();
      await store.close();
      rmSync(join(file, '..'), { recursive: true, force: true });
    }
  });
});
