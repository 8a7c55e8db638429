/**
 * JSON Lines → rows, one per line, numbered; parsing is left to `prepareRows`. Lines are
 * split by hand rather than with node:readline because a line must be capped in length
 * while it is read (readline buffers a 2 GB line whole), and rows are handed on per chunk.
 *
 * Lines are split as bytes, so that a line that is not valid UTF-8 is rejected on its own
 * (decoding it would put U+FFFD in place of its bad bytes): the complete lines of a chunk
 * are checked at once, and one by one only when that check fails.
 */
import { MAX_RAW_IN_REJECTS, MAX_ROW_BYTES, type ParsedRow, type RowReader } from '../../core/files/parsed-row.ts';
import { invalidUtf8Problem, isUtf8 } from '../../core/files/utf8.ts';

const LF = 0x0a;
const OVERLONG = `line longer than ${MAX_ROW_BYTES.toLocaleString('en')} bytes`;

/** The start of an over-long line for the rejects file: a character more than it keeps, so it marks the raw text as cut. */
const rawStart = (bytes: Buffer) => bytes.toString('utf8', 0, Math.min(bytes.length, 4 * (MAX_RAW_IN_REJECTS + 1))).slice(0, MAX_RAW_IN_REJECTS + 1);

export async function* readJsonLines(chunks: AsyncIterable<Buffer>): RowReader {
  let line = 0;
  /** The current line's bytes so far, when it started in an earlier chunk. */
  let carry: Buffer[] = [];
  let carried = 0;
  /** Set while skipping the rest of an over-long line: its start, kept for the rejects file. */
  let overlong: string | null = null;

  /** A line as text: BOM, CR and blank lines dealt with. */
  const takeText = (text: string, rows: ParsedRow[]) => {
    line++;
    if (line === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    if (text.endsWith('\r')) text = text.slice(0, -1);
    if (text.trim() === '') return;
    rows.push({ line, raw: text });
  };
  /** One line's bytes (without its LF). */
  const takeBytes = (bytes: Buffer, rows: ParsedRow[]) => {
    if (bytes.length > MAX_ROW_BYTES) {
      line++;
      rows.push({ line, raw: rawStart(bytes), problem: OVERLONG });
    } else if (isUtf8(bytes)) takeText(bytes.toString('utf8'), rows);
    else {
      line++;
      rows.push({ line, raw: bytes.toString('utf8').replace(/[\r\n]+$/, ''), problem: invalidUtf8Problem(bytes, 'line') });
    }
  };
  /** Whole lines, each ending with LF: decoded at once when valid (the usual case), else one by one. */
  const takeLines = (bytes: Buffer, rows: ParsedRow[]) => {
    if (bytes.length <= MAX_ROW_BYTES && isUtf8(bytes)) {
      const text = bytes.toString('utf8');
      let start = 0;
      for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
        takeText(text.slice(start, nl), rows);
        start = nl + 1;
      }
      return;
    }
    let start = 0;
    for (let nl = bytes.indexOf(LF); nl !== -1; nl = bytes.indexOf(LF, start)) {
      takeBytes(bytes.subarray(start, nl), rows);
      start = nl + 1;
    }
  };
  /** Bytes of a line that goes on in the next chunk. */
  const hold = (bytes: Buffer) => {
    if (bytes.length === 0) return;
    if (overlong !== null) return;
    carry.push(bytes);
    carried += bytes.length;
    if (carried > MAX_ROW_BYTES) {
      overlong = rawStart(Buffer.concat(carry));
      carry = [];
      carried = 0;
    }
  };
  /** The end of the held line, up to its LF (excluded). */
  const finish = (bytes: Buffer, rows: ParsedRow[]) => {
    if (overlong !== null) {
      line++;
      rows.push({ line, raw: overlong, problem: OVERLONG });
      overlong = null;
    } else if (carried === 0) takeBytes(bytes, rows);
    else takeBytes(Buffer.concat([...carry, bytes]), rows);
    carry = [];
    carried = 0;
  };

  for await (const chunk of chunks) {
    const rows: ParsedRow[] = [];
    const first = chunk.indexOf(LF);
    if (first === -1) {
      hold(chunk);
      continue;
    }
    let start = 0;
    if (carried > 0 || overlong !== null) {
      finish(chunk.subarray(0, first), rows);
      start = first + 1;
    }
    const last = chunk.lastIndexOf(LF);
    if (last >= start) takeLines(chunk.subarray(start, last + 1), rows);
    hold(chunk.subarray(last + 1));
    if (rows.length > 0) yield rows;
  }
  const rows: ParsedRow[] = [];
  if (carried > 0 || overlong !== null) finish(Buffer.alloc(0), rows);
  if (rows.length > 0) yield rows;
}
