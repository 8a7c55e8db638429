/**
 * CSV → parsed rows keyed by the header, through csv-parse's streaming parser
 * (quoted fields with newlines, BOM, CRLF). A record csv-parse cannot read (wrong
 * number of fields, a quote left open), or that the guard takes out before it (longer
 * than MAX_ROW_BYTES, not valid UTF-8: csv-guard.ts), becomes a rejected row, not a
 * stopped import.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parse, type CsvError, type Info } from 'csv-parse';
import { CsvRecordGuard } from './csv-guard.ts';
import type { ParsedRow, RowReader } from './parsed-row.ts';

const CANDIDATE_DELIMITERS = [',', ';', '\t', '|'] as const;

/**
 * The delimiter of a CSV file, from its header line: the candidate that occurs most
 * outside quotes. Ours rather than csv-parse's `delimiter_auto`, which scores every
 * ASCII character and can pick a letter or a space in a header of long names.
 */
export function sniffDelimiter(head: string): string {
  const counts = new Map<string, number>();
  let quoted = false;
  for (const char of head.replace(/^\ufeff/, '')) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) break;
    else if (!quoted && (CANDIDATE_DELIMITERS as readonly string[]).includes(char)) counts.set(char, (counts.get(char) ?? 0) + 1);
  }
  let best = ',';
  for (const [char, n] of counts) if (n > (counts.get(best) ?? 0)) best = char;
  return best;
}

const countOf = (text: string, needle: string) => {
  let n = 0;
  for (let i = text.indexOf(needle); i !== -1; i = text.indexOf(needle, i + needle.length)) n++;
  return n;
};

/** The record's own text, without the blank lines before it or the line break after it. */
function trimBreaks(raw: string): string {
  return raw.replace(/^[\r\n]+/, '').replace(/[\r\n]+$/, '');
}

/**
 * First line of each record, in parse order. csv-parse reports the line where a record
 * ends, and counts a CRLF inside a quoted field as two lines (7.0.3); we undo that
 * so rejects point at the line an editor shows.
 */
function lineTracker() {
  let doubleCounted = 0;
  return (reportedEndLine: number, raw: string): number => {
    const body = trimBreaks(raw);
    doubleCounted += countOf(body, '\r\n');
    return reportedEndLine - doubleCounted - countOf(body, '\n');
  };
}

/**
 * The line of the file's last text, counted as the chunks go by. A quote left open is
 * only noticed at the end of the file, where csv-parse's line count depends on how the
 * file ends (a last CRLF inside the open quote counts once, a last LF not at all) and its
 * raw text loses blank lines of CRLF files; that record is placed back from the end.
 */
function lastTextLine() {
  let lines = 0; // line breaks (LF) seen so far
  let last = 1;
  return {
    async *tap(chunks: AsyncIterable<Buffer>): AsyncIterable<Buffer> {
      for await (const chunk of chunks) {
        let end = chunk.length - 1;
        while (end >= 0 && (chunk[end] === 0x0a || chunk[end] === 0x0d)) end--;
        let breaks = 0;
        let breaksBeforeEnd = 0;
        for (let at = chunk.indexOf(0x0a); at !== -1; at = chunk.indexOf(0x0a, at + 1)) {
          breaks++;
          if (at < end) breaksBeforeEnd++;
        }
        if (end >= 0) last = lines + breaksBeforeEnd + 1;
        lines += breaks;
        yield chunk;
      }
    },
    get value() {
      return last;
    },
  };
}

export interface CsvOptions {
  /** Field delimiter; sniffed from the header when absent. */
  delimiter?: string;
}

interface CsvOutput {
  record: Record<string, string>;
  raw: string;
  info: Info;
}

export async function* readCsv(chunks: AsyncIterable<Buffer>, head: Buffer, options: CsvOptions = {}): RowReader {
  const skipped: ParsedRow[] = [];
  const firstLine = lineTracker();
  const fileEnd = lastTextLine();
  const delimiter = options.delimiter ?? sniffDelimiter(head.toString('utf8', 0, 64 * 1024));
  const guard = new CsvRecordGuard(delimiter);
  const parser = parse({
    bom: true,
    delimiter,
    columns: (header: string[]) => header.map((name) => name.trim()),
    info: true,
    raw: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    // No max_record_size: the guard keeps longer records away (csv-parse's own limit loses the rest of the chunk).
    // Both callbacks run in parse order, which the line tracker needs.
    on_record: (output: unknown): ParsedRow => {
      const { record, raw, info } = output as CsvOutput;
      const line = firstLine(info.lines, raw);
      // A one-column file reads a placeholder as a record.
      const refused = guard.takeRefused(raw);
      return refused ? { line, raw: refused.raw, problem: refused.problem, problemCode: refused.problemCode } : { line, raw, value: record };
    },
    on_skip: (error: CsvError | undefined, raw: string | undefined) => {
      const refused = guard.takeRefused(raw ?? '');
      if (refused) {
        // A placeholder: one field where the header has more.
        const endLine = (error as (CsvError & { lines?: number }) | undefined)?.lines ?? 0;
        skipped.push({ line: firstLine(endLine, raw ?? ''), raw: refused.raw, problem: refused.problem, problemCode: refused.problemCode });
        return;
      }
      if (error?.code === 'CSV_QUOTE_NOT_CLOSED') {
        const body = trimBreaks(raw ?? '');
        const line = fileEnd.value - countOf(body, '\n');
        // csv-parse's message names the last line of the file as where the quote opened.
        const swallowed = countOf(body, '\n');
        const problem = `broken CSV: the record on line ${line} opens a quote that is never closed${swallowed > 0 ? `, so the ${swallowed} line${swallowed === 1 ? '' : 's'} after it were read into it` : ''} (close the quote, or write a quote inside a quoted field as "")`;
        skipped.push({ line, raw: body, problem, problemCode: 'broken_csv' });
        return;
      }
      const endLine = (error as (CsvError & { lines?: number }) | undefined)?.lines ?? 0;
      skipped.push({ line: firstLine(endLine, raw ?? ''), raw: trimBreaks(raw ?? ''), problem: `broken CSV: ${error?.message ?? 'unreadable record'}`, problemCode: 'broken_csv' });
    },
  });
  const feeding = pipeline(Readable.from(guard.filter(fileEnd.tap(chunks))), parser);
  // A read error (or an unreadable header) also ends the loop below, which throws it: awaited there, not here.
  feeding.catch(() => {});
  let rows: ParsedRow[] = [];
  for await (const row of parser as AsyncIterable<ParsedRow>) {
    // The parser may run ahead of this loop: hand on the refused records that came before this one.
    while (skipped.length > 0 && skipped[0]!.line < row.line) rows.push(skipped.shift()!);
    rows.push(row);
    if (rows.length >= 512) {
      yield rows;
      rows = [];
    }
  }
  await feeding;
  rows.push(...skipped.splice(0));
  if (rows.length > 0) yield rows;
}
