import { describe, expect, it } from 'vitest';
import { readJsonLines } from './jsonl-reader.ts';
import { MAX_ROW_BYTES, type ParsedRow } from '../../core/files/parsed-row.ts';

async function read(...chunks: (string | Buffer)[]): Promise<ParsedRow[]> {
  async function* source() {
    for (const chunk of chunks) yield Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
  }
  const rows: ParsedRow[] = [];
  for await (const batch of readJsonLines(source())) rows.push(...batch);
  return rows;
}

describe('JSON Lines reader', () => {
  it('numbers lines from 1, skipping blank lines but counting them, and strips CR', async () => {
    const rows = await read('{"a":1}\n\n  \n{"a":2}\r\n{"a":3}');
    expect(rows).toEqual([
      { line: 1, raw: '{"a":1}' },
      { line: 4, raw: '{"a":2}' },
      { line: 5, raw: '{"a":3}' },
    ]);
  });

  it('joins lines and multi-byte characters split across chunks, and drops a BOM', async () => {
    const bytes = Buffer.from('\ufeff{"t":"Доставка"}\n{"t":"ok"}\n');
    const rows = await read(bytes.subarray(0, 10), bytes.subarray(10, 13), bytes.subarray(13));
    expect(rows.map((r) => r.raw)).toEqual(['{"t":"Доставка"}', '{"t":"ok"}']);
  });

  it('rejects an over-long line without keeping it whole, and reads on', async () => {
    const long = `{"t":"${'x'.repeat(MAX_ROW_BYTES)}"}`;
    const rows = await read('{"a":1}\n', long.slice(0, 1_500_000), long.slice(1_500_000), '\n{"a":3}\n');
    expect(rows).toHaveLength(3);
    expect(rows[1]).toMatchObject({ line: 2, problem: 'line longer than 2,000,000 bytes' });
    expect(rows[1]!.raw.length).toBe(10_001); // one more than the rejects file keeps, so it says the raw text was cut
    expect(rows[2]).toEqual({ line: 3, raw: '{"a":3}' });
  });

  it('rejects each line that is not valid UTF-8 on its own, wherever the chunks split, and reads the rest', async () => {
    const latin1 = Buffer.from('{"t":"caf\xe9"}', 'latin1');
    const bytes = Buffer.concat([Buffer.from('{"t":"Доставка"}\n'), latin1, Buffer.from('\n{"t":"ok é"}\r\n{"t":"\ufffd is fine when written"}\n')]);
    for (const size of [1, 3, 7, bytes.length]) {
      const chunks: Buffer[] = [];
      for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
      const rows = await read(...chunks);
      expect(rows.map((r) => [r.line, r.problem ?? r.raw]), `chunks of ${size}`).toEqual([
        [1, '{"t":"Доставка"}'],
        [2, 'not valid UTF-8: byte 0xE9 at byte 10 of the line; if the file is in Windows-1252 or Latin-1 (e.g. saved by Excel), import it with --encoding cp1252 or --encoding latin1'],
        [3, '{"t":"ok é"}'],
        [4, '{"t":"\ufffd is fine when written"}'],
      ]);
      expect(rows[1]!.raw).toBe('{"t":"caf\ufffd"}');
    }
  });
});
