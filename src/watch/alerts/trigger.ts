/**
 * Alert rules are evaluated after each write of mentions (follow-writes.ts), off the
 * writer's path: the writer gets its answer at once. Bursts coalesce: while a workspace's
 * evaluation runs, further ingests ask for one more run, not one each. A server shutting
 * down interrupts them: an evaluation after a topic's backfill recomputes the whole rollup,
 * far longer than a SIGTERM may wait, and the next write after a restart evaluates again.
 */
import { log } from '../../core/log.ts';
import type { Store } from '../../store/store.ts';

export type Evaluate = (store: Store, workspaceId: number, signal: AbortSignal) => Promise<unknown>;

export class AlertTrigger {
  readonly #running = new Map<number, Promise<void>>();
  readonly #again = new Set<number>();
  #interrupt = new AbortController();

  constructor(
    private readonly store: Store,
    // Loaded on first use: every CLI command follows the writes (cli/context.ts), few write.
    private readonly evaluate: Evaluate = async (store, ws, signal) => (await import('./evaluate.ts')).evaluateAlerts(store, ws, new Date(), { signal }),
  ) {}

  schedule(workspaceId: number): void {
    if (this.#running.has(workspaceId)) {
      this.#again.add(workspaceId);
      return;
    }
    const run = (async () => {
      do {
        this.#again.delete(workspaceId);
        const signal = this.#interrupt.signal;
        try {
          await this.evaluate(this.store, workspaceId, signal);
        } catch (error) {
          if (signal.aborted) continue;
          log.warn({ workspaceId, err: (error as Error).message }, 'alert evaluation after a write failed');
        }
      } while (this.#again.has(workspaceId));
    })().finally(() => this.#running.delete(workspaceId));
    this.#running.set(workspaceId, run);
  }

  /**
   * Stops the evaluations running (between two chunks of their rollup refresh) and the
   * reruns asked for, then waits for them: a closing server's last step before the store
   * closes. Evaluations scheduled afterwards run as usual.
   */
  async interrupt(): Promise<void> {
    this.#again.clear();
    this.#interrupt.abort();
    this.#interrupt = new AbortController();
    await this.idle();
  }

  /** Resolves when no evaluation is running (before the store closes). */
  async idle(): Promise<void> {
    while (this.#running.size > 0) await Promise.all(this.#running.values());
  }
}
