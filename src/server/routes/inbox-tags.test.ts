import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../store/testing.ts';
import { createTestApi, pushedMention, type TestApi } from '../testing.ts';

describeEachStore('tag routes', (open) => {
  let api: TestApi;
  let ids: number[];
  beforeAll(async () => {
    api = await createTestApi(await open());
    ids = (
      await api.as('editor').post('/api/v1/workspaces/acme/mentions', {
        mentions: [pushedMention('t-1', 'Where is my refund?', '2026-03-02T10:00:00Z'), pushedMention('t-2', 'Remboursement svp', '2026-03-02T11:00:00Z'), pushedMention('t-3', 'Nice beans', '2026-03-02T12:00:00Z')],
      })
    ).json().ids;
  });
  afterAll(async () => {
    await api.app.close();
  });

  const ws = '/api/v1/workspaces/acme';
  const tagged = async (tag: string) =>
    ((await api.as('viewer').get(`${ws}/inbox?tag=${tag}`)).json().items as { mention: { externalId: string } }[]).map((i) => i.mention.externalId).sort();

  it('adds a rule that tags stored mentions, changes and removes it, and tags by hand in bulk', async () => {
    const added = await api.as('editor').post(`${ws}/tags/rules`, { tag: 'Billing', query: 'refund* OR rembours*' });
    expect(added.statusCode).toBe(201);
    expect(added.json()).toMatchObject({ rule: { tag: 'billing' }, backfill: { matched: 2 } });
    expect(await tagged('billing')).toEqual(['t-1', 't-2']);
    const ruleId = added.json().rule.id;

    const changed = await api.as('editor').patch(`${ws}/tags/rules/${ruleId}`, { query: 'refund*' });
    expect(changed.json().backfill.matched).toBe(1);
    expect(await tagged('billing')).toEqual(['t-1']);

    const bulk = await api.as('editor').post(`${ws}/inbox/tags`, { ids: [ids[1], ids[2]], add: ['VIP'] });
    expect(bulk.json()).toEqual({ added: 2, removed: 0 });
    const list = await api.as('viewer').get(`${ws}/inbox?tag=vip`);
    expect(list.json().items[0].tags).toEqual([{ tag: 'vip', ruleId: null }]);

    const figures = await api.as('viewer').get(`${ws}/watch/tags?from=2026-03-01&to=2026-03-03`);
    expect(figures.json().items.map((f: { tag: string; mentions: number }) => [f.tag, f.mentions])).toEqual([['vip', 2], ['billing', 1]]);

    expect((await api.as('editor').delete(`${ws}/tags/rules/${ruleId}`)).statusCode).toBe(204);
    expect(await tagged('billing')).toEqual([]);
    expect((await api.as('viewer').get(`${ws}/tags/rules`)).json().items).toEqual([]);
  });

  it('tags a pushed mention with a rule added after the server compiled its ingest pipeline', async () => {
    // The pipeline of acme was compiled and cached by the push in beforeAll.
    await api.as('editor').post(`${ws}/tags/rules`, { tag: 'shipping', query: 'shipping' });
    await api.as('editor').post(`${ws}/mentions`, { mentions: [pushedMention('t-4', 'Free shipping today', '2026-03-02T13:00:00Z')] });
    expect(await tagged('shipping')).toEqual(['t-4']);
  });

  it('names what is wrong: a bad query, a bad tag, an unknown rule; refuses viewers', async () => {
    const bad = await api.as('editor').post(`${ws}/tags/rules`, { tag: 'x', query: 'refund AND (' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().issues[0].path).toBe('body.query');
    const badTag = await api.as('editor').post(`${ws}/inbox/tags`, { ids: [ids[0]], add: ['two words'] });
    expect(badTag.statusCode).toBe(400);
    expect(badTag.json().message).toContain('tag "two words"');
    expect((await api.as('editor').delete(`${ws}/tags/rules/9999`)).statusCode).toBe(404);
    expect((await api.as('viewer').post(`${ws}/inbox/tags`, { ids: [ids[0]], add: ['x'] })).statusCode).toBe(403);
    expect((await api.as('viewer').get(`${ws}/watch/tags?from=2026-03-03&to=2026-03-01`)).statusCode).toBe(400);
  });
});
