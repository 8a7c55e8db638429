import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../store/testing.ts';
import { createTestApi, pushedMention, type TestApi } from '../testing.ts';

describeEachStore('list exports over the API', (open) => {
  let api: TestApi;
  const ws = '/api/v1/workspaces/acme';
  beforeAll(async () => {
    api = await createTestApi(await open(), { limits: { ingestPerMinute: 1000 } });
    await api.as('editor').post(`${ws}/topics`, { name: 'Brewly', query: 'brewly' });
    const mentions = Array.from({ length: 30 }, (_, i) => ({
      ...pushedMention(`m${i}`, i === 0 ? '@everyone brewly =HYPERLINK("http://evil")' : `Brewly ${i}`, `2026-03-01T10:${String(i).padStart(2, '0')}:00Z`),
      author: { handle: `a${i % 3}`, followers: 10 },
    }));
    expect((await api.as('editor').post(`${ws}/mentions`, { mentions })).statusCode).toBe(200);
  });
  afterAll(async () => {
    await api.app.close();
  });

  it('streams every mention of a search as CSV for a viewer, formula-safe', async () => {
    const response = await api.as('viewer').get(`${ws}/mentions/export?format=csv&q=brewly&sort=newest`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="murmur-mentions-\d{4}-\d{2}-\d{2}\.csv"$/);
    const lines = response.body.split('\r\n').filter(Boolean);
    expect(lines).toHaveLength(31);
    expect(lines.at(-1)).toContain(`"'@everyone brewly =HYPERLINK(""http://evil"")"`);
    expect(lines[1]).toContain(',Brewly 29,');
  });

  it('streams XLSX with the same rows', async () => {
    const response = await api.as('viewer').get(`${ws}/mentions/export?format=xlsx&q=brewly&topic=Brewly`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('Mentions')!;
    expect(sheet.rowCount).toBe(31);
    expect(sheet.getRow(31).getCell(7).value).toBe('@everyone brewly =HYPERLINK("http://evil")');
  });

  it('refuses a malformed query before any byte is sent, naming it', async () => {
    const response = await api.as('viewer').get(`${ws}/mentions/export?format=csv&q=${encodeURIComponent('brewly AND (')}`);
    expect(response.statusCode).toBe(400);
    expect(response.json().issues[0].path).toBe('querystring.q');
    expect((await api.as('viewer').get(`${ws}/mentions/export?format=pdf`)).statusCode).toBe(400);
  });

  it('exports advocates, spikes and the calendar with their own parameters', async () => {
    const advocates = await api.as('viewer').get(`${ws}/export/advocates?format=csv&topic=Brewly&from=2026-03-01&to=2026-03-01`);
    expect(advocates.statusCode).toBe(200);
    expect(advocates.headers['content-disposition']).toContain('murmur-advocates-');
    const spikes = await api.as('viewer').get(`${ws}/export/spikes?format=xlsx&topic=Brewly&from=2026-02-01&to=2026-03-01`);
    expect(spikes.statusCode).toBe(200);
    const calendar = await api.as('viewer').get(`${ws}/export/calendar?format=csv`);
    expect(calendar.statusCode).toBe(200);
    // The list's own validation answers for it.
    const bad = await api.as('viewer').get(`${ws}/export/spikes?format=csv&topic=Nope`);
    expect(bad.statusCode).toBe(404);
    expect(bad.json().message).toContain('Nope');
    expect((await api.as('viewer').get(`${ws}/export/everything?format=csv`)).statusCode).toBe(400);
  });
});
