import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../store/testing.ts';
import { createTestApi, pushedMention, type TestApi } from '../testing.ts';

describeEachStore('mention lists over the API: totals and sorts', (open) => {
  let api: TestApi;
  const url = '/api/v1/workspaces/acme/mentions';
  beforeAll(async () => {
    api = await createTestApi(await open(), { limits: { ingestPerMinute: 1000 } });
    const mentions = Array.from({ length: 12 }, (_, i) => ({
      ...pushedMention(`m${i}`, i % 3 === 0 ? `Brewly prices ${i}` : `coffee ${i}`, `2026-03-01T10:${String(i).padStart(2, '0')}:00Z`),
      author: { handle: `a${i}`, followers: (i * 7) % 12 },
      engagement: { likes: i % 4, shares: 0, replies: 0 },
    }));
    expect((await api.as('editor').post(url, { mentions })).statusCode).toBe(200);
    const viral = { ...pushedMention('viral', 'Reposted everywhere', '2026-02-01T10:00:00Z'), url: 'https://social.example/viral' };
    const reposts = Array.from({ length: 3 }, (_, i) => ({ ...pushedMention(`re${i}`, 'Reposted everywhere', `2026-02-01T11:0${i}:00Z`), parentExternalId: 'viral' }));
    expect((await api.as('editor').post(url, { mentions: [viral, ...reposts] })).statusCode).toBe(200);
  });
  afterAll(async () => {
    await api.app.close();
  });

  it('gives the exact total with the first page, not the page size', async () => {
    const first = (await api.as('viewer').get(`${url}?q=brewly&limit=2`)).json();
    expect(first.items).toHaveLength(2);
    expect(first.total).toBe(4);
    const next = (await api.as('viewer').get(`${url}?q=brewly&limit=2&cursor=${first.nextCursor}`)).json();
    expect(next.total).toBeUndefined();
    expect((await api.as('viewer').get(`${url}?limit=1`)).json().total).toBe(16);
  });

  it('sorts by reach and engagement and pages each without gaps', async () => {
    const read = async (sort: string) => {
      const ids: string[] = [];
      let cursor = '';
      do {
        const page = (await api.as('viewer').get(`${url}?sort=${sort}&limit=5${cursor ? `&cursor=${cursor}` : ''}`)).json();
        ids.push(...page.items.map((m: { externalId: string }) => m.externalId));
        cursor = page.nextCursor ?? '';
      } while (cursor);
      return ids;
    };
    // followers (i * 7) % 12 are all different for i < 12: 11 (i=5), 10 (i=10), 9 (i=3)…
    expect((await read('reach')).slice(0, 3)).toEqual(['m5', 'm10', 'm3']);
    // likes i % 4, ties newest first: 3 (m11, m7, m3), then 2 (m10…)
    expect((await read('engagement')).slice(0, 4)).toEqual(['m11', 'm7', 'm3', 'm10']);
    expect(new Set(await read('engagement')).size).toBe(16);
    const bad = await api.as('viewer').get(`${url}?sort=loudest`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('sort');
  });

  it('collapses a post and its reposts into one row with the count, expandable to the members', async () => {
    const page = (await api.as('viewer').get(`${url}?q=reposted&collapse=true`)).json();
    expect(page.total).toBe(1);
    expect(page.items.map((m: { externalId: string; group: unknown }) => [m.externalId, m.group])).toEqual([
      ['re2', { key: 'u:https://social.example/viral', members: 4 }],
    ]);
    expect((await api.as('viewer').get(`${url}?limit=1&collapse=true`)).json().total).toBe(13);
    const members = (await api.as('viewer').get(`${url}?group=${encodeURIComponent(page.items[0].group.key)}`)).json();
    expect(members.total).toBe(4);
    expect(members.items.map((m: { externalId: string }) => m.externalId)).toEqual(['re2', 're1', 're0', 'viral']);
    const bad = await api.as('viewer').get(`${url}?group=nonsense`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('invalid group "nonsense"');
  });
});
