import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../store/testing.ts';
import { createTestApi, pushedMention, type TestApi } from '../testing.ts';

describeEachStore('topic mutes over the API', (open) => {
  let api: TestApi;
  const ws = '/api/v1/workspaces/acme';
  let topicId: number;
  beforeAll(async () => {
    api = await createTestApi(await open(), { limits: { ingestPerMinute: 1000 } });
    const created = await api.as('editor').post(`${ws}/topics`, { name: 'Brewly', query: 'brewly' });
    topicId = created.json().topic.id;
    const mentions = ['alice', 'alice', 'bob'].map((handle, i) => ({ ...pushedMention(`m${i}`, `Brewly ${i}`), author: { handle } }));
    expect((await api.as('editor').post(`${ws}/mentions`, { mentions })).statusCode).toBe(200);
  });
  afterAll(async () => {
    await api.app.close();
  });

  const total = async () => (await api.as('viewer').get(`${ws}/mentions?topic=${topicId}&limit=1`)).json().total;

  it('mutes an author for editors, records who and why, and unmutes', async () => {
    expect(await total()).toBe(3);
    const refused = await api.as('viewer').post(`${ws}/topics/${topicId}/mutes`, { kind: 'author', value: 'alice' });
    expect(refused.statusCode).toBe(403);

    const muted = await api.as('editor').post(`${ws}/topics/${topicId}/mutes`, { kind: 'author', value: '@Alice', reason: 'our own staff' });
    expect(muted.statusCode).toBe(201);
    expect(muted.json()).toMatchObject({ mute: { kind: 'author', value: 'alice', reason: 'our own staff', removedAt: null }, mentions: 1 });
    expect(muted.json().mute.createdBy).toMatch(/@/);
    expect(await total()).toBe(1);

    const listed = (await api.as('viewer').get(`${ws}/topics/${topicId}/mutes`)).json().items;
    expect(listed.map((m: { value: string }) => m.value)).toEqual(['alice']);

    const unmuted = await api.as('editor').delete(`${ws}/topics/${topicId}/mutes/${muted.json().mute.id}`);
    expect(unmuted.statusCode).toBe(200);
    expect(unmuted.json().mentions).toBe(3);
    expect(await total()).toBe(3);
    expect((await api.as('viewer').get(`${ws}/topics/${topicId}/mutes`)).json().items).toEqual([]);
    const history = (await api.as('viewer').get(`${ws}/topics/${topicId}/mutes?all=true`)).json().items;
    expect(history[0].removedBy).toMatch(/@/);
  });

  it('names a value that cannot be muted', async () => {
    const bad = await api.as('editor').post(`${ws}/topics/${topicId}/mutes`, { kind: 'site', value: 'not a domain' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toContain('site "not a domain" cannot be muted');
    expect((await api.as('editor').delete(`${ws}/topics/${topicId}/mutes/999`)).statusCode).toBe(404);
  });
});
