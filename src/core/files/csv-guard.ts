/**
 * What stands between the CSV bytes and csv-parse: it finds where each record ends (with
 * csv-parse's quoting rules) and takes out the records csv-parse must not see, so that each
 * becomes one rejected row and the rest of the file imports:
 *
 * - a record longer than MAX_ROW_BYTES. csv-parse has a `max_record_size`, but after that
 *   error it drops the rest of the chunk and reads on from the middle of the field (7.0.3):
 *   a 3 MB line took the 2,000 rows after it down with it. The guard holds at most that
 *   many bytes of an open record, and skips the rest of a longer one unread;
 * - a record that is not valid UTF-8, which csv-parse would decode with U+FFFD in place of
 *   each bad byte. Each chunk's complete records are checked at once (`isUtf8`, native),
 *   and one by one only when that fails.
 *
 * A record taken out is replaced by a placeholder record, one quoted field holding a marker
 * and as many line breaks as the record had, so csv-parse's line numbers stay right; the
 * reader swaps each placeholder for its problem (`takeRefused`).
 */
import { ImportError } from './errors.ts';
import { MAX_RAW_IN_REJECTS, MAX_ROW_BYTES, type ReadProblemCode } from './parsed-row.ts';
import { invalidUtf8Problem, isUtf8 } from './utf8.ts';

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

const MARKER = '\u0000murmur-refused-record ';
const PLACEHOLDER = /\u0000murmur-refused-record (\d+)\u0000/;
const OVERLONG = `record longer than ${MAX_ROW_BYTES.toLocaleString('en')} bytes`;

export interface RefusedRecord {
  /** Line where the record starts, as the guard counted it. */
  line: number;
  raw: string;
  problem: string;
  problemCode: ReadProblemCode;
}

/** The start of a record for the rejects file: a character more than it keeps, so it marks the raw text as cut. */
const rawOf = (bytes: Buffer) =>
  bytes
    .toString('utf8', 0, Math.min(bytes.length, 4 * (MAX_RAW_IN_REJECTS + 1)))
    .slice(0, MAX_RAW_IN_REJECTS + 1)
    .replace(/[\r\n]+$/, '');

export class CsvRecordGuard {
  readonly #delimiter: number;
  readonly #refused = new Map<number, RefusedRecord>();
  #nextId = 0;

  // Scanning state, carried from chunk to chunk.
  #quoting = false;
  #fieldStart = true;
  /** A quote was the last byte of a chunk, inside a quoted field: what it means depends on the next byte. */
  #pendingQuote = false;
  /** Line of the next byte to scan. */
  #line = 1;
  /** Line where the open record starts; everything before it has been handed on. */
  #recordLine = 1;
  /** Bytes of the open record from earlier chunks. */
  #held: Buffer[] = [];
  #heldBytes = 0;
  /** Set while skipping the rest of an over-long record: its start, for the rejects file. */
  #dropping: string | null = null;
  /** Line of the header (the first record with any bytes), once its end has been seen. */
  #headerLine: number | null = null;

  constructor(delimiter: string) {
    // A multi-byte delimiter is told by its last byte: the guard only needs field starts roughly right.
    const bytes = Buffer.from(delimiter);
    this.#delimiter = bytes[bytes.length - 1]!;
  }

  /** The chunks with the refused records replaced by placeholders. */
  async *filter(chunks: AsyncIterable<Buffer>): AsyncIterable<Buffer> {
    for await (const chunk of chunks) {
      const out = this.#scan(chunk);
      if (out.length > 0) yield out;
    }
    const rest = this.#end();
    if (rest.length > 0) yield rest;
  }

  /** The problem of a placeholder record, given csv-parse's raw text of it; undefined for a real record. */
  takeRefused(raw: string): RefusedRecord | undefined {
    if (!raw.includes(MARKER)) return undefined;
    const id = Number(PLACEHOLDER.exec(raw)?.[1]);
    const refused = this.#refused.get(id);
    this.#refused.delete(id);
    return refused;
  }

  #placeholder(newlines: number, refused: RefusedRecord): Buffer {
    // Without its header no row of the file can be read: the import stops, before any row is stored.
    if (refused.line === this.#headerLine) throw new ImportError(`the CSV header (line ${refused.line}) cannot be read: ${refused.problem}`);
    const id = this.#nextId++;
    this.#refused.set(id, refused);
    return Buffer.from(`"${MARKER}${id}\u0000${'\n'.repeat(newlines)}"`);
  }

