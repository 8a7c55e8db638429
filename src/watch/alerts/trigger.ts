/**
 * Alert rules are evaluated after each write of mentions (follow-writes.ts), off the
 * writer's path: the writer gets its answer at once. Bursts coalesce: while a workspace's
 * evaluation runs, further ingests ask for one more run, not one each.
 */
import { log } from '../../core/log.ts';
import type { Store } from '../../store/store.ts';

export type Evaluate = (store: Store, workspaceId: number) => Promise<unknown>;

export class AlertTrigger {
  readonly #running = new Map<number, Promise<void>>();
  readonly #again = new Set<number>();

  constructor(
    private readonly store: Store,
    // Loaded on first use: every CLI command follows the writes (cli/context.ts), few write.
    private readonly evaluate: Evaluate = async (store, ws) => (await import('./evaluate.ts')).evaluateAlerts(store, ws),
  ) {}

  schedule(workspaceId: number): void {
    if (this.#running.has(workspaceId)) {
      this.#again.add(workspaceId);
      return;
    }
    const run = (async () => {
      do {
        this.#again.delete(workspaceId);
        try {
          await this.evaluate(this.store, workspaceId);
        } catch (error) {
          log.warn({ workspaceId, err: (error as Error).message }, 'alert evaluation after a write failed');
        }
      } while (this.#again.has(workspaceId));
    })().finally(() => this.#running.delete(workspaceId));
    this.#running.set(workspaceId, run);
  }

  /** Resolves when no evaluation is running (before the store closes). */
  async idle(): Promise<void> {
    while (this.#running.size > 0) await Promise.all(this.#running.values());
  }
}
