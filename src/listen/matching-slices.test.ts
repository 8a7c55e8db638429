import { expect, it } from 'vitest';
import type { MentionInput } from '../core/mention.ts';
import { upsertMentions } from '../store/mention-writer.ts';
import { describeEachStore } from '../store/testing.ts';
import { workspaceId } from '../store/workspaces.ts';
import { backfillTopic } from './backfill.ts';
import { WorkBudget } from './query/budget.ts';
import { matchableRow } from './query/context.ts';
import { compileQuery } from './query/matcher.ts';
import { ROW_STEPS, SLICE_STEPS, WorkSlices } from './query/work-slices.ts';
import { searchMentions } from './search.ts';
import { ShuttingDownError } from '../core/errors.ts';
import { createTopic, listTopics } from './topics.ts';

/** Nested wildcards over one long word: every row costs the matcher thousands of steps. */
const QUERY = `${'a*'.repeat(5)}b`;
const ROWS = 30;
const TEXT = 'a'.repeat(5000);

function mention(i: number): MentionInput {
  return {
    source: 'import',
    externalId: `long${i}`,
    url: null,
    author: { handle: `user${i}` },
    // One in three ends in b and matches.
    text: i % 3 === 0 ? `${TEXT}b` : TEXT,
    publishedAt: new Date(Date.UTC(2026, 0, 1) + i * 60_000),
    engagement: { likes: 0, shares: 0, replies: 0, views: null },
  } as MentionInput;
}

/** What matching every row costs, as WorkSlices counts it. */
function rowCosts(): number[] {
  const query = compileQuery(QUERY);
  return Array.from({ length: ROWS }, (_, i) => {
    const budget = new WorkBudget();
    query.matches(matchableRow({ text: mention(i).text, author_handle: `user${i}`, lang: null, source: 'import', url: null }), budget);
    return budget.spent + ROW_STEPS;
  });
}

/** Slices that record the work done between two turns of the event loop. */
function countedSlices(stepsPerSlice: number) {
  const pauses: number[] = [];
  let turns = 0;
  const slices = new WorkSlices(stepsPerSlice, async () => {
    pauses.push(turns);
    await new Promise<void>((resolve) => setImmediate(resolve));
  });
  // Counts the turns the event loop takes for others while matching goes on.
  const tick = () => {
    turns++;
    if (!stopped) setImmediate(tick);
  };
  let stopped = false;
  setImmediate(tick);
  return { slices, pauses, stop: () => (stopped = true) };
}

describeEachStore('matching many rows in slices of bounded work', (open) => {
  it('a topic backfill lets the event loop turn between slices, each at most one row beyond its step budget', async () => {
    const store = await open();
    const ws = await workspaceId(store);
    await upsertMentions(store, ws, Array.from({ length: ROWS }, (_, i) => mention(i)));
    const { topic } = await createTopic(store, ws, { name: 'Wildcards', query: QUERY }, { backfill: false });
    const costs = rowCosts();
    const perSlice = 3 * Math.max(...costs);
    const counted = countedSlices(perSlice);
    // All rows on one page: without slices, the page would be matched in one go.
    const result = await backfillTopic(store, ws, topic.id, undefined, 1000, counted.slices);
    counted.stop();
    expect(result).toMatchObject({ scanned: ROWS, matched: ROWS / 3 });
    const total = costs.reduce((a, b) => a + b, 0);
    // A slice ends once it holds perSlice steps, so it holds less than perSlice plus one row.
    expect(counted.slices.slices).toBeGreaterThanOrEqual(Math.floor(total / (perSlice + Math.max(...costs))));
    expect(counted.slices.slices).toBeLessThanOrEqual(Math.ceil(total / perSlice));
    expect(counted.pauses).toHaveLength(counted.slices.slices);
    // Other work ran between slices: the counter moved on from one pause to the next.
    expect(new Set(counted.pauses).size).toBe(counted.pauses.length);
  });

  it('a search spends its scan in slices too, and still pages the same matches', async () => {
    const store = await open();
    const ws = await workspaceId(store);
    await upsertMentions(store, ws, Array.from({ length: ROWS }, (_, i) => mention(i)));
    const costs = rowCosts();
    const counted = countedSlices(3 * Math.max(...costs));
    const page = await searchMentions(store, ws, { query: QUERY, limit: ROWS }, counted.slices);
    counted.stop();
    expect(page.mentions).toHaveLength(ROWS / 3);
    expect(counted.slices.slices).toBeGreaterThanOrEqual(Math.floor(ROWS / 4));
    expect(new Set(counted.pauses).size).toBe(counted.pauses.length);
  });

  it('a backfill stops at the first slice end after its signal aborts (a server shutting down), keeping the pages it wrote', async () => {
    const store = await open();
    const ws = await workspaceId(store);
    await upsertMentions(store, ws, Array.from({ length: ROWS }, (_, i) => mention(i)));
    const { topic } = await createTopic(store, ws, { name: 'Wildcards', query: QUERY }, { backfill: false });
    const shutdown = new AbortController();
    let pauses = 0;
    // A slice per row; SIGTERM arrives during the 4th pause.
    const slices = new WorkSlices(1, async () => {
      if (++pauses === 4) shutdown.abort(new ShuttingDownError());
      await new Promise<void>((resolve) => setImmediate(resolve));
    }, shutdown.signal);
    const pages: number[] = [];
    await expect(backfillTopic(store, ws, topic.id, (p) => pages.push(p.scanned), 3, slices)).rejects.toBeInstanceOf(ShuttingDownError);
    expect(slices.slices).toBe(4);
    // Page one (3 rows) was written; page two stopped at its first row and wrote nothing.
    expect(pages.at(-1)).toBe(3);
    const links = await store.db.selectFrom('mention_topics').select('mention_id').where('topic_id', '=', topic.id).execute();
    expect(links).toHaveLength(1);
  });

  it('a topic created while the server shuts down is removed again: the save happened whole or not at all', async () => {
    const store = await open();
    const ws = await workspaceId(store);
    // Three times the rows (the same costs again): enough work for a slice at the real slice size.
    await upsertMentions(store, ws, Array.from({ length: 3 * ROWS }, (_, i) => mention(i)));
    expect(3 * rowCosts().reduce((a, b) => a + b, 0)).toBeGreaterThan(SLICE_STEPS);
    const shutdown = new AbortController();
    shutdown.abort(new ShuttingDownError());
    await expect(createTopic(store, ws, { name: 'Wildcards', query: QUERY }, { signal: shutdown.signal })).rejects.toMatchObject({ code: 'shutting_down', status: 503 });
    expect((await listTopics(store, ws)).map((t) => t.name)).not.toContain('Wildcards');
    const links = await store.db.selectFrom('mention_topics').select('mention_id').execute();
    expect(links).toHaveLength(0);
  });
});
