import { afterAll, beforeAll, expect, it, vi } from 'vitest';
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

  it('edits every part of a plan from empty, each edit a version with its diff', async () => {
    const created = await api.as('editor').post(`${base}/plans`, { name: 'From empty', startsOn: '2026-01-01' });
    expect(created.statusCode, created.body).toBe(201);
    const { id } = created.json();
    const change = (body: unknown) => api.as('editor').post(`${base}/plans/${id}/changes`, { change: body });
    const kpi = { id: 'fans', name: 'Followers', metric: 'followers', targets: [{ quarter: '2026-Q1', value: 300 }], forecast: [{ month: '2026-01', value: 100 }, { month: '2026-03', value: 300 }] };
    const steps = [
      { op: 'set-goal', goal: { type: 'loyalty', statement: 'Regulars come back', justification: 'Most sales are regulars' } },
      { op: 'set-differentiator', differentiator: 'Flour milled next door' },
      { op: 'add-member', member: { name: 'Ana', department: 'Marketing', roles: [{ channel: 'mastodon', role: 'writer' }] } },
      { op: 'update-member', member: 'Ana', value: { name: 'Ana', department: 'Sales', roles: [] } },
      { op: 'add-persona', persona: { name: 'Regular', values: 'Quality' } },
      { op: 'add-channel', channel: { channel: 'mastodon', reason: 'Our regulars are there', personas: ['Regular'] } },
      { op: 'add-kpi', kpi },
      { op: 'update-kpi', kpi: 'fans', value: { ...kpi, targets: [{ quarter: '2026-Q1', value: 250 }] } },
      { op: 'add-task', task: { id: 'menu', title: 'Post the menu', owner: 'Ana', due: '2026-01-15' } },
      { op: 'update-task', task: 'menu', value: { id: 'menu', title: 'Post the weekly menu', owner: 'Ana', due: '2026-01-16', status: 'done', doneOn: '2026-01-14' } },
      { op: 'set-start', startsOn: '2026-01-05' },
    ];
    for (const step of steps) {
      const response = await change(step);
      expect(response.statusCode, `${step.op}: ${response.body}`).toBe(200);
    }
    const plan = (await api.as('viewer').get(`${base}/plans/${id}`)).json();
    expect(plan.version).toBe(steps.length + 1);
    expect(plan.document).toMatchObject({ startsOn: '2026-01-05', goal: { type: 'loyalty' }, team: [{ name: 'Ana', department: 'Sales' }], tasks: [{ id: 'menu', status: 'done', doneOn: '2026-01-14' }] });

    const refused = await change({ op: 'remove-member', member: 'Ana' });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('tasks[0].owner: \\"Ana\\" is not on the team');
    expect((await api.as('viewer').get(`${base}/plans/${id}`)).json().version).toBe(steps.length + 1);
    expect((await change({ op: 'remove-task', task: 'menu' })).statusCode).toBe(200);
    expect((await change({ op: 'remove-channel', channel: 'mastodon' })).statusCode).toBe(200);
    expect((await change({ op: 'remove-persona', persona: 'Regular' })).statusCode).toBe(200);

    const history = (await api.as('viewer').get(`${base}/plans/${id}/history`)).json().items;
    expect(history.map((h: { change: string }) => h.change).slice(-4)).toEqual(['set start to 2026-01-05', 'removed task menu', 'removed channel mastodon', 'removed persona Regular']);
    const diff = (await api.as('viewer').get(`${base}/plans/${id}/diff?from=8&to=9`)).json();
    expect(diff).toEqual({ from: 8, to: 9, changes: [{ path: 'kpis[fans].targets[2026-Q1].value', before: 300, after: 250 }] });

    const curve = await api.as('viewer').get(`${base}/plans/${id}/kpis/fans/curve?from=2026-01&to=2026-03`);
    expect(curve.json().items.map((p: { month: string; expected: number }) => [p.month, p.expected])).toEqual([['2026-01', 100], ['2026-02', 200], ['2026-03', 300]]);
    expect((await api.as('viewer').get(`${base}/plans/${id}/kpis/nope/curve`)).json().issues[0]).toMatchObject({ path: 'kpi' });
    const entry = await api.as('editor').post(`${base}/plans/${id}/kpis/fans/entries`, { value: 140, on: '2026-01-31' });
    expect(entry.statusCode, entry.body).toBe(201);
    expect(entry.json()).toEqual({ kpi: 'fans', value: 140, measuredAt: Date.parse('2026-01-31T00:00:00Z') });
    const track = (await api.as('viewer').get(`${base}/plans/${id}/kpis/fans/track?from=2026-01&to=2026-01`)).json();
    expect(track.points[0]).toMatchObject({ month: '2026-01', expected: 100, actual: 140 });
  });

  it('imports a plan file it exported, and lists the reviews due', async () => {
    const [plan] = (await api.as('viewer').get(`${base}/plans`)).json().items;
    const text = (await api.as('viewer').get(`${base}/plans/${plan.id}/export?format=json`)).body;
    const imported = await api.as('editor').post(`${base}/plans/import`, { text, format: 'json' });
    expect(imported.statusCode, imported.body).toBe(200);
    expect(imported.json()).toMatchObject({ created: false, plan: { id: plan.id, version: plan.version + 1 } });
    const broken = await api.as('editor').post(`${base}/plans/import`, { text: text.replace('"2026-01-20"', '"tomorrow"'), format: 'json' });
    expect(broken.statusCode).toBe(400);
    expect(broken.json().message).toMatch(/plan\.tasks\[\d\]\.due: expected a date as YYYY-MM-DD/);
  });

  it("lists the plans whose last month's review is due", async () => {
    // The plans above were made "now"; a month later, last month's review of each is due.
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 40 * 86_400_000, shouldAdvanceTime: true });
    try {
      const plans = (await api.as('viewer').get(`${base}/plans`)).json().items;
      const due = (await api.as('viewer').get(`${base}/plans/reviews-due`)).json().items;
      expect(due.map((d: { planId: number }) => d.planId)).toEqual(plans.map((p: { id: number }) => p.id));
    } finally {
      vi.useRealTimers();
    }
  });

  it('names the bad field of a plan', async () => {
    const response = await api.as('editor').post(`${base}/plans`, { ...samplePlan, name: 'Other', goal: { type: 'fame' } });
    expect(response.statusCode).toBe(400);
    expect(response.json().issues[0].path).toMatch(/^body\.goal/);
  });
});
