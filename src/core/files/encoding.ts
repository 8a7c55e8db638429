/**
 * The character encoding of an import (`--encoding`). The readers work on UTF-8 and reject
 * each row that is not valid UTF-8 (utf8.ts); a file in another encoding is converted to
 * UTF-8 as it is read, before anything else looks at it. UTF-16 is recognised by its byte
 * order mark without being asked for (Excel's "Unicode text" export).
 */
import { ImportError } from './errors.ts';

export const ENCODINGS = ['utf8', 'cp1252', 'latin1', 'utf16le', 'utf16be'] as const;
export type ImportEncoding = (typeof ENCODINGS)[number];

const ALIASES: Record<string, ImportEncoding> = {
  utf8: 'utf8',
  'utf-8': 'utf8',
  cp1252: 'cp1252',
  'windows-1252': 'cp1252',
  win1252: 'cp1252',
  latin1: 'latin1',
  'latin-1': 'latin1',
  'iso-8859-1': 'latin1',
  iso88591: 'latin1',
  utf16le: 'utf16le',
  'utf-16le': 'utf16le',
  utf16be: 'utf16be',
  'utf-16be': 'utf16be',
};

export function parseEncoding(name: string): ImportEncoding {
  const encoding = ALIASES[name.trim().toLowerCase()];
  if (!encoding) throw new ImportError(`unknown encoding "${name}"; use one of ${ENCODINGS.join(', ')}`);
  return encoding;
}

/** UTF-16 by its byte order mark, else UTF-8. */
export function sniffEncoding(head: Buffer): ImportEncoding {
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf16be';
  return 'utf8';
}

/**
 * Windows-1252 where it differs from Latin-1 (0x80-0x9F). Node's TextDecoder decodes
 * "windows-1252" as Latin-1 (Node 20-22), so the table is ours. The five bytes it leaves
 * undefined stay the C1 control they are in Latin-1, as WHATWG's decoder does.
 */
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';
const C1 = /[\u0080-\u009f]/g;
const fromC1 = (char: string) => CP1252_HIGH[char.charCodeAt(0) - 0x80]!;

/** The chunks converted to UTF-8. */
export async function* toUtf8(chunks: AsyncIterable<Buffer>, encoding: ImportEncoding): AsyncIterable<Buffer> {
  if (encoding === 'utf8') {
    yield* chunks;
    return;
  }
  if (encoding === 'latin1' || encoding === 'cp1252') {
    // One byte, one character: chunks convert on their own.
    for await (const chunk of chunks) {
      const text = chunk.toString('latin1');
      yield Buffer.from(encoding === 'cp1252' ? text.replace(C1, fromC1) : text, 'utf8');
    }
    return;
  }
  // Drops the byte order mark; a character split between chunks waits for the next one.
  const decoder = new TextDecoder(encoding === 'utf16le' ? 'utf-16le' : 'utf-16be');
  for await (const chunk of chunks) {
    const text = decoder.decode(chunk, { stream: true });
    if (text !== '') yield Buffer.from(text, 'utf8');
  }
  const rest = decoder.decode();
  if (rest !== '') yield Buffer.from(rest, 'utf8');
}
