import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../store/testing.ts';
import { createTestApi, pushedMention, type TestApi } from '../testing.ts';

describeEachStore('report and alert routes', (open) => {
  let api: TestApi;
  let topic: number;
  const base = '/api/v1/workspaces/acme';
  beforeAll(async () => {
    api = await createTestApi(await open());
    const mentions = Array.from({ length: 30 }, (_, i) => pushedMention(`r-${i}`, `Acme is ${i % 3 ? 'great' : 'awful'} #acme`, new Date(Date.UTC(2026, 2, 1 + (i % 10), 12)).toISOString()));
    await api.as('editor').post(`${base}/mentions`, { mentions });
    topic = (await api.as('editor').post(`${base}/topics`, { name: 'Acme', query: 'acme' })).json().topic.id;
  });
  afterAll(async () => {
    await api.app.close();
  });

  it('lists report kinds and renders a daily report in HTML and Markdown, in French', async () => {
    expect((await api.as('viewer').get(`${base}/reports`)).json().items.map((i: { kind: string }) => i.kind)).toEqual(['daily', 'weekly', 'monthly', 'annual']);
    const html = await api.as('viewer').get(`${base}/reports/daily?date=2026-03-05&topic=${topic}&lang=fr`);
    expect(html.statusCode, html.body.slice(0, 300)).toBe(200);
    expect(html.headers['content-type']).toMatch(/text\/html/);
    expect(html.body).toContain('<html');
    const md = await api.as('viewer').get(`${base}/reports/weekly?date=2026-03-05&topic=${topic}&format=md`);
    expect(md.statusCode).toBe(200);
    expect(md.headers['content-disposition']).toMatch(/^attachment; filename="murmur-weekly-.*\.md"$/);
  });

  it('validates the report kind, language and date', async () => {
    expect((await api.as('viewer').get(`${base}/reports/hourly`)).json().issues[0].path).toBe('params.kind');
    expect((await api.as('viewer').get(`${base}/reports/daily?lang=de`)).json().issues[0].path).toBe('querystring.lang');
    expect((await api.as('viewer').get(`${base}/reports/daily?date=2026-02-31`)).json().issues[0].path).toBe('querystring.date');
    const unknown = await api.as('viewer').get(`${base}/reports/daily?topic=999`);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().message).toBe('no topic named "999" (this workspace has: Acme)');
    const byName = await api.as('viewer').get(`${base}/reports/daily?topic=Nope`);
    expect(byName.statusCode, byName.body).toBe(404);
    expect(byName.json().message).toBe('no topic named "Nope" (this workspace has: Acme)');
  });

  it('manages alert rules and masks webhook URLs for viewers', async () => {
    const rule = { name: 'Crisis', kind: 'negative-spike', topicId: topic, channels: [{ type: 'webhook', url: 'https://hooks.slack.example/services/T000/B000/SECRET' }] };
    const created = await api.as('editor').post(`${base}/alerts/rules`, rule);
    expect(created.statusCode, created.body).toBe(201);
    expect((await api.as('editor').get(`${base}/alerts/rules`)).body).toContain('SECRET');
    const forViewer = await api.as('viewer').get(`${base}/alerts/rules`);
    expect(forViewer.body).not.toContain('SECRET');
    expect(forViewer.json().items[0].channels[0].url).toBe('https://hooks.slack.example/…');
    expect((await api.as('editor').post(`${base}/alerts/rules`, { ...rule, channels: [] })).json().issues[0].path).toBe('body.channels');
    expect((await api.as('viewer').get(`${base}/alerts/sent`)).json().items).toEqual([]);
    // On and off: editors only, in their own workspace; a rule that is off is listed as such.
    const id = created.json().id;
    expect((await api.as('viewer').patch(`${base}/alerts/rules/${id}`, { enabled: false })).statusCode).toBe(403);
    expect((await api.as('outsider').patch(`${base}/alerts/rules/${id}`, { enabled: false })).statusCode).toBe(403);
    expect((await api.as('outsider').patch(`/api/v1/workspaces/globex/alerts/rules/${id}`, { enabled: false })).statusCode).toBe(404);
    const off = await api.as('editor').patch(`${base}/alerts/rules/${id}`, { enabled: false });
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json()).toMatchObject({ id, enabled: false });
    expect((await api.as('viewer').get(`${base}/alerts/rules`)).json().items[0].enabled).toBe(false);
    expect((await api.as('editor').patch(`${base}/alerts/rules/${id}`, { enabled: true })).json().enabled).toBe(true);
    expect((await api.as('editor').patch(`${base}/alerts/rules/${id}`, { enabled: 'yes' })).statusCode).toBe(400);
    expect((await api.as('editor').delete(`${base}/alerts/rules/${created.json().id}`)).statusCode).toBe(204);
  });
});

it('masks the webhook URL of a sent alert', async () => {
  const { maskSentChannel } = await import('./alerts.ts');
  expect(maskSentChannel('webhook:https://hooks.slack.example/services/T0/B0/SECRET')).toBe('webhook:https://hooks.slack.example/…');
  expect(maskSentChannel('email:ops@example.com')).toBe('email:ops@example.com');
  expect(maskSentChannel('webhook:not a url')).toBe('webhook:…');
});
