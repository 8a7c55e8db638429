/**
 * A short write transaction for background work split into many (a rollup refresh, chunk
 * by chunk) that must neither stall this process nor starve another process's writer.
 *
 * On SQLite a write that finds another process's lock (an import's batch) waits inside
 * better-sqlite3, on the calling thread: the whole server stalls for up to the busy
 * timeout, /healthz included. Here the transaction is refused at once instead
 * (StoreDriver.withoutLockWaits) and tried again after an asynchronous pause, while the
 * event loop serves everyone else; the other writer gets the lock in between. Each
 * attempt runs the whole of `fn` again, so `fn` must be safe to repeat (it is rolled back
 * when refused).
 */
import type { Transaction } from 'kysely';
import type { Database } from './schema.ts';
import type { Store } from './store.ts';

export interface ShortTransactionOptions {
  /** Gives up (rethrows the refusal) after this many ms of refusals in a row. */
  giveUpAfterMs?: number;
  /** Called on each refusal, before the pause (tests count them). */
  onBusy?: () => void;
  /** Refuses to start another attempt once aborted (the caller is going away). */
  signal?: AbortSignal;
  /** The pause before attempt `n` (1-based). */
  pause?: (attempt: number) => Promise<void>;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** 25, 50, 100 … 400 ms: an import batch commits within a few hundred ms. */
const backoff = (attempt: number) => sleep(Math.min(400, 25 * 2 ** Math.min(attempt - 1, 4)));

export async function shortTransaction<T>(store: Store, fn: (trx: Transaction<Database>) => Promise<T>, options: ShortTransactionOptions = {}): Promise<T> {
  const giveUpAfter = options.giveUpAfterMs ?? 60_000;
  const started = performance.now();
  for (let attempt = 1; ; attempt++) {
    options.signal?.throwIfAborted();
    try {
      return await store.driver.withoutLockWaits(() => store.db.transaction().execute(fn));
    } catch (error) {
      if (!store.driver.isLockBusy(error) || performance.now() - started > giveUpAfter) throw error;
      options.onBusy?.();
      await (options.pause ?? backoff)(attempt);
    }
  }
}
