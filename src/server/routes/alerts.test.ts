import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../store/testing.ts';
import { createTestApi, type TestApi } from '../testing.ts';

describeEachStore('alert rule routes', (open) => {
  let api: TestApi;
  const base = '/api/v1/workspaces/acme';
  let brand: number;
  let rival: number;
  beforeAll(async () => {
    api = await createTestApi(await open());
    brand = (await api.as('editor').post(`${base}/topics`, { name: 'brand', query: 'bakery' })).json().topic.id;
    rival = (await api.as('editor').post(`${base}/topics`, { name: 'rival', query: 'boulangerie', role: 'competitor' })).json().topic.id;
  });
  const put = (url: string, body: unknown) => api.as('editor').request({ method: 'PUT', url, payload: body as object });
  afterAll(async () => {
    await api.app.close();
  });

  it('changes what a rule watches and where it sends it, with the checks of a new rule', async () => {
    const rule = { name: 'Bad days', kind: 'negative-spike', topicId: brand, channels: [{ type: 'dashboard' }] };
    const created = (await api.as('editor').post(`${base}/alerts/rules`, rule)).json();
    await api.as('editor').post(`${base}/alerts/rules`, { ...rule, name: 'Other' });

    const changed = await put(`${base}/alerts/rules/${created.id}`, {
      ...rule,
      name: 'Rival spikes',
      kind: 'volume-spike',
      topicId: rival,
      params: { granularity: 'day' },
      channels: [{ type: 'webhook', url: 'https://hooks.example.com/T000/secret' }],
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ id: created.id, name: 'Rival spikes', kind: 'volume-spike', topicId: rival, params: { granularity: 'day' }, enabled: true });
    const listed = (await api.as('viewer').get(`${base}/alerts/rules`)).json().items;
    expect(listed.find((r: { id: number }) => r.id === created.id).channels).toEqual([{ type: 'webhook', url: 'https://hooks.example.com/…' }]);
    expect((await api.as('editor').get(`${base}/alerts/rules`)).json().items.find((r: { id: number }) => r.id === created.id).channels[0].url).toBe('https://hooks.example.com/T000/secret');

    // Keeping its own name is fine; taking another rule's is not; nor a topic of another workspace.
    expect((await put(`${base}/alerts/rules/${created.id}`, { ...rule, name: 'Rival spikes' })).statusCode).toBe(200);
    const taken = await put(`${base}/alerts/rules/${created.id}`, { ...rule, name: 'Other' });
    expect(taken.statusCode).toBe(400);
    expect(taken.json().message).toBe('an alert rule named "Other" already exists');
    const noTopic = await put(`${base}/alerts/rules/${created.id}`, { ...rule, topicId: 9999 });
    expect(noTopic.json().message).toMatch(/no topic with id 9999/);
    const noChannel = await put(`${base}/alerts/rules/${created.id}`, { ...rule, channels: [] });
    expect(noChannel.statusCode).toBe(400);
    expect((await put(`${base}/alerts/rules/9999`, rule)).statusCode).toBe(404);
    expect((await api.as('viewer').get(`${base}/alerts/rules`)).json().items.find((r: { id: number }) => r.id === created.id).name).toBe('Rival spikes');
  });
});