  #scan(chunk: Buffer): Buffer {
    if (chunk.length === 0) return chunk;
    const out: Buffer[] = [];
    const startLine = this.#recordLine;
    const d = this.#delimiter;
    const n = chunk.length;
    let quoting = this.#quoting;
    let fieldStart = this.#fieldStart;
    let line = this.#line;
    let emitFrom = 0;
    let recordStart = 0;
    let i = 0;
    if (this.#pendingQuote) {
      this.#pendingQuote = false;
      const next = chunk[0];
      if (next === QUOTE) i = 1;
      else if (next === d || next === LF || next === CR) quoting = false;
    }
    for (; i < n; i++) {
      const b = chunk[i]!;
      if (quoting) {
        if (b === QUOTE) {
          if (i + 1 === n) {
            this.#pendingQuote = true;
            break;
          }
          const next = chunk[i + 1];
          if (next === QUOTE) i++;
          else if (next === d || next === LF || next === CR) quoting = false;
        } else if (b === LF) line++;
        continue;
      }
      if (b === LF || b === CR) {
        const length = this.#heldBytes + i - recordStart;
        if (this.#headerLine === null && (length > 0 || this.#dropping !== null)) this.#headerLine = this.#recordLine;
        if (this.#dropping !== null || length > MAX_ROW_BYTES) {
          const raw = this.#dropping ?? rawOf(Buffer.concat([...this.#held, chunk.subarray(recordStart, i)]));
          if (recordStart > emitFrom) out.push(chunk.subarray(emitFrom, recordStart));
          out.push(this.#placeholder(line - this.#recordLine, { line: this.#recordLine, raw, problem: OVERLONG, problemCode: 'row_too_long' }));
          this.#dropping = null;
          this.#held = [];
          this.#heldBytes = 0;
          emitFrom = i;
        } else if (this.#heldBytes > 0) {
          out.push(...this.#held);
          this.#held = [];
          this.#heldBytes = 0;
        }
        if (b === LF) line++;
        recordStart = i + 1;
        this.#recordLine = line;
        fieldStart = true;
        continue;
      }
      if (b === d) fieldStart = true;
      else {
        if (b === QUOTE && fieldStart) quoting = true;
        fieldStart = false;
      }
    }
    this.#quoting = quoting;
    this.#fieldStart = fieldStart;
    this.#line = line;

    // The open record: held back until it ends, or skipped from here on if already too long.
    if (recordStart > emitFrom) out.push(chunk.subarray(emitFrom, recordStart));
    if (this.#dropping === null && recordStart < n) {
      if (this.#heldBytes + n - recordStart > MAX_ROW_BYTES) {
        this.#dropping = rawOf(Buffer.concat([...this.#held, chunk.subarray(recordStart, recordStart + 4 * (MAX_RAW_IN_REJECTS + 1))]));
        this.#held = [];
        this.#heldBytes = 0;
      } else {
        this.#held.push(chunk.subarray(recordStart));
        this.#heldBytes += n - recordStart;
      }
    }
    return this.#checked(out, startLine, false);
  }

  #end(): Buffer {
    const out: Buffer[] = [];
    const startLine = this.#recordLine;
    if (this.#headerLine === null && (this.#heldBytes > 0 || this.#dropping !== null)) this.#headerLine = this.#recordLine;
    if (this.#dropping !== null) {
      // A quote is still open at the end: it swallowed everything after it (csv-parse says so for shorter ones).
      const problem = this.#quoting && !this.#pendingQuote ? `${OVERLONG}: a quote opened in it is never closed, so every line after it was read into it` : OVERLONG;
      out.push(this.#placeholder(this.#line - this.#recordLine, { line: this.#recordLine, raw: this.#dropping, problem, problemCode: 'row_too_long' }));
      this.#dropping = null;
    } else out.push(...this.#held);
    this.#held = [];
    this.#heldBytes = 0;
    return this.#checked(out, startLine, true);
  }

  /**
   * The complete records of `out` as one buffer, those that are not valid UTF-8 replaced by
   * placeholders. `line` is where the first starts.
   */
  #checked(out: Buffer[], line: number, atEnd: boolean): Buffer {
    const bytes = out.length === 1 ? out[0]! : Buffer.concat(out);
    if (isUtf8(bytes)) return bytes;
    // Record by record, with the same rules as #scan (these bytes start and end on record boundaries).
    const fixed: Buffer[] = [];
    const d = this.#delimiter;
    let quoting = false;
    let fieldStart = true;
    let start = 0;
    let recordLine = line;
    let emitFrom = 0;
    const endRecord = (end: number) => {
      const record = bytes.subarray(start, end);
      if (!isUtf8(record)) {
        if (start > emitFrom) fixed.push(bytes.subarray(emitFrom, start));
        fixed.push(this.#placeholder(line - recordLine, { line: recordLine, raw: rawOf(record), problem: invalidUtf8Problem(record, 'record'), problemCode: 'invalid_utf8' }));
        emitFrom = end;
      }
    };
    for (let i = 0; i < bytes.length; i++) {
      const b = bytes[i]!;
      if (quoting) {
        if (b === QUOTE) {
          const next = bytes[i + 1];
          if (next === QUOTE) i++;
          else if (next === undefined || next === d || next === LF || next === CR) quoting = false;
        } else if (b === LF) line++;
        continue;
      }
      if (b === LF || b === CR) {
        endRecord(i);
        if (b === LF) line++;
        start = i + 1;
        recordLine = line;
        fieldStart = true;
        continue;
      }
      if (b === d) fieldStart = true;
      else {
        if (b === QUOTE && fieldStart) quoting = true;
        fieldStart = false;
      }
    }
    if (start < bytes.length) {
      if (!atEnd) throw new Error('csv guard: a chunk must end on a record boundary');
      endRecord(bytes.length);
    }
    if (emitFrom < bytes.length) fixed.push(bytes.subarray(emitFrom));
    return Buffer.concat(fixed);
  }
}
