/**
 * Counts requests whose handler has not finished. A client that hangs up does not stop
 * its handler (a write keeps going), and server.close() only waits for connections, so
 * shutdown also waits for this count to reach zero before the store closes.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';

export class InFlight {
  #count = 0;
  #waiters: (() => void)[] = [];
  readonly #open = new WeakSet<FastifyRequest>();

  get count(): number {
    return this.#count;
  }

  start(request: FastifyRequest): void {
    this.#open.add(request);
    this.#count++;
  }

  finish(request: FastifyRequest): void {
    if (!this.#open.delete(request)) return;
    this.#count--;
    if (this.#count === 0) for (const wake of this.#waiters.splice(0)) wake();
  }

  /** Resolves when no handler runs, or after `timeoutMs` (a stuck handler must not block shutdown forever). */
  idle(timeoutMs = 30_000): Promise<void> {
    if (this.#count === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      this.#waiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}

export function trackInFlight(app: FastifyInstance): InFlight {
  const inFlight = new InFlight();
  app.addHook('onRequest', async (request) => inFlight.start(request));
  // onSend runs when the handler (or the error handler) has produced its answer, even
  // if the client is gone; onResponse and onRequestAbort cover answers sent without it.
  app.addHook('onSend', async (request) => inFlight.finish(request));
  app.addHook('onResponse', async (request) => inFlight.finish(request));
  return inFlight;
}
