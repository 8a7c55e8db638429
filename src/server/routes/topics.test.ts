import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../store/testing.ts';
import { createTestApi, pushedMention, type TestApi } from '../testing.ts';

describeEachStore('topic and mention search routes', (open) => {
  let api: TestApi;
  const base = '/api/v1/workspaces/acme';
  beforeAll(async () => {
    api = await createTestApi(await open());
    const mentions = Array.from({ length: 25 }, (_, i) =>
      pushedMention(`m-${i}`, i % 2 ? `Acme phone number ${i} is great` : `Café délivery ${i} was late`, new Date(Date.UTC(2026, 2, 1, 0, i)).toISOString()),
    );
    const pushed = await api.as('editor').post(`${base}/mentions`, { mentions });
    expect(pushed.statusCode).toBe(200);
  });
  afterAll(async () => {
    await api.app.close();
  });

  it('creates a topic, matches stored mentions and counts them', async () => {
    const created = await api.as('editor').post(`${base}/topics`, { name: 'Acme', query: 'acme AND phone' });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ topic: { name: 'Acme', role: 'brand' }, backfill: { matched: 12 } });
    const list = await api.as('viewer').get(`${base}/topics`);
    expect(list.json().items).toEqual([expect.objectContaining({ name: 'Acme', mentionCount: 12 })]);
  });

  it('points at the position of a malformed query', async () => {
    const response = await api.as('editor').post(`${base}/topics`, { name: 'Broken', query: 'acme AND (phone' });
    expect(response.statusCode).toBe(400);
    expect(response.json().issues[0]).toMatchObject({ path: 'body.query', position: expect.any(Number) });
    const check = await api.as('viewer').get(`${base}/query/check?q=${encodeURIComponent('acme AND')}`);
    expect(check.json()).toMatchObject({ valid: false, position: expect.any(Number) });
    expect((await api.as('viewer').get(`${base}/query/check?q=acme`)).json()).toEqual({ valid: true, message: null, position: null });
  });

  it('updates, renames and deletes a topic', async () => {
    const { topic } = (await api.as('editor').post(`${base}/topics`, { name: 'Late', query: 'late', role: 'other' })).json();
    const updated = await api.as('editor').patch(`${base}/topics/${topic.id}`, { query: 'cafe', name: 'Cafe' });
    expect(updated.json()).toMatchObject({ topic: { name: 'Cafe', query: 'cafe' }, backfill: { matched: 13 } });
    expect((await api.as('editor').patch(`${base}/topics/${topic.id}`, { name: 'Acme' })).statusCode).toBe(400);
    expect((await api.as('editor').delete(`${base}/topics/${topic.id}`)).statusCode).toBe(204);
    expect((await api.as('viewer').get(`${base}/topics/${topic.id}`)).statusCode).toBe(404);
  });

  it('never shows another workspace’s topic', async () => {
    const { topic } = (await api.as('outsider').post('/api/v1/workspaces/globex/topics', { name: 'Secret', query: 'secret' })).json();
    expect((await api.as('viewer').get(`${base}/topics/${topic.id}`)).statusCode).toBe(404);
    expect((await api.as('editor').delete(`${base}/topics/${topic.id}`)).statusCode).toBe(404);
  });

  it('searches with the query language, newest first, paging by cursor without gaps or repeats', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const url: string = `${base}/mentions?q=${encodeURIComponent('cafe OR acme')}&limit=10${cursor ? `&cursor=${cursor}` : ''}`;
      const page = (await api.as('viewer').get(url)).json();
      seen.push(...page.items.map((m: { externalId: string }) => m.externalId));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toHaveLength(25);
    expect(new Set(seen).size).toBe(25);
    expect(seen[0]).toBe('m-24');
  });

  it('filters by topic, source and dates', async () => {
    const topics = (await api.as('viewer').get(`${base}/topics`)).json().items;
    const acme = topics.find((t: { name: string }) => t.name === 'Acme');
    const byTopic = (await api.as('viewer').get(`${base}/mentions?topic=${acme.id}&limit=100`)).json();
    expect(byTopic.items).toHaveLength(12);
    expect(byTopic.items.every((m: { topicIds: number[] }) => m.topicIds.includes(acme.id))).toBe(true);
    const window = (await api.as('viewer').get(`${base}/mentions?from=2026-03-01T00:10:00Z&to=2026-03-01T00:15:00Z`)).json();
    expect(window.items.map((m: { externalId: string }) => m.externalId)).toEqual(['m-14', 'm-13', 'm-12', 'm-11', 'm-10']);
    expect((await api.as('viewer').get(`${base}/mentions?source=rss`)).json().items).toEqual([]);
  });

  it('takes plain days as UTC days (to includes its day, as the CLI --to) and a topic by name', async () => {
    const ids = async (query: string) => (await api.as('viewer').get(`${base}/mentions?limit=100&${query}`)).json().items.map((m: { externalId: string }) => m.externalId);
    expect(await ids('from=2026-03-01&to=2026-03-01')).toHaveLength(25);
    expect(await ids('from=2026-03-02')).toEqual([]);
    expect(await ids('to=2026-02-28')).toEqual([]);
    expect(await ids('from=2026-03-01&to=2026-03-01T00:02:00Z')).toEqual(['m-1', 'm-0']);
    expect(await ids('topic=acme')).toHaveLength(12);
    const unknown = await api.as('viewer').get(`${base}/mentions?topic=Nope`);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().message).toMatch(/^no topic named "Nope" \(this workspace has: .*Acme/);
  });

  it('rejects bad search parameters with their path', async () => {
    const cases: [string, string][] = [
      ['limit=0', 'querystring.limit'],
      ['limit=5000', 'querystring.limit'],
      ['sentiment=angry', 'querystring.sentiment'],
      ['from=yesterday', 'querystring.from'],
      ['from=2026-02-30', 'querystring.from'],
      ['from=2026-03-02&to=2026-03-01', 'querystring.from'],
      ['from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z', 'querystring.from'],
      [`q=${encodeURIComponent('"unclosed')}`, 'querystring.q'],
    ];
    for (const [query, path] of cases) {
      const response = await api.as('viewer').get(`${base}/mentions?${query}`);
      expect(response.statusCode, query).toBe(400);
      expect(response.json().issues?.[0]?.path, query).toBe(path);
    }
    const badCursor = await api.as('viewer').get(`${base}/mentions?cursor=garbage`);
    expect(badCursor.statusCode).toBe(400);
    expect(badCursor.json().message).toMatch(/cursor/);
  });
});
