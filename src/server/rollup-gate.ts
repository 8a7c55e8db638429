/**
 * Watch loaders bring the analytics rollup up to date on every call. Two requests doing
 * that at once for one workspace would both rebuild it (and on PostgreSQL one could read
 * it half-built), so the server refreshes it first, one request at a time per workspace;
 * the loaders' own refresh then finds nothing to do.
 */
import type { Store } from '../store/store.ts';
import { refreshRollup } from '../watch/rollup.ts';

export class RollupGate {
  readonly #running = new Map<number, Promise<unknown>>();

  constructor(private readonly store: Store) {}

  async refresh(workspaceId: number): Promise<void> {
    const previous = this.#running.get(workspaceId) ?? Promise.resolve();
    const next = previous.catch(() => {}).then(() => refreshRollup(this.store, workspaceId));
    this.#running.set(workspaceId, next);
    try {
      await next;
    } finally {
      if (this.#running.get(workspaceId) === next) this.#running.delete(workspaceId);
    }
  }
}
