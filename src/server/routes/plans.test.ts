import { afterAll, beforeAll, expect, it } from 'vitest';
import { samplePlan } from '../../plan/test-fixtures.ts';
import { describeEachStore } from '../../store/testing.ts';
import { createTestApi, type TestApi } from '../testing.ts';

describeEachStore('plan routes', (open) => {
  let api: TestApi;
  const base = '/api/v1/workspaces/acme';
  beforeAll(async () => {
    api = await createTestApi(await open());
  });
  afterAll(async () => {
    await api.app.close();
  });

  it('says so when there is no plan yet', async () => {
    expect((await api.as('viewer').get(`${base}/plan`)).statusCode).toBe(404);
    expect((await api.as('viewer').get(`${base}/plan/review?month=2026-01`)).statusCode).toBe(404);
  });

  it('creates, changes (keeping versions), reviews and exports a plan', async () => {
    const created = await api.as('editor').post(`${base}/plans`, samplePlan);
    expect(created.statusCode).toBe(201);
    const { id } = created.json();
    const changed = await api.as('editor').post(`${base}/plans/${id}/changes`, { change: { op: 'set-differentiator', differentiator: 'Baked three times a day' }, note: 'new oven' });
    expect(changed.statusCode).toBe(200);
    expect(changed.json().version).toBe(2);
    expect((await api.as('viewer').get(`${base}/plans/${id}?version=1`)).json().document.differentiator).toBe('Sourdough baked twice a day');
    expect((await api.as('viewer').get(`${base}/plan`)).json().version).toBe(2);
    const history = (await api.as('viewer').get(`${base}/plans/${id}/history`)).json().items;
    expect(history.map((h: { author: string }) => h.author)).toContain('editor@example.com');
    const missingTopic = await api.as('viewer').get(`${base}/plans/${id}/review?month=2026-01`);
    expect(missingTopic.json().issues[0]).toEqual({ path: 'scope.topic', message: 'no topic named "brand"' });
    await api.as('editor').post(`${base}/topics`, { name: 'brand', query: 'bakery' });
    const review = await api.as('viewer').get(`${base}/plans/${id}/review?month=2026-01`);
    expect(review.statusCode, review.body).toBe(200);
    expect((await api.as('viewer').get(`${base}/plan/review?month=2026-01`)).json()).toEqual(review.json());
    expect((await api.as('viewer').get(`${base}/plans/${id}/review?month=2026-13`)).json().issues[0].path).toBe('querystring.month');
    const exported = await api.as('viewer').get(`${base}/plans/${id}/export?format=yaml`);
    expect(exported.headers['content-disposition']).toMatch(/plan-\d+\.yaml/);
    expect(exported.body).toContain('Bakery 2026');
    expect((await api.as('viewer').get(`${base}/calendar`)).json().items).toEqual([]);
  });

  it('names the bad field of a plan', async () => {
    const response = await api.as('editor').post(`${base}/plans`, { ...samplePlan, name: 'Other', goal: { type: 'fame' } });
    expect(response.statusCode).toBe(400);
    expect(response.json().issues[0].path).toMatch(/^body\.goal/);
  });
});
