/**
 * The rejects file: one JSON line per refused row with its line number, the reason
 * and the raw text, so the user can fix the rows and import that file again.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { once } from 'node:events';
import { MAX_RAW_IN_REJECTS } from '../../core/files/parsed-row.ts';

export interface RejectRecord {
  line: number;
  reason: string;
  raw: string;
  /** Present when `raw` was cut to MAX_RAW_IN_REJECTS characters. */
  rawTruncated?: true;
}

/** Where rejects of `input` go by default: next to the file, or in the working directory for stdin. */
export function defaultRejectsPath(input: string): string {
  return input === '-' ? 'stdin.rejects.jsonl' : `${input.replace(/\.gz$/i, '')}.rejects.jsonl`;
}

export class RejectsWriter {
  #stream: WriteStream | null = null;
  #count = 0;

  private constructor(readonly path: string) {}

  /** Removes the rejects of an earlier run of the same import: they would describe another run. */
  static async open(path: string): Promise<RejectsWriter> {
    await rm(path, { force: true });
    return new RejectsWriter(path);
  }

  get count(): number {
    return this.#count;
  }

  /** Queues one reject; call `drain()` now and then so a file of only bad rows cannot fill memory. */
  write(line: number, reason: string, raw: string): void {
    const body = raw.replace(/[\r\n]+$/, '');
    const record: RejectRecord = { line, reason, raw: body.slice(0, MAX_RAW_IN_REJECTS) };
    if (body.length > MAX_RAW_IN_REJECTS) record.rawTruncated = true;
    this.#stream ??= createWriteStream(this.path, { flags: 'w' });
    this.#stream.write(`${JSON.stringify(record)}\n`);
    this.#count++;
  }

  async drain(): Promise<void> {
    if (this.#stream?.writableNeedDrain) await once(this.#stream, 'drain');
  }

  async close(): Promise<void> {
    const stream = this.#stream;
    if (!stream) return;
    await new Promise<void>((resolve, reject) => stream.end((error?: Error | null) => (error ? reject(error) : resolve())));
  }
}
