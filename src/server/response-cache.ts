/**
 * A cache for read-only analytics answers, keyed by the request and invalidated by the
 * workspace's data version: any mention written, topic changed, alert sent or crisis item
 * dismissed changes the
 * version, so a cached answer is never stale. Concurrent requests for the same missing
 * key share one computation (a dashboard opening on 50 screens computes it once).
 *
 * Why: the Watch loaders recompute from the rollup on every call (hundreds of ms on the
 * demo data); the dashboard asks the same questions again and again between ingests.
 *
 * Bounded by bytes, not count: a few hundred answers of 20 MB each would exhaust the heap.
 * The weight of an answer is estimated once it resolves (see approximateBytes); one too
 * heavy for the whole cache is answered but not kept.
 */
import type { Store } from '../store/store.ts';
import { approximateBytes } from './approximate-bytes.ts';

interface Entry {
  version: string;
  value: Promise<unknown>;
  /** 0 until the answer resolves and is weighed. */
  bytes: number;
}

/** Default weight of every cached answer together. */
export const CACHE_BYTES = 64 * 1024 * 1024;

export class ResponseCache {
  readonly #entries = new Map<string, Entry>();
  #bytes = 0;

  constructor(
    private readonly store: Store,
    private readonly maxBytes = CACHE_BYTES,
    private readonly maxEntries = 500,
  ) {}

  /** Estimated weight of the answers held, in bytes. */
  get bytes(): number {
    return this.#bytes;
  }

  get size(): number {
    return this.#entries.size;
  }

  /** What changes whenever an analytics answer of the workspace could change. One indexed query. */
  async version(workspaceId: number): Promise<string> {
    const { db } = this.store;
    const row = await db
      .selectNoFrom((eb) => [
        eb.selectFrom('mentions').select((m) => m.fn.max('updated_at').as('v')).where('workspace_id', '=', workspaceId).as('mentions'),
        eb.selectFrom('topics').select((t) => t.fn.max('updated_at').as('v')).where('workspace_id', '=', workspaceId).as('topics'),
        eb.selectFrom('topics').select((t) => t.fn.countAll().as('v')).where('workspace_id', '=', workspaceId).as('topic_count'),
        eb.selectFrom('watch_alerts_sent').select((a) => a.fn.max('id').as('v')).where('workspace_id', '=', workspaceId).as('alerts'),
        // Dismissing or restoring a crisis item changes the crisis scan.
        eb.selectFrom('watch_crisis_dismissals').select((d) => d.fn.sum('dismissed_at').as('v')).where('workspace_id', '=', workspaceId).as('dismissals'),
        eb.selectFrom('watch_crisis_dismissals').select((d) => d.fn.countAll().as('v')).where('workspace_id', '=', workspaceId).as('dismissal_count'),
      ])
      .executeTakeFirstOrThrow();
    return `${row.mentions ?? 0}:${row.topics ?? 0}:${row.topic_count ?? 0}:${row.alerts ?? 0}:${row.dismissals ?? 0}:${row.dismissal_count ?? 0}`;
  }

  async get<T>(workspaceId: number, key: string, compute: () => Promise<T>): Promise<T> {
    const version = await this.version(workspaceId);
    const fullKey = `${workspaceId}\u0000${key}`;
    const hit = this.#entries.get(fullKey);
    if (hit && hit.version === version) {
      // Refresh its place in the LRU order.
      this.#entries.delete(fullKey);
      this.#entries.set(fullKey, hit);
      return hit.value as Promise<T>;
    }
    const value = compute();
    const entry: Entry = { version, value, bytes: 0 };
    this.#remove(fullKey);
    this.#entries.set(fullKey, entry);
    value.then(
      (answer) => {
        if (this.#entries.get(fullKey) !== entry) return;
        // Weighed up to the whole cache's bound: past it the answer is not kept anyway.
        entry.bytes = approximateBytes(answer, this.maxBytes + 1);
        this.#bytes += entry.bytes;
        if (entry.bytes > this.maxBytes) this.#remove(fullKey);
        this.#evict();
      },
      () => {
        if (this.#entries.get(fullKey) === entry) this.#remove(fullKey);
      },
    );
    this.#evict();
    return value;
  }

  #remove(key: string): void {
    const entry = this.#entries.get(key);
    if (!entry) return;
    this.#bytes -= entry.bytes;
    this.#entries.delete(key);
  }

  /** Least recently used first, until both bounds hold. */
  #evict(): void {
    while (this.#entries.size > this.maxEntries || this.#bytes > this.maxBytes) this.#remove(this.#entries.keys().next().value!);
  }
}
