import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../store/testing.ts';
import { createTestApi, pushedMention, type TestApi } from '../testing.ts';

const ws = '/api/v1/workspaces/acme';

async function sheetOf(payload: Buffer): Promise<ExcelJS.Worksheet> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(payload as unknown as ArrayBuffer);
  return book.getWorksheet('Inbox')!;
}

describeEachStore('inbox exports over the API', (open) => {
  let api: TestApi;
  let ids: number[];
  beforeAll(async () => {
    api = await createTestApi(await open(), { limits: { ingestPerMinute: 1000 } });
    // More than one page of the inbox (200): the export reads them all, in the view's order.
    const mentions = Array.from({ length: 230 }, (_, i) =>
      pushedMention(`i${i}`, i % 10 === 0 ? `Is Brewly open on day ${i}?` : `Brewly ${i}`, new Date(Date.UTC(2026, 2, 1) + i * 60_000).toISOString()),
    );
    ids = (await api.as('editor').post(`${ws}/mentions`, { mentions })).json().ids;
    expect(ids).toHaveLength(230);
    await api.as('editor').post(`${ws}/inbox/triage`, { ids: ids.slice(0, 2), state: 'in_progress', assigneeId: api.users.editor.id, notes: 'call back' });
    await api.as('editor').post(`${ws}/inbox/tags`, { ids: ids.slice(0, 3), add: ['billing'] });
  });
  afterAll(async () => {
    await api.app.close();
  });

  it('streams every page of a view as CSV for a viewer, in the order of its pages', async () => {
    const response = await api.as('viewer').get(`${ws}/inbox/export?view=all&format=csv`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="murmur-inbox-\d{4}-\d{2}-\d{2}\.csv"$/);
    const lines = response.body.split('\r\n').filter(Boolean);
    expect(lines[0]).toMatch(/,state,assignee,notes,tags,priority$/);
    const pages = [...(await api.as('viewer').get(`${ws}/inbox?view=all&limit=200`)).json().items, ...(await api.as('viewer').get(`${ws}/inbox?view=all&limit=200&offset=200`)).json().items];
    expect(lines.slice(1).map((l) => Number(l.split(',')[0]))).toEqual(pages.map((i: { mention: { id: number } }) => i.mention.id));
  });

  it('exports a view as XLSX with each mention’s triage, tags and reply priority', async () => {
    const mine = await sheetOf((await api.as('editor').get(`${ws}/inbox/export?view=mine&tag=billing&format=xlsx`)).rawPayload);
    const header = (mine.getRow(1).values as unknown[]).map(String);
    const cell = (row: number, name: string) => mine.getRow(row).getCell(header.indexOf(name)).value;
    expect(mine.rowCount).toBe(3);
    expect([2, 3].map((r) => [cell(r, 'state'), cell(r, 'assignee'), cell(r, 'notes'), cell(r, 'tags')])).toEqual([
      ['in_progress', 'editor@example.com', 'call back', 'billing'],
      ['in_progress', 'editor@example.com', 'call back', 'billing'],
    ]);

    const needs = await api.as('viewer').get(`${ws}/inbox?view=needs-reply&limit=200`);
    const ranked = await sheetOf((await api.as('viewer').get(`${ws}/inbox/export?view=needs-reply&format=xlsx`)).rawPayload);
    expect(ranked.rowCount - 1).toBe(needs.json().total);
    const priority = (ranked.getRow(1).values as unknown[]).map(String).indexOf('priority');
    expect(ranked.getRow(2).getCell(priority).value).toBe(needs.json().items[0].priority);
  });

  it('names a view it does not know before sending anything', async () => {
    const response = await api.as('viewer').get(`${ws}/inbox/export?view=everything&format=csv`);
    expect(response.statusCode).toBe(400);
    expect(response.json().issues[0].path).toBe('querystring.view');
    expect((await api.as('viewer').get(`${ws}/inbox/export?topic=nope`)).statusCode).toBe(404);
  });
});
