import { describe, expect, it } from 'vitest';
import { readCsv, sniffDelimiter } from './csv-reader.ts';
import { ImportError } from './errors.ts';
import type { ParsedRow } from './parsed-row.ts';

async function read(text: string | Buffer, chunkSize = 7): Promise<ParsedRow[]> {
  const bytes = Buffer.isBuffer(text) ? text : Buffer.from(text);
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

  it('rejects a record over 2 MB as one row, on its first line, and reads every row after it', async () => {
    const good = Array.from({ length: 2000 }, (_, i) => `${i + 3},row ${i + 3},2026-01-01`);
    for (const [long, eol, size] of [
      [`x`.repeat(3_000_000), '\n', 256 * 1024],
      [`"${'y'.repeat(1_500_000)}\n${'z'.repeat(1_500_000)}"`, '\r\n', 65_536],
      [`"${'w'.repeat(10_000_000)}"`, '\n', 4 * 1024 * 1024],
    ] as const) {
      const text = ['id,text,date', '1,ok,2026-01-01', `2,${long},2026-01-01`, ...good].join(eol) + eol;
      const rows = await read(text, size);
      const quoted = long.includes('\n') ? 1 : 0;
      expect(rows, `${long.length} ${JSON.stringify(eol)}`).toHaveLength(2002);
      expect(rows.filter((r) => r.problem).map((r) => [r.line, r.problem])).toEqual([[3, 'record longer than 2,000,000 bytes']]);
      expect(rows[1]!.raw.length).toBe(10_001); // one more than the rejects file keeps, so it says the raw text was cut
      expect(rows[2]).toMatchObject({ line: 4 + quoted, value: { id: '3', text: 'row 3' } });
      expect(rows[2001]).toMatchObject({ line: 2003 + quoted, value: { id: '2002', text: 'row 2002' } });
    }
  });

  it('names the line of an over-long record whose quote is never closed', async () => {
    const rows = await read(`id,text\n1,a\n2,"${'q'.repeat(2_100_000)}\n3,b\n4,c\n`, 65_536);
    expect(rows.map((r) => [r.line, r.problem ?? 'ok'])).toEqual([
      [2, 'ok'],
      [3, 'record longer than 2,000,000 bytes: a quote opened in it is never closed, so every line after it was read into it'],
    ]);
  });

  it('rejects each record that is not valid UTF-8, quoted line breaks included, and reads the rest', async () => {
    const bytes = Buffer.concat([
      Buffer.from('id,text\r\n1,Доставка\r\n2,"caf'),
      Buffer.from([0xe9]),
      Buffer.from('\r\nsecond line"\r\n3,ok\r\n4,'),
      Buffer.from([0x93, 0x71, 0x94]),
      Buffer.from('\r\n5,fine\r\n'),
    ]);
    for (const size of [1, 5, 4096]) {
      const rows = await read(bytes, size);
      expect(rows.map((r) => [r.line, r.problem?.slice(0, 44) ?? r.value]), `chunks of ${size}`).toEqual([
        [2, { id: '1', text: 'Доставка' }],
        [3, 'not valid UTF-8: byte 0xE9 at byte 7 of the '],
        [5, { id: '3', text: 'ok' }],
        [6, 'not valid UTF-8: byte 0x93 at byte 3 of the '],
        [7, { id: '5', text: 'fine' }],
      ]);
      expect(rows[1]!.raw).toBe('2,"caf\ufffd\r\nsecond line"');
    }
  });

  it('reads a one-column file with a refused record', async () => {
    const rows = await read(Buffer.concat([Buffer.from('text\nok\n'), Buffer.from([0xff]), Buffer.from('\nfine\n')]));
    expect(rows.map((r) => [r.line, r.problem ? 'problem' : r.value])).toEqual([
      [2, { text: 'ok' }],
      [3, 'problem'],
      [4, { text: 'fine' }],
    ]);
  });

  it('stops before any row when the header itself cannot be read', async () => {
    const latin1 = Buffer.from('id,texte,créé le\n1,a,2026-01-01\n', 'latin1');
    await expect(read(latin1)).rejects.toThrow(ImportError);
    await expect(read(latin1)).rejects.toThrow(/the CSV header \(line 1\) cannot be read: not valid UTF-8.*--encoding cp1252/);
  });
});
