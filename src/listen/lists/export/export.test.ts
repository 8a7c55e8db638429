import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { MentionInput } from '../../../core/mention.ts';
import { upsertMentions } from '../../../store/mention-writer.ts';
import { describeEachStore } from '../../../store/testing.ts';
import { workspaceId } from '../../../store/workspaces.ts';
import { csvCell, writeCsv } from './csv.ts';
import { mentionTable } from './mention-table.ts';
import { objectTable, type ExportTable } from './table.ts';
import { writeTable } from './write.ts';
import { writeXlsx } from './xlsx.ts';

async function written(write: (out: PassThrough) => Promise<number>): Promise<{ rows: number; bytes: Buffer }> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  const rows = await write(out);
  return { rows, bytes: Buffer.concat(chunks) };
}

describe('CSV cells', () => {
  it('defuses formulas, quotes what CSV needs quoted, keeps numbers as numbers', () => {
    expect(['=HYPERLINK("http://x","click")', '+1 555', '-2+3', '@SUM(A1)', '\tx', 'plain'].map(csvCell)).toEqual([
      `"'=HYPERLINK(""http://x"",""click"")"`,
      "'+1 555",
      "'-2+3",
      "'@SUM(A1)",
      "'\tx",
      'plain',
    ]);
    expect([-5, 0.5, null, undefined, true, new Date(Date.UTC(2026, 2, 1))].map(csvCell)).toEqual(['-5', '0.5', '', '', 'true', '2026-03-01T00:00:00.000Z']);
    expect(csvCell('a,b\nc "d"')).toBe('"a,b\nc ""d"""');
  });

  it('writes any list of objects with dotted columns', async () => {
    const table = objectTable('Advocates', [{ author: 'a', reach: { positive: 3 }, channels: ['x', 'y'] }, { author: '=b', reach: { positive: 1 } }]);
    const { bytes } = await written((out) => writeCsv(table, out));
    expect(bytes.toString('utf8')).toBe('\uFEFFauthor,reach.positive,channels\r\na,3,"[""x"",""y""]"\r\n\'=b,1,\r\n');
  });
});

const T0 = Date.UTC(2026, 2, 1);
function mention(i: number, text = `Brewly ${i}`): MentionInput {
  return {
    source: 'mastodon',
    externalId: `m${i}`,
    url: `https://social.example/${i}`,
    author: { handle: `user${i}`, displayName: `User ${i}`, followers: i * 10 },
    text,
    publishedAt: new Date(T0 + i * 60_000),
    engagement: { likes: i, shares: 0, replies: 0, views: null },
    sentiment: { label: 'negative', score: -0.5, probabilities: { negative: 0.7, neutral: 0.2, positive: 0.1 } },
  };
}

describeEachStore('mention exports', (open) => {
  it('exports every mention of a search as CSV, across pages, in the search order', async () => {
    const store = await open();
    const ws = await workspaceId(store);
    await upsertMentions(store, ws, [...Array.from({ length: 2500 }, (_, i) => mention(i)), mention(2500, '=cmd|"/c calc"!A1 brewly')]);
    const { rows, bytes } = await written(async (out) => writeTable('csv', await mentionTable(store, ws, { query: 'brewly', sort: 'engagement' }), out));
    expect(rows).toBe(2501);
    const lines = bytes.toString('utf8').split('\r\n');
    expect(lines[0]).toBe('\uFEFFid,published_at,source,author,author_name,followers,text,url,lang,sentiment,sentiment_score,sentiment_not_sure,likes,shares,replies,views,topics,parent_id');
    expect(lines[1]).toContain(`"'=cmd|""/c calc""!A1 brewly"`);
    expect(lines[2]).toContain(',Brewly 2499,');
    expect(lines).toHaveLength(2503);
    await expect(mentionTable(store, ws, { query: 'brewly AND (' })).rejects.toThrow(/query/i);
  });

  it('exports XLSX that a spreadsheet reads back: header, dates as dates, text as text', async () => {
    const store = await open();
    const ws = await workspaceId(store);
    // Mention 2's top probability (0.4) is under NOT_SURE_BELOW: the model was not sure of it.
    const unsure = { ...mention(2, '=1+1 brewly'), sentiment: { label: 'neutral' as const, score: 0, probabilities: { negative: 0.3, neutral: 0.4, positive: 0.3 } } };
    await upsertMentions(store, ws, [mention(1), unsure]);
    const { rows, bytes } = await written(async (out) => writeXlsx(await mentionTable(store, ws, { collapse: true }), out));
    expect(rows).toBe(2);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('Mentions')!;
    expect(sheet.getRow(1).values).toContain('group_members');
    const first = sheet.getRow(2);
    expect(first.getCell(7).value).toBe('=1+1 brewly');
    expect(first.getCell(7).type).toBe(ExcelJS.ValueType.String);
    expect(first.getCell(2).value).toEqual(new Date(T0 + 2 * 60_000));
    expect(sheet.getRow(3).getCell(4).value).toBe('user1');
    const notSure = (sheet.getRow(1).values as unknown[]).indexOf('sentiment_not_sure');
    expect([first.getCell(notSure).value, sheet.getRow(3).getCell(notSure).value]).toEqual([true, false]);
    expect(sheet.rowCount).toBe(3);
  });
});

it('goes on in another sheet past the rows one sheet holds, rather than cutting the list', async () => {
  const table: ExportTable = { name: 'Rows', columns: ['n'], rows: (function* () { for (let i = 0; i < 7; i++) yield [i]; })() };
  const { rows, bytes } = await written((out) => writeXlsx(table, out, 4));
  expect(rows).toBe(7);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  expect(book.worksheets.map((s) => [s.name, s.getColumn(1).values.filter((v) => v !== undefined)])).toEqual([
    ['Rows', ['n', 0, 1, 2]],
    ['Rows 2', ['n', 3, 4, 5]],
    ['Rows 3', ['n', 6]],
  ]);
});

it('stops when its reader goes away instead of waiting for it forever', async () => {
  const out = new PassThrough({ highWaterMark: 16 });
  let produced = 0;
  const table: ExportTable = { name: 'Rows', columns: ['n'], rows: (function* () { for (;;) yield [produced++]; })() };
  const writing = writeCsv(table, out);
  // Nobody reads: the writer waits for room, then the reader is gone.
  await new Promise((resolve) => setImmediate(resolve));
  out.destroy();
  await expect(writing).rejects.toThrow(/cancelled: its reader went away/);
  expect(produced).toBeLessThan(10);
});
