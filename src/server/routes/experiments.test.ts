import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { createTopic } from '../../listen/topics.ts';
import { experimentSize } from '../../experiment/size.ts';
import { feedbackFormUrl } from '../../experiment/feedback-link.ts';
import { publicBase } from '../../core/public-url.ts';
import { describeEachStore } from '../../store/testing.ts';
import { createTestApi, type TestApi } from '../testing.ts';

describeEachStore('experiment routes and the public feedback form', (open) => {
  let api: TestApi;
  const base = '/api/v1/workspaces/acme/experiments';
  // The clock is held at a noon, so that no midnight falls between the test's "today" and the server's.
  const NOON = Date.parse('2026-06-15T12:00:00Z');
  const today = '2026-06-15';
  const inTwoWeeks = '2026-06-29';
  const experiment = {
    name: 'TikTok teasers',
    hypothesis: 'Short teasers raise the click rate',
    tactic: 'TikTok teasers',
    ridesOn: 'instagram',
    start: today,
    end: inTwoWeeks,
    metric: { kind: 'rate', name: 'clicks / impressions' },
  };
  beforeAll(async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: NOON, shouldAdvanceTime: true });
    api = await createTestApi(await open());
  });
  afterAll(async () => {
    vi.useRealTimers();
    await api.app.close();
  });

  it('refuses an experiment without an end date, naming the field', async () => {
    const { end: _end, ...noEnd } = experiment;
    const response = await api.as('editor').post(base, noEnd);
    expect(response.statusCode).toBe(400);
    expect(response.json().issues[0].path).toBe('body.end');
  });

  it('refuses at creation an experiment scoped to a topic of another workspace, naming the field', async () => {
    // Its own server: the tests below count this workspace's experiments.
    const api = await createTestApi(await open());
    await createTopic(api.store, api.workspaces.globex, { name: 'Globex', query: 'globex', role: 'brand' });
    await createTopic(api.store, api.workspaces.acme, { name: 'Acme', query: 'acme', role: 'brand' });
    const counted = { ...experiment, name: 'Scoped', metric: { kind: 'count', measure: 'mentions', scope: { topic: 'Globex' } } };
    const before = (await api.as('viewer').get(base)).json().items.length;
    const refused = await api.as('editor').post(base, counted);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().issues.map((i: { path: string }) => i.path)).toEqual(['body.metric.scope.topic']);
    const guarded = await api.as('editor').post(base, { ...counted, metric: { kind: 'count', measure: 'mentions', scope: { topic: 'Acme' } }, guardrails: [{ name: 'g', measure: 'mentions', scope: { topic: 'Globex' } }] });
    expect(guarded.statusCode).toBe(400);
    expect(guarded.json().issues[0].path).toBe('body.guardrails.0.scope.topic');
    expect((await api.as('viewer').get(base)).json().items).toHaveLength(before);
    const own = await api.as('editor').post(base, { ...counted, metric: { kind: 'count', measure: 'mentions', scope: { topic: 'Acme' } } });
    expect(own.statusCode).toBe(201);
    expect((await api.as('viewer').get(`${base}/${own.json().id}/analysis`)).statusCode).toBe(200);
    await api.app.close();
  });

  it('creates an experiment, records observations, analyses it and records the verdict', async () => {
    const created = await api.as('editor').post(base, experiment);
    expect(created.statusCode).toBe(201);
    const { id, author } = created.json();
    expect(author).toBe('editor@example.com');
    for (const [arm, successes] of [['baseline', 40], ['variant', 70]] as const) {
      const response = await api.as('editor').post(`${base}/${id}/observations`, { arm, on: today, successes, trials: 1000 });
      expect(response.statusCode).toBe(204);
    }
    expect((await api.as('editor').post(`${base}/${id}/observations`, { arm: 'variant', on: today, successes: 5, trials: 2 })).json().issues[0].path).toBe('body.successes');
    expect((await api.as('viewer').get(`${base}/${id}/analysis`)).statusCode).toBe(200);
    const decided = await api.as('editor').post(`${base}/${id}/verdict`, { verdict: 'iterate', reasoning: 'promising, not enough data' });
    expect(decided.statusCode).toBe(200);
    expect(decided.json().experiment.verdict).toBe('iterate');
    expect((await api.as('viewer').get(base)).json().items).toHaveLength(1);
  });

  it('takes anonymous answers on the public form and summarises them', async () => {
    const { id } = (await api.as('viewer').get(base)).json().items[0];
    const { formPath } = (await api.as('viewer').get(`${base}/${id}/feedback`)).json();
    const form = await api.as('anonymous').get(formPath);
    expect(form.statusCode).toBe(200);
    expect(form.json()).toMatchObject({ title: 'TikTok teasers', open: true });
    expect((await api.as('anonymous').post(formPath, { answers: { useful: 4, more: 'yes' } })).statusCode).toBe(201);
    const bad = await api.as('anonymous').post(formPath, { answers: { useful: 9 } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().issues[0].path).toMatch(/useful/);
    expect((await api.as('anonymous').get('/api/v1/public/feedback/not-a-real-token-at-all')).statusCode).toBe(404);
    const summary = (await api.as('viewer').get(`${base}/${id}/feedback`)).json();
    expect(summary.responses).toBe(1);
  });

  it('gives the public page to share, on $MURMUR_PUBLIC_URL when set, else the listen address, never the Host header', async () => {
    const { id, feedbackToken } = (await api.as('viewer').get(base)).json().items[0];
    const forged = (host: string) => api.as('viewer').request({ method: 'GET', url: `${base}/${id}/feedback`, headers: { host } });
    const here = (await forged('evil.example')).json();
    expect(here).toMatchObject({ formUrl: `http://127.0.0.1:8080/feedback/${feedbackToken}`, publicUrlGuessed: true });
    vi.stubEnv('MURMUR_PUBLIC_URL', 'https://listen.example.org');
    try {
      const shared = (await forged('evil.example')).json();
      expect(shared.formUrl).toBe(feedbackFormUrl(feedbackToken, publicBase()));
      expect(shared).toMatchObject({ formUrl: `https://listen.example.org/feedback/${feedbackToken}`, publicUrlGuessed: false });
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('sizes an experiment like `murmur experiment size --json`, and names a bad parameter', async () => {
    const response = await api.as('viewer').get(`${base}/size?baselineRate=0.1&lift=0.02&trialsPerDay=250&trials=5000`);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual(experimentSize({ baselineRate: 0.1, lift: 0.02, trialsPerDay: 250, trials: 5000, alpha: 0.05, power: 0.8 }));
    expect(response.json()).toMatchObject({ sampleSizePerArm: 3841, daysNeeded: 16 });
    const noQuestion = await api.as('viewer').get(`${base}/size?baselineRate=0.1`);
    expect(noQuestion.statusCode).toBe(400);
    expect(noQuestion.json().issues[0].path).toBe('querystring.lift');
    const tooFew = await api.as('viewer').get(`${base}/size?baselineRate=0.1&trials=1`);
    expect(tooFew.statusCode).toBe(400);
    expect(tooFew.json().message).toContain('trials');
  });
});
