/**
 * Watch answers read the analytics rollup, which a refresh brings up to date with the
 * mentions written since the last one. Reads must not queue behind writes (an import
 * running for minutes), so per workspace:
 *   - at most one refresh runs at a time, and it covers the rows written up to its start
 *     (refreshRollup's watermark): it never chases an import;
 *   - a request that finds no refresh running starts one and waits for it, so after a
 *     write the next answer counts it;
 *   - a request that finds one running does not wait: it answers from the last consistent
 *     rollup (a refresh commits its rows and watermark together). Only before the first
 *     build, with nothing to read yet, does it wait.
 * A refresh never waits for another process's write lock (an import's batch) on this
 * thread: each of its short transactions is refused at once and tried again after an
 * asynchronous pause (store/short-transaction.ts). The request that started it waits only
 * until the first refusal: from then on it answers from the last consistent rollup (an
 * import is going on) while the refresh finishes behind it. A refresh that fails is
 * logged, and the answer comes from the last consistent rollup, when there is one.
 */
import { log } from '../core/log.ts';
import type { Store } from '../store/store.ts';
import { readRollupAsIs, refreshRollup, rollupWatermark } from '../watch/rollup.ts';

export class RollupGate {
  readonly #running = new Map<number, Promise<unknown>>();
  /** Workspaces whose last refresh failed and was logged: one line per run of failures, not per request. */
  readonly #failing = new Set<number>();
  readonly #closing = new AbortController();
  constructor(
    private readonly store: Store,
    private readonly refreshNow: typeof refreshRollup = refreshRollup,
  ) {}

  /**
   * Brings the rollup as far as this request needs it, then returns the watermark the
   * answer will be read at (part of the answer's cache key: an answer read from an older
   * rollup is never served once a newer one is in place).
   */
  async refresh(workspaceId: number): Promise<number | null> {
    const running = this.#running.get(workspaceId);
    if (running) {
      const watermark = await rollupWatermark(this.store, workspaceId);
      if (watermark !== null) return watermark;
      await running.catch(() => undefined);
      return rollupWatermark(this.store, workspaceId);
    }
    let refused!: () => void;
    const contended = new Promise<'contended'>((resolve) => (refused = () => resolve('contended')));
    const next = this.refreshNow(this.store, workspaceId, { onBusy: refused, signal: this.#closing.signal });
    this.#running.set(workspaceId, next);
    void next.then(
      () => this.#failing.delete(workspaceId),
      (error: unknown) => this.#logFailure(workspaceId, error),
    ).finally(() => {
      if (this.#running.get(workspaceId) === next) this.#running.delete(workspaceId);
    });
    try {
      if ((await Promise.race([next, contended])) === 'contended') {
        const watermark = await rollupWatermark(this.store, workspaceId);
        if (watermark !== null) return watermark;
        await next;
      }
    } catch (error) {
      const watermark = await rollupWatermark(this.store, workspaceId);
      if (watermark === null) throw error;
      return watermark;
    }
    return rollupWatermark(this.store, workspaceId);
  }

  /** Stops the refreshes running between two chunks (the rollup stays consistent) and waits for them. */
  async close(): Promise<void> {
    this.#closing.abort();
    await Promise.allSettled([...this.#running.values()]);
  }

  #logFailure(workspaceId: number, error: unknown): void {
    if (this.#closing.signal.aborted) return;
    if (!this.#failing.has(workspaceId)) log.warn({ workspaceId, error: (error as Error).message }, 'rollup refresh failed; answering from the last consistent rollup until one succeeds');
    this.#failing.add(workspaceId);
  }

  /** Reads an answer from the rollup as it stands (the loaders' own refreshes skipped). */
  read<T>(compute: () => Promise<T>): Promise<T> {
    return readRollupAsIs(compute);
  }
}
