import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../store/testing.ts';
import { createTestApi, pushedMention, type TestApi } from '../testing.ts';

/** The tag filter is one contract (core/tag-filter.ts): the search, its total, its exports and the inbox read it alike. */
describeEachStore('the tag filter on the mention search and its exports', (open) => {
  let api: TestApi;
  const ws = '/api/v1/workspaces/acme';
  beforeAll(async () => {
    api = await createTestApi(await open(), { limits: { ingestPerMinute: 1000 } });
    const mentions = Array.from({ length: 6 }, (_, i) => pushedMention(`m${i}`, `Brewly refund ${i}`, `2026-03-01T10:0${i}:00Z`));
    const ids = (await api.as('editor').post(`${ws}/mentions`, { mentions })).json().ids as number[];
    // Three by hand, one of them also by a rule (counted once); one by a rule only.
    expect((await api.as('editor').post(`${ws}/inbox/tags`, { ids: [ids[0], ids[2], ids[4]], add: ['billing'] })).statusCode).toBe(200);
    expect((await api.as('editor').post(`${ws}/tags/rules`, { tag: 'billing', query: '"refund 4" OR "refund 5"' })).statusCode).toBe(201);
  });
  afterAll(async () => {
    await api.app.close();
  });

  const externalIds = (items: { externalId: string }[]) => items.map((m) => m.externalId);

  it('finds only the tagged mentions, with their exact total, whatever the case typed', async () => {
    const page = (await api.as('viewer').get(`${ws}/mentions?q=brewly&tag=Billing&limit=2`)).json();
    expect(page.total).toBe(4);
    expect(externalIds(page.items)).toEqual(['m5', 'm4']);
    const next = (await api.as('viewer').get(`${ws}/mentions?q=brewly&tag=billing&limit=2&cursor=${page.nextCursor}`)).json();
    expect(externalIds(next.items)).toEqual(['m2', 'm0']);
    expect(next.nextCursor).toBeNull();
    expect((await api.as('viewer').get(`${ws}/mentions?tag=nothing`)).json()).toMatchObject({ items: [], total: 0 });
  });

  it('exports the same rows as the list', async () => {
    const response = await api.as('viewer').get(`${ws}/mentions/export?format=xlsx&tag=billing&sort=newest`);
    expect(response.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('Mentions')!;
    expect(sheet.rowCount).toBe(5);
    expect([2, 3, 4, 5].map((r) => sheet.getRow(r).getCell(7).value)).toEqual(['Brewly refund 5', 'Brewly refund 4', 'Brewly refund 2', 'Brewly refund 0']);
  });

  it('refuses a malformed tag the same way on the search, the export and the inbox, naming it', async () => {
    for (const path of ['/mentions', '/mentions/export', '/inbox']) {
      const response = await api.as('viewer').get(`${ws}${path}?tag=${encodeURIComponent('two words')}`);
      expect(response.statusCode, path).toBe(400);
      expect(response.json().issues[0].path, path).toBe('querystring.tag');
    }
  });
});
