import { describe, expect, it } from 'vitest';
import { ImportError } from './errors.ts';
import { parseEncoding, sniffEncoding, toUtf8, type ImportEncoding } from './encoding.ts';

async function convert(bytes: Buffer, encoding: ImportEncoding, chunkSize = 3): Promise<string> {
  async function* source() {
    for (let i = 0; i < bytes.length; i += chunkSize) yield bytes.subarray(i, i + chunkSize);
  }
  const out: Buffer[] = [];
  for await (const chunk of toUtf8(source(), encoding)) out.push(chunk);
  return Buffer.concat(out).toString('utf8');
}

describe('import encodings', () => {
  it('reads Windows-1252 with its own characters in 0x80-0x9F, and Latin-1 byte for byte', async () => {
    const bytes = Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x20, 0x80, 0x93, 0x71, 0x94, 0x85, 0x9f, 0x81]);
    expect(await convert(bytes, 'cp1252')).toBe('café €“q”…Ÿ\u0081');
    expect(await convert(bytes, 'latin1')).toBe('café \u0080\u0093q\u0094\u0085\u009f\u0081');
  });

  it('reads UTF-16 in both byte orders, characters split between chunks included, and drops the byte order mark', async () => {
    const text = 'id,text\nDoставка 😀\n';
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const be = Buffer.from(le);
    be.swap16();
    expect(sniffEncoding(le)).toBe('utf16le');
    expect(sniffEncoding(be)).toBe('utf16be');
    expect(sniffEncoding(Buffer.from('id'))).toBe('utf8');
    for (const size of [1, 3, 5]) {
      expect(await convert(le, 'utf16le', size)).toBe(text);
      expect(await convert(be, 'utf16be', size)).toBe(text);
    }
  });

  it('knows the usual names', () => {
    expect(['UTF-8', 'windows-1252', 'ISO-8859-1', 'utf-16le'].map(parseEncoding)).toEqual(['utf8', 'cp1252', 'latin1', 'utf16le']);
    expect(() => parseEncoding('ebcdic')).toThrow(ImportError);
  });
});
