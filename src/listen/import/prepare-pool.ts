/**
 * Worker threads beside the importer's writing thread, for the CPU work of an import:
 * either parsing and mapping rows (`prepare`: JSON parsing, validation, derived columns),
 * or language + sentiment enrichment, the costliest step, of mentions the writing thread
 * parsed itself (`enrich`). Results come back in submission order: the importer stores
 * rows in file order, so the later copy of a duplicated mention still wins.
 */
import { Worker } from 'node:worker_threads';
import type { MentionInput } from '../../core/mention.ts';
import type { ParsedRow } from '../../core/files/parsed-row.ts';
import type { PreparedRows } from './prepare.ts';
import type { RowMapperOptions } from './row-mapper.ts';
import type { StoredAdapter } from '../../nlp/adapt.ts';

export interface PrepareWorkerData extends RowMapperOptions {
  enrich: boolean;
  /** The workspace's sentiment adapter, applied by enriching workers as by the writing thread. */
  sentimentAdapter?: StoredAdapter | null;
}

/** Rows to parse and map into mentions with their derived columns. */
export interface PrepareJob {
  id: number;
  rows: ParsedRow[];
}

/** What the enricher reads of a mention, and what it fills in. */
export type EnrichItem = Pick<MentionInput, 'text' | 'lang' | 'langConfidence' | 'langHint' | 'sentiment'>;

/** Mentions already parsed on the writing thread, to enrich only. */
export interface EnrichJob {
  id: number;
  enrichOnly: EnrichItem[];
}

export type PrepareReply =
  | { id: number; result: PreparedRows | EnrichItem[]; error?: undefined }
  | { id: number; error: string; result?: undefined };

interface Pending {
  resolve: (result: PreparedRows | EnrichItem[]) => void;
  reject: (error: Error) => void;
}

// Under tsx (development, tests) the worker starts through worker-entry.mjs, which registers
// the TypeScript loader first; the bundled build has prepare-worker.js beside this chunk.
const FROM_SOURCE = import.meta.url.endsWith('.ts');
const ENTRY = new URL(FROM_SOURCE ? './worker-entry.mjs' : './prepare-worker.js', import.meta.url);
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
  prepare(rows: ParsedRow[]): Promise<PreparedRows> {
    return this.#send((id) => ({ id, rows }) satisfies PrepareJob) as Promise<PreparedRows>;
  }

  /**
   * Enriches mentions parsed on the calling thread, in place (the pool must have been
   * started with `enrich`). Only their text and language fields cross to the worker and
   * back: while the workers enrich they are the bottleneck, and parsing there too would
   * only add to it (`npm run bench:ingest`).
   */
  async enrich(mentions: MentionInput[]): Promise<void> {
    const items = mentions.map(({ text, lang, langConfidence, langHint, sentiment }): EnrichItem => ({ text, lang, langConfidence, langHint, sentiment }));
    const enriched = (await this.#send((id) => ({ id, enrichOnly: items }) satisfies EnrichJob)) as EnrichItem[];
    enriched.forEach((e, i) => {
      const mention = mentions[i]!;
      mention.lang = e.lang;
      mention.langConfidence = e.langConfidence;
      mention.sentiment = e.sentiment;
    });
  }

  #send(job: (id: number) => PrepareJob | EnrichJob): Promise<PreparedRows | EnrichItem[]> {
    let target = this.workers[this.#next++ % this.workers.length]!;
    for (const w of this.workers) if (w.pending.size < target.pending.size) target = w;
    const id = this.#id++;
    return new Promise((resolve, reject) => {
      target.pending.set(id, { resolve, reject });
      target.worker.postMessage(job(id));
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.worker.terminate()));
  }
}
