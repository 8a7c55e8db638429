import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../store/testing.ts';
import { createTestApi, pushedMention, type TestApi } from '../testing.ts';
import { MAX_PAGE_CHARS } from './mentions-search.ts';

describeEachStore('mention search: bounded work and answers', (open) => {
  let api: TestApi;
  const url = '/api/v1/workspaces/acme/mentions';
  const long = 'a'.repeat(40_000);
  const count = Math.ceil((1.5 * MAX_PAGE_CHARS) / long.length);
  beforeAll(async () => {
    api = await createTestApi(await open(), { limits: { ingestPerMinute: 1000 } });
    const mentions = Array.from({ length: count }, (_, i) => pushedMention(`long-${i}`, long, `2026-03-01T10:${String(i).padStart(2, '0')}:00Z`));
    for (let i = 0; i < mentions.length; i += 10) {
      expect((await api.as('editor').post(url, { mentions: mentions.slice(i, i + 10) })).statusCode).toBe(200);
    }
    const proximity = pushedMention('proximity', 'b a a a a a a a a a c '.repeat(300), '2026-02-01T10:00:00Z');
    expect((await api.as('editor').post(url, { mentions: [proximity] })).statusCode).toBe(200);
  });
  afterAll(async () => {
    await api.app.close();
  });

  it('answers nested wildcards over a 40,000-letter mention (linear matching, no regex backtracking)', async () => {
    const q = encodeURIComponent(`${'a*'.repeat(14)}b`);
    const response = await api.as('viewer').get(`${url}?q=${q}&limit=5`);
    expect(response.statusCode).toBe(200);
    expect(response.json().items).toEqual([]);
  });

  it('rejects a query that needs more than its work budget, naming the part and its position', async () => {
    const response = await api.as('viewer').get(`${url}?q=${encodeURIComponent('"b a a a a a a a a a a"~0')}`);
    expect(response.statusCode).toBe(400);
    expect(response.json().issues[0]).toMatchObject({ path: 'querystring.q', position: 1 });
    expect(response.json().message).toContain('steps');
  });

  it('ends a page of long mentions at the size bound and pages on from there without gaps', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const response = await api.as('viewer').get(`${url}?limit=500&from=2026-03-01${cursor ? `&cursor=${cursor}` : ''}`);
      const page = response.json() as { items: { externalId: string; text: string }[]; nextCursor: string | null };
      expect(page.items.reduce((sum, m) => sum + m.text.length, 0)).toBeLessThanOrEqual(MAX_PAGE_CHARS);
      seen.push(...page.items.map((m) => m.externalId));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(2);
    expect(new Set(seen).size).toBe(count);
  });
});
