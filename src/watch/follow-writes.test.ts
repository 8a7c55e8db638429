import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import type { MentionInput } from '../core/mention.ts';
import { backfillTopic } from '../listen/backfill.ts';
import { importMentions } from '../listen/import/importer.ts';
import { ingestBatch } from '../listen/pipeline.ts';
import { createTopic } from '../listen/topics.ts';
import { models } from '../nlp/models.ts';
import { reenrichMentions } from '../nlp/reenrich.ts';
import { updateMentions } from '../store/mention-writer.ts';
import type { Store } from '../store/store.ts';
import { describeEachStore } from '../store/testing.ts';
import { workspaceId } from '../store/workspaces.ts';
import { followMentionWrites } from './follow-writes.ts';

const AT = Date.UTC(2026, 2, 1, 10);

function mention(id: string, text = `acme post ${id}`): MentionInput {
  return {
    source: 'rss',
    externalId: id,
    url: null,
    author: { handle: 'alice', displayName: null, followers: null },
    text,
    publishedAt: new Date(AT),
    engagement: { likes: 0, shares: 0, replies: 0, views: null },
  };
}

/** The store followed by Watch, with the alert evaluations it ran (by workspace). */
function followed(store: Store) {
  const runs: number[] = [];
  const trigger = followMentionWrites(store, async (_store, ws) => void runs.push(ws));
  const settle = async () => {
    await store.writes.settled();
    await trigger.idle();
  };
  return { runs, settle, trigger };
}

const dir = mkdtempSync(join(tmpdir(), 'murmur-follow-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeEachStore('Watch follows every write path of mentions', (open) => {
  it('runs the alert rules after a connector batch, a push and a re-import alike (ingestBatch), not after a batch that wrote nothing', async () => {
    const store = await open();
    const ws = await workspaceId(store);
    const { runs, settle } = followed(store);
    await ingestBatch(store, ws, [mention('1'), mention('2')], { enricher: null, topics: [] });
    await settle();
    expect(runs).toEqual([ws]);
    await ingestBatch(store, ws, [], { enricher: null, topics: [] });
    await settle();
    expect(runs).toEqual([ws]);
  });

  it('an import is one write for the rules, whatever its number of batches', async () => {
    const store = await open();
    const ws = await workspaceId(store);
    const { runs, settle } = followed(store);
    const input = join(dir, `import-${Math.random().toString(36).slice(2)}.jsonl`);
    const rows = Array.from({ length: 25 }, (_, i) => JSON.stringify({ id: `r${i}`, text: `acme row ${i}`, published_at: '2026-03-01T10:00:00Z', author: 'bob' }));
    writeFileSync(input, `${rows.join('\n')}\n`);
    const summary = await importMentions(store, ws, { input, pipeline: { enricher: null, topics: [] }, batchSize: 5, workers: 0, now: AT + 86_400_000 });
    expect(summary.imported).toBe(25);
    await settle();
    expect(runs).toEqual([ws]);
  });

  it('runs them after `murmur enrich`, a topic backfill and a sentiment correction, which used to write without telling Watch', async () => {
    const store = await open();
    const ws = await workspaceId(store);
    const { ids } = await ingestBatch(store, ws, [mention('1', 'I hate waiting an hour for support'), mention('2')], { enricher: null, topics: [] });
    const { runs, settle } = followed(store);

    await reenrichMentions(store, ws, models(), { mode: 'missing' });
    await settle();
    expect(runs).toEqual([ws]);

    const topic = (await createTopic(store, ws, { name: 'Acme', query: 'acme', role: 'brand' }, { backfill: false })).topic;
    await backfillTopic(store, ws, topic.id);
    await settle();
    expect(runs).toEqual([ws, ws]);

    const changed = await updateMentions(store, ws, [{ id: ids[1]!, set: { sentiment: { label: 'negative', score: -1, probabilities: { negative: 1, neutral: 0, positive: 0 } } } }]);
    expect(changed).toBe(1);
    await settle();
    expect(runs).toEqual([ws, ws, ws]);
    // Another workspace's ids are left alone, and nothing is announced.
    expect(await updateMentions(store, ws + 1000, [{ id: ids[0]!, set: { lang: 'fr' } }])).toBe(0);
    await settle();
    expect(runs).toHaveLength(3);
  });

  it('subscribes once per store however often it is asked; settled() waits for what the listeners started', async () => {
    const store = await open();
    const ws = await workspaceId(store);
    const first = followMentionWrites(store);
    expect(followMentionWrites(store)).toBe(first);
    let finished = false;
    store.writes.subscribe(async () => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      finished = true;
    });
    await ingestBatch(store, ws, [mention('9')], { enricher: null, topics: [] });
    await store.writes.settled();
    expect(finished).toBe(true);
  });
});
