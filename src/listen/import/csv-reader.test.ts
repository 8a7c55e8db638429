import { describe, expect, it } from 'vitest';
import { readCsv, sniffDelimiter } from './csv-reader.ts';
import type { ParsedRow } from './parsed-row.ts';

async function read(text: string, chunkSize = 7): Promise<ParsedRow[]> {
  const bytes = Buffer.from(text);
  async function* source() {
    for (let i = 0; i < bytes.length; i += chunkSize) yield bytes.subarray(i, i + chunkSize);
  }
  const rows: ParsedRow[] = [];
  for await (const batch of readCsv(source(), bytes.subarray(0, 4096))) rows.push(...batch);
  return rows;
}

describe('CSV reader', () => {
  it('reads quoted fields with newlines, commas and quotes, numbering each record by its first line', async () => {
    const rows = await read('id,text,date\n1,"line one\nline two, ""quoted""",2026-01-01\n2,plain,2026-01-02\n');
    expect(rows.map((r) => [r.line, r.value])).toEqual([
      [2, { id: '1', text: 'line one\nline two, "quoted"', date: '2026-01-01' }],
      [4, { id: '2', text: 'plain', date: '2026-01-02' }],
    ]);
  });

  it('drops a BOM and trims header names', async () => {
    const rows = await read('\ufeff id , text \r\n1,hé\r\n');
    expect(rows[0]!.value).toEqual({ id: '1', text: 'hé' });
  });

  it('detects semicolon, tab and pipe delimiters from the header', async () => {
    expect(sniffDelimiter('id;text;"a,b";date\n1,2,3,4')).toBe(';');
    expect(sniffDelimiter('id\ttext\tdate')).toBe('\t');
    expect(sniffDelimiter('id|text|date')).toBe('|');
    expect(sniffDelimiter('\ufeffid,text')).toBe(',');
    const rows = await read('id;text;date\n1;"a, b; c";2026-01-01\n');
    expect(rows[0]!.value).toEqual({ id: '1', text: 'a, b; c', date: '2026-01-01' });
  });

  it('turns records with the wrong number of fields into problems and reads on', async () => {
    const rows = await read('id,text\n1,ok\n2,too,many\n3,fine\n4,"never closed\n5,x\n');
    expect(rows.map((r) => [r.line, r.problem ? 'problem' : r.value])).toEqual([
      [2, { id: '1', text: 'ok' }],
      [3, 'problem'],
      [4, { id: '3', text: 'fine' }],
      [5, 'problem'],
    ]);
    expect(rows[1]).toMatchObject({ raw: '2,too,many', problem: expect.stringMatching(/^broken CSV: Invalid Record Length/) });
    expect(rows[3]).toMatchObject({
      raw: '4,"never closed\n5,x',
      problem: 'broken CSV: the record on line 5 opens a quote that is never closed, so the 1 line after it were read into it (close the quote, or write a quote inside a quoted field as "")',
    });
  });

  it('names the line where a record with a quote left open starts, whatever the line ends', async () => {
    const lf = 'id,text\n1,"a\nb"\n\n2,"never closed\n3,x\n4,y\n';
    for (const [text, chunkSize] of [lf, lf.replaceAll('\n', '\r\n'), lf.trimEnd(), lf.replaceAll('\n', '\r\n').trimEnd()].flatMap((t) => [1, 7, 4096].map((size) => [t, size] as const))) {
      const rows = await read(text, chunkSize);
      expect(rows.map((r) => r.line), JSON.stringify(text)).toEqual([2, 5]);
      expect(rows[1]!.problem, JSON.stringify(text)).toMatch(/^broken CSV: the record on line 5 opens a quote that is never closed, so the 2 lines after it/);
    }
  });
});
