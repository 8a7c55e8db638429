/**
 * The paging engine shared by every newest-first API (Mastodon timelines, Bluesky
 * search, Reddit listings, HN Algolia search).
 *
 * A poll walks pages from the newest item down to the high-water mark of the last
 * completed walk. The walk's position is part of the cursor stored with each page,
 * so a poll stopped half-way (crash, timeout, rate limit, page budget) resumes
 * where it stopped: no gap below, and nothing newer than the old mark is skipped
 * because the mark only moves up once the walk has reached it.
 */
import type { MentionInput } from '../../core/mention.ts';
import type { JsonValue } from './connector.ts';

/** Orders items the way the network pages them: by time, ties broken by id. */
export type WalkKey = {
  t: number;
  id: string;
};

export type WalkCursor = {
  /** Newest item of the last completed walk; null before the first one completes. */
  hw: WalkKey | null;
  /** The walk in progress: the next page to fetch, the newest item it has seen, and
   *  the oldest it has stored (items between the two are not stored again on resume). */
  walk: { page: string | null; top: WalkKey | null; last?: WalkKey | null } | null;
};

export interface WalkPage<Item> {
  items: Item[];
  /** Token of the next (older) page; null when the network says there is none. */
  next: string | null;
}

export interface WalkSource<Item> {
  /** Fetches one page, newest first. `bounds` lets an API filter server-side (since_id, since, numericFilters). */
  fetchPage(page: string | null, bounds: { hw: WalkKey | null; top: WalkKey | null }): Promise<WalkPage<Item>>;
  key(item: Item): WalkKey;
  /** Publication time in epoch ms, for the first poll's look-back floor. */
  time(item: Item): number;
  map(items: Item[]): MentionInput[] | Promise<MentionInput[]>;
  /**
   * The network orders items of the same time in no stated order (Tumblr, by the second):
   * on resume, an item as old as the oldest stored one may not have been seen yet, so
   * only newer ones (and that one) count as stored. What comes again is updated in place.
   */
  tiesUnordered?: boolean;
}

export interface WalkOptions {
  /** On the very first walk, items older than this (epoch ms) are not fetched. */
  floor: number;
  /** Pages fetched per poll at most; the walk continues at the next poll. */
  maxPages: number;
}

/** Numeric-looking ids (Mastodon, HN) compare by length first; equal lengths compare as text (also right for base36 and TIDs). */
export function compareIds(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

export function compareKeys(a: WalkKey, b: WalkKey): number {
  return a.t - b.t || compareIds(a.id, b.id);
}

const maxKey = (a: WalkKey | null, b: WalkKey | null) => (a == null ? b : b == null ? a : compareKeys(a, b) >= 0 ? a : b);

export interface WalkStep {
  mentions: MentionInput[];
  cursor: WalkCursor;
}

export async function* walkNewestFirst<Item>(
  source: WalkSource<Item>,
  start: WalkCursor | null,
  options: WalkOptions,
): AsyncGenerator<WalkStep, void, void> {
  const hw = start?.hw ?? null;
  let walk = start?.walk ?? { page: null, top: null, last: null };
  const visited = new Set<string>();
  const seen = new Set<string>();
  let previousOldest: WalkKey | null = null;

  for (let fetched = 0; fetched < options.maxPages; fetched++) {
    const { items, next } = await source.fetchPage(walk.page, { hw, top: walk.top });
    const keys = items.map((item) => source.key(item));
    const fresh = items.filter((item, i) => {
      const key = keys[i]!;
      if (hw ? compareKeys(key, hw) <= 0 : source.time(item) < options.floor) return false;
      const id = `${key.t}:${key.id}`;
      // The same item twice (on two pages, or again after a resume): offsets shifted under us.
      if (seen.has(id)) return false;
      const stored = (last: WalkKey) => (source.tiesUnordered ? key.t > last.t || compareKeys(key, last) === 0 : compareKeys(key, last) >= 0);
      if (walk.last && walk.top && stored(walk.last) && compareKeys(key, walk.top) <= 0) return false;
      seen.add(id);
      return true;
    });
    const oldest = keys.reduce<WalkKey | null>((min, k) => (min == null || compareKeys(k, min) < 0 ? k : min), null);
    const top = keys.reduce<WalkKey | null>((max, k) => maxKey(max, k), walk.top);
    const freshKeys = fresh.map((item) => source.key(item));
    const last = freshKeys.reduce<WalkKey | null>((min, k) => (min == null || compareKeys(k, min) < 0 ? k : min), walk.last ?? null);
    // A page that does not reach older items than the previous one means the
    // network sent us back (a cursor going backwards): end the walk instead of looping.
    const wentBack = previousOldest != null && oldest != null && compareKeys(oldest, previousOldest) >= 0;
    const reachedMark = items.some((item, i) => (hw ? compareKeys(keys[i]!, hw) <= 0 : source.time(item) < options.floor));
    if (walk.page != null) visited.add(walk.page);
    const done = items.length === 0 || next == null || reachedMark || wentBack || visited.has(next);
    previousOldest = oldest;
    const mentions = await source.map(fresh);
    if (done) {
      yield { mentions, cursor: { hw: maxKey(hw, top), walk: null } };
      return;
    }
    walk = { page: next, top, last };
    yield { mentions, cursor: { hw, walk } };
  }
}

/** Several streams (tags, accounts, queries) in one source, each with its own walk. */
export type StreamCursor = {
  streams: Record<string, WalkCursor>;
  [extra: string]: JsonValue;
};

export function streamCursorOf(value: unknown): StreamCursor {
  if (typeof value === 'object' && value !== null && 'streams' in value && typeof value.streams === 'object' && value.streams) {
    return value as StreamCursor;
  }
  return { streams: {} };
}

export async function* walkStreams<Item>(
  streams: { key: string; source: WalkSource<Item> }[],
  cursor: StreamCursor,
  options: WalkOptions,
): AsyncGenerator<{ mentions: MentionInput[]; cursor: StreamCursor }, void, void> {
  let current: StreamCursor = { ...cursor, streams: { ...cursor.streams } };
  for (const { key, source } of streams) {
    for await (const step of walkNewestFirst(source, current.streams[key] ?? null, options)) {
      current = { ...current, streams: { ...current.streams, [key]: step.cursor } };
      yield { mentions: step.mentions, cursor: current };
    }
  }
}
