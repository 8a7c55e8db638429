/**
 * JSON Lines → rows, one per line, numbered; parsing is left to `prepareRows`. Lines are split by hand rather
 * than with node:readline because a line must be capped in length while it is
 * read (readline buffers a 2 GB line whole), and rows are handed on per chunk.
 */
import { StringDecoder } from 'node:string_decoder';
import { MAX_RAW_IN_REJECTS, MAX_ROW_CHARS, type ParsedRow, type RowReader } from './parsed-row.ts';

export async function* readJsonLines(chunks: AsyncIterable<Buffer>): RowReader {
  const decoder = new StringDecoder('utf8');
  let carry = '';
  let line = 0;
  /** Set while skipping the rest of an over-long line: its start, kept for the rejects file. */
  let overlong: string | null = null;

  const take = (text: string, rows: ParsedRow[]) => {
    line++;
    if (line === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    if (text.endsWith('\r')) text = text.slice(0, -1);
    if (text.trim() === '') return;
    rows.push({ line, raw: text });
  };

  for await (const chunk of chunks) {
    const rows: ParsedRow[] = [];
    const text = decoder.write(chunk);
    let start = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
      if (overlong !== null) {
        line++;
        rows.push({ line, raw: overlong, problem: `line longer than ${MAX_ROW_CHARS.toLocaleString('en')} characters` });
        overlong = null;
      } else {
        take(start === 0 ? carry + text.slice(0, nl) : text.slice(start, nl), rows);
      }
      carry = '';
      start = nl + 1;
    }
    if (overlong === null) {
      carry = start === 0 ? carry + text : text.slice(start);
      if (carry.length > MAX_ROW_CHARS) {
        overlong = carry.slice(0, MAX_RAW_IN_REJECTS);
        carry = '';
      }
    }
    if (rows.length > 0) yield rows;
  }
  const rest = carry + decoder.end();
  const rows: ParsedRow[] = [];
  if (overlong !== null) {
    line++;
    rows.push({ line, raw: overlong, problem: `line longer than ${MAX_ROW_CHARS.toLocaleString('en')} characters` });
  } else if (rest !== '') take(rest, rows);
  if (rows.length > 0) yield rows;
}
