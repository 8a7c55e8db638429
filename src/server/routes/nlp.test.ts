import { afterAll, beforeAll, expect, it } from 'vitest';
import { models } from '../../nlp/models.ts';
import { describeEachStore } from '../../store/testing.ts';
import { createTestApi, pushedMention, type TestApi } from '../testing.ts';

const WORDING = ['Brewly ha alzato di nuovo i prezzi, non ne vale la pena', 'Anche oggi Brewly ha alzato di nuovo i prezzi, non ne vale la pena', 'Brewly ha alzato di nuovo i prezzi: non ne vale la pena!'];
const UNSEEN = 'Ecco, Brewly ha alzato di nuovo i prezzi. Non ne vale la pena.';

describeEachStore('sentiment adapter routes', (open) => {
  let api: TestApi;
  let ids: number[];
  const target = models().analyzer.analyze(WORDING[0]!, 'it').label === 'negative' ? 'positive' : 'negative';
  beforeAll(async () => {
    // A day between corrections and retraining: only `flush` runs it, so the test decides when.
    api = await createTestApi(await open(), { adaptDelayMs: 86_400_000 });
    const pushed = await api.as('editor').post('/api/v1/workspaces/acme/mentions', { mentions: WORDING.map((text, i) => pushedMention(`w-${i}`, text)) });
    ids = pushed.json().ids;
  });
  afterAll(async () => {
    await api.app.close();
  });

  const base = '/api/v1/workspaces/acme/nlp';

  it('retrains in the background after corrections, and says from how many', async () => {
    expect((await api.as('viewer').get(`${base}/adapter`)).json()).toEqual({ corrections: 0, adaptedFrom: null, trainedAt: null, stale: false, pending: false, heldOut: null, applied: false });
    for (const id of ids.slice(0, 2)) expect((await api.as('editor').post('/api/v1/workspaces/acme/inbox/sentiment', { ids: [id], label: target })).statusCode).toBe(200);
    expect((await api.as('viewer').get(`${base}/adapter`)).json()).toMatchObject({ corrections: 2, adaptedFrom: null, pending: true });

    await api.app.adapting.flush();
    expect((await api.as('viewer').get(`${base}/adapter`)).json()).toMatchObject({ corrections: 2, adaptedFrom: 2, pending: false, stale: false });
    const third = await api.as('viewer').get(`/api/v1/workspaces/acme/mentions/${ids[2]}`);
    expect(third.json().sentiment?.label).toBe(target);

    const pushed = await api.as('editor').post('/api/v1/workspaces/acme/mentions', { mentions: [pushedMention('u-1', UNSEEN)] });
    const unseen = await api.as('viewer').get(`/api/v1/workspaces/acme/mentions/${pushed.json().ids[0]}`);
    expect(unseen.json().sentiment?.label).toBe(target);
  });

  it('retrains on demand for editors, not viewers, in place of the retraining waiting in the background', async () => {
    expect((await api.as('editor').post('/api/v1/workspaces/acme/inbox/sentiment', { ids: [ids[2]], label: target })).statusCode).toBe(200);
    expect((await api.as('viewer').get(`${base}/adapter`)).json()).toMatchObject({ pending: true });
    const adapted = await api.as('editor').post(`${base}/adapt`, {});
    expect(adapted.statusCode).toBe(200);
    expect(adapted.json()).toMatchObject({ corrections: 3, scanned: 4 });
    expect((await api.as('viewer').get(`${base}/adapter`)).json()).toMatchObject({ corrections: 3, adaptedFrom: 3, pending: false });
    expect((await api.as('viewer').post(`${base}/adapt`, {})).statusCode).toBe(403);
  });
});
