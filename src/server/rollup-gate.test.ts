import { beforeAll, expect, it } from 'vitest';
import type { MentionInput } from '../core/mention.ts';
import { ingestBatch } from '../listen/pipeline.ts';
import { createTopic } from '../listen/topics.ts';
import type { Store } from '../store/store.ts';
import { describeEachStore } from '../store/testing.ts';
import { workspaceId } from '../store/workspaces.ts';
import { loadQuarterRows } from '../watch/read/index.ts';
import { refreshRollup } from '../watch/rollup.ts';
import { RollupGate } from './rollup-gate.ts';

const START = Date.UTC(2026, 2, 1);

function mentions(prefix: string, count: number): MentionInput[] {
  return Array.from({ length: count }, (_, i) => ({
    source: 'rss',
    externalId: `${prefix}${i}`,
    url: null,
    author: { handle: `author${i}`, displayName: null, followers: null },
    text: `acme post ${prefix}${i}`,
    publishedAt: new Date(START + i * 3_600_000),
    engagement: { likes: 0, shares: 0, replies: 0, views: null },
  }));
}

/** A refresh held until the test lets it go: "an import is being caught up with" without timing. */
function heldRefresh() {
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  let calls = 0;
  const refresh: typeof refreshRollup = async (store, ws) => {
    calls++;
    await held;
    return refreshRollup(store, ws);
  };
  return { refresh, release, calls: () => calls };
}

describeEachStore('rollup gate: reads never queue behind a refresh', (open) => {
  let store: Store;
  let ws: number;
  let topic: number;
  const ingest = (batch: MentionInput[]) =>
    ingestBatch(store, ws, batch, { enricher: null, topics: [{ topicId: topic, matches: (m) => m.text.includes('acme') }] });
  const total = async (gate: RollupGate) => {
    const rows = await gate.read(() => loadQuarterRows(store, ws, { topicIds: [topic], interval: { from: START, to: START + 90 * 86_400_000 } }));
    return rows.reduce((sum, r) => sum + r.mentions, 0);
  };

  beforeAll(async () => {
    store = await open();
    ws = await workspaceId(store);
    topic = (await createTopic(store, ws, { name: 'Acme', query: 'acme', role: 'brand' })).topic.id;
  });

  it('waits for the first build (nothing to read before it), then answers from the last consistent rollup while a refresh runs', async () => {
    await ingest(mentions('a', 10));
    const first = heldRefresh();
    const gate = new RollupGate(store, first.refresh);
    const building = gate.refresh(ws);
    let second = false;
    const riding = gate.refresh(ws).then((w) => ((second = true), w));
    await Promise.resolve();
    // Nothing built yet: the second request rides on the first refresh instead of starting its own.
    expect(second).toBe(false);
    first.release();
    const built = await building;
    expect(await riding).toBe(built);
    expect(first.calls()).toBe(1);
    expect(await total(gate)).toBe(10);

    // An import goes on: a refresh starts and is held; a reader meanwhile answers at once from the last rollup.
    await ingest(mentions('b', 5));
    const held = heldRefresh();
    const busyGate = new RollupGate(store, held.refresh);
    const catchingUp = busyGate.refresh(ws);
    expect(await busyGate.refresh(ws)).toBe(built);
    expect(await total(busyGate)).toBe(10);
    expect(held.calls()).toBe(1);
    held.release();
    const caughtUp = await catchingUp;
    expect(caughtUp).toBeGreaterThan(built!);
    expect(await total(busyGate)).toBe(15);
  });

  it('refreshes when none is running, so the next answer after a write counts it', async () => {
    const gate = new RollupGate(store);
    const before = await gate.refresh(ws);
    await ingest(mentions('c', 3));
    expect(await gate.refresh(ws)).toBeGreaterThan(before!);
    expect(await total(gate)).toBe(18);
  });

  it('does not let the loaders refresh inside a read (one answer must not chase the writes)', async () => {
    const gate = new RollupGate(store);
    await gate.refresh(ws);
    await ingest(mentions('d', 2));
    expect(await total(gate)).toBe(18);
    await gate.refresh(ws);
    expect(await total(gate)).toBe(20);
  });
});
