/**
 * Retrains a workspace's sentiment adapter in the background after its corrections:
 * debounced per workspace (a person correcting twenty mentions in a row causes one
 * retraining, `delayMs` after the last), one workspace at a time so it never competes with
 * itself for the CPU. The server owns one; `flush` runs what is pending now (tests, shutdown).
 */
import { log } from '../core/log.ts';
import type { Store } from '../store/store.ts';
import { adaptWorkspace, type AdaptModels } from './adapt.ts';

export const ADAPT_DELAY_MS = 30_000;

export class AdaptScheduler {
  readonly #timers = new Map<number, NodeJS.Timeout>();
  #running: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: Store,
    private readonly models: () => AdaptModels,
    private readonly delayMs = ADAPT_DELAY_MS,
  ) {}

  /** Retrain `workspaceId`'s adapter `delayMs` after the last request. */
  request(workspaceId: number): void {
    clearTimeout(this.#timers.get(workspaceId));
    const timer = setTimeout(() => this.#run(workspaceId), this.delayMs);
    timer.unref();
    this.#timers.set(workspaceId, timer);
  }

  /** Drops the retraining waiting for `workspaceId` (someone is retraining it now, from every correction so far). */
  cancel(workspaceId: number): void {
    clearTimeout(this.#timers.get(workspaceId));
    this.#timers.delete(workspaceId);
  }

  /** Whether a retraining is waiting for `workspaceId`. */
  pending(workspaceId: number): boolean {
    return this.#timers.has(workspaceId);
  }

  /** Runs every waiting retraining now and resolves when all are done. */
  async flush(): Promise<void> {
    for (const workspaceId of [...this.#timers.keys()]) this.#run(workspaceId);
    await this.#running;
  }

  /** Forgets what is waiting (server shutdown); a retraining under way finishes. */
  async close(): Promise<void> {
    for (const timer of this.#timers.values()) clearTimeout(timer);
    this.#timers.clear();
    await this.#running;
  }

  #run(workspaceId: number): void {
    clearTimeout(this.#timers.get(workspaceId));
    this.#timers.delete(workspaceId);
    this.#running = this.#running.then(async () => {
      try {
        const result = await adaptWorkspace(this.store, workspaceId, this.models());
        log.info({ workspaceId, corrections: result.corrections, applied: result.applied, heldOut: result.heldOut, changed: result.changed }, 'sentiment adapter retrained');
      } catch (error) {
        log.error({ err: error, workspaceId }, 'sentiment adapter retraining failed');
      }
    });
  }
}
