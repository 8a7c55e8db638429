/**
 * A cache for read-only analytics answers, keyed by the request and invalidated by the
 * workspace's data version: any mention written, topic changed or alert sent changes the
 * version, so a cached answer is never stale. Concurrent requests for the same missing
 * key share one computation (a dashboard opening on 50 screens computes it once).
 *
 * Why: the Watch loaders recompute from the rollup on every call (hundreds of ms on the
 * demo data); the dashboard asks the same questions again and again between ingests.
 */
import type { Store } from '../store/store.ts';

interface Entry {
  version: string;
  value: Promise<unknown>;
}

export class ResponseCache {
  readonly #entries = new Map<string, Entry>();

  constructor(
    private readonly store: Store,
    private readonly maxEntries = 500,
  ) {}

  /** What changes whenever an analytics answer of the workspace could change. One indexed query. */
  async version(workspaceId: number): Promise<string> {
    const { db } = this.store;
    const row = await db
      .selectNoFrom((eb) => [
        eb.selectFrom('mentions').select((m) => m.fn.max('updated_at').as('v')).where('workspace_id', '=', workspaceId).as('mentions'),
        eb.selectFrom('topics').select((t) => t.fn.max('updated_at').as('v')).where('workspace_id', '=', workspaceId).as('topics'),
        eb.selectFrom('topics').select((t) => t.fn.countAll().as('v')).where('workspace_id', '=', workspaceId).as('topic_count'),
        eb.selectFrom('watch_alerts_sent').select((a) => a.fn.max('id').as('v')).where('workspace_id', '=', workspaceId).as('alerts'),
      ])
      .executeTakeFirstOrThrow();
    return `${row.mentions ?? 0}:${row.topics ?? 0}:${row.topic_count ?? 0}:${row.alerts ?? 0}`;
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
    this.#entries.set(fullKey, { version, value });
    value.catch(() => {
      if (this.#entries.get(fullKey)?.value === value) this.#entries.delete(fullKey);
    });
    while (this.#entries.size > this.maxEntries) this.#entries.delete(this.#entries.keys().next().value!);
    return value;
  }
}
