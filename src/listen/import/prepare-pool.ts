/**
 * Worker threads that run `prepareRows` (JSON parsing, mapping, validation and, above
 * all, language + sentiment enrichment, the costliest step) so that on a multi-core
 * machine the main thread only reads the file and writes to the store.
 * Results come back in submission order: the importer stores rows in file order, so
 * the later copy of a duplicated mention still wins.
 */
import { Worker } from 'node:worker_threads';
import type { ParsedRow } from './parsed-row.ts';
import type { PreparedRows } from './prepare.ts';
import type { RowMapperOptions } from './row-mapper.ts';

export interface PrepareWorkerData extends RowMapperOptions {
  enrich: boolean;
}

export interface PrepareJob {
  id: number;
  rows: ParsedRow[];
  /** Enrich these rows (only when the pool was started with `enrich`). */
  enrich: boolean;
}

export type PrepareReply = { id: number; result: PreparedRows; error?: undefined } | { id: number; error: string; result?: undefined };

interface Pending {
  resolve: (result: PreparedRows) => void;
  reject: (error: Error) => void;
}

const ENTRY = new URL('./worker-entry.mjs', import.meta.url);
const MODULE = new URL('./prepare-worker.ts', import.meta.url).href;

class PrepareWorker {
  readonly pending = new Map<number, Pending>();
  readonly ready: Promise<void>;

  constructor(readonly worker: Worker) {
    this.ready = new Promise((resolve, reject) => {
      worker.once('message', () => resolve());
      worker.once('error', reject);
    });
    worker.on('message', (reply: PrepareReply | { ready: true }) => {
      if (!('id' in reply)) return;
      const pending = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      if (reply.error !== undefined) pending?.reject(new Error(`import worker failed: ${reply.error}`));
      else pending?.resolve(reply.result);
    });
    const failAll = (error: Error) => {
      for (const pending of this.pending.values()) pending.reject(error);
      this.pending.clear();
    };
    worker.on('error', failAll);
    worker.on('exit', (code) => failAll(new Error(`import worker stopped (exit code ${code})`)));
  }
}

export class PreparePool {
  #next = 0;
  #id = 0;

  private constructor(private readonly workers: PrepareWorker[]) {}

  /** Starts `count` workers and waits until each is ready (models loaded). */
  static async start(count: number, options: PrepareWorkerData): Promise<PreparePool> {
    const workers = Array.from(
      { length: count },
      () =>
        new PrepareWorker(
          new Worker(ENTRY, {
            workerData: { module: MODULE, options },
            // Garbage from parsing stays bounded: old space is collected before it grows past this,
            // and a small young generation (V8's default lets it reach 48 MB) measured -40 MB of
            // peak RSS on an enriching import for ~5% more CPU in the worker. Without the models
            // there is room for 16 MB, which halves the worker's scavenges (-2 CPU-s per 1M rows).
            resourceLimits: { maxOldGenerationSizeMb: options.enrich ? 96 : 48, maxYoungGenerationSizeMb: options.enrich ? 8 : 16 },
          }),
        ),
    );
    const pool = new PreparePool(workers);
    try {
      await Promise.all(workers.map((w) => w.ready));
    } catch (error) {
      await pool.close();
      throw error;
    }
    return pool;
  }

  /** Queues rows on the worker with the least work. */
  prepare(rows: ParsedRow[], enrich: boolean): Promise<PreparedRows> {
    let target = this.workers[this.#next++ % this.workers.length]!;
    for (const w of this.workers) if (w.pending.size < target.pending.size) target = w;
    const id = this.#id++;
    return new Promise((resolve, reject) => {
      target.pending.set(id, { resolve, reject });
      target.worker.postMessage({ id, rows, enrich } satisfies PrepareJob);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.worker.terminate()));
  }
}
