import { describe, expect, it } from 'vitest';
import { readJsonLines } from './jsonl-reader.ts';
import { MAX_ROW_CHARS, type ParsedRow } from './parsed-row.ts';

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
    const long = `{"t":"${'x'.repeat(MAX_ROW_CHARS)}"}`;
    const rows = await read('{"a":1}\n', long.slice(0, 1_500_000), long.slice(1_500_000), '\n{"a":3}\n');
    expect(rows).toHaveLength(3);
    expect(rows[1]).toMatchObject({ line: 2, problem: 'line longer than 2,000,000 characters' });
    expect(rows[1]!.raw.length).toBeLessThanOrEqual(10_000);
    expect(rows[2]).toEqual({ line: 3, raw: '{"a":3}' });
  });
});
