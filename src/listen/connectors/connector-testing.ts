/**
 * Test support shared by the connector suites: a fixed secrets key, a controllable
 * clock, and readers for what a poll left in the store.
 */
import { randomBytes } from 'node:crypto';
import type { Store } from '../../store/store.ts';
import type { Pipeline } from '../pipeline.ts';
import { runSourceOnce, type PollOptions, type PollSummary } from '../scheduler/run-source.ts';
import { addSource, getSourceRow, type SourceInput } from '../sources.ts';

export const TEST_KEY = randomBytes(32);
export const EMPTY_PIPELINE: Pipeline = { enricher: null, topics: [] };

/** A clock tests move by hand. */
export function testClock(start = Date.parse('2026-11-22T12:00:00Z')) {
  let time = start;
  return {
    now: () => time,
    advance: (ms: number) => {
      time += ms;
    },
    set: (at: number) => {
      time = at;
    },
  };
}

export async function addTestSource(store: Store, workspaceId: number, input: SourceInput, now: () => number) {
  return addSource(store, workspaceId, input, { key: TEST_KEY, now });
}

/** Runs a poll with the test key, an empty pipeline, no jitter, and the given clock. */
export function poll(store: Store, sourceId: number, now: () => number, options: PollOptions = {}): Promise<PollSummary> {
  return runSourceOnce(store, sourceId, { key: TEST_KEY, pipelineFor: async () => EMPTY_PIPELINE, random: () => 0, now, requestTimeoutMs: 2000, ...options });
}

/** The stored mentions of a source network, oldest first, with the columns tests check. */
export async function storedMentions(store: Store, source: string) {
  return store.db
    .selectFrom('mentions')
    .select(['external_id', 'author_handle', 'author_name', 'author_followers', 'text', 'url', 'published_at', 'likes', 'shares', 'replies', 'parent_external_id', 'source_lang'])
    .where('source', '=', source)
    .orderBy('published_at')
    .orderBy('external_id')
    .execute();
}

export async function sourceState(store: Store, sourceId: number) {
  const row = await getSourceRow(store, sourceId);
  return { ...row, cursor: row.cursor ? (JSON.parse(row.cursor) as unknown) : null };
}
