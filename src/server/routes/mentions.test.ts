import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../store/testing.ts';
import { createTestApi, pushedMention, type TestApi } from '../testing.ts';

describeEachStore('push ingestion and mention routes', (open) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi(await open(), { bodyLimit: 64 * 1024, limits: { ingestPerMinute: 1000 } });
  });
  afterAll(async () => {
    await api.app.close();
  });

  const url = '/api/v1/workspaces/acme/mentions';

  it('stores a batch and is idempotent by source + external id', async () => {
    const batch = [pushedMention('a-1', 'Love the new #AcmePhone'), pushedMention('a-2', 'Delivery was late again')];
    const first = await api.as('editor').post(url, { mentions: batch });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ inserted: 2, updated: 0 });
    const again = await api.as('editor').post(url, { mentions: batch });
    expect(again.json()).toMatchObject({ inserted: 0, updated: 2 });
    expect(again.json().ids).toEqual(first.json().ids);

    const mention = await api.as('viewer').get(`${url}/${first.json().ids[0]}`);
    expect(mention.statusCode).toBe(200);
    expect(mention.json()).toMatchObject({ externalId: 'a-1', source: 'webhook', hashtags: ['acmephone'], publishedAt: '2026-03-01T10:00:00.000Z' });
  });

  it('gives back the language tag a mention was pushed with, beside the detected language', async () => {
    const pushed = await api.as('editor').post(url, { mentions: [{ ...pushedMention('lang-1', 'O atendimento foi ótimo, recomendo a todos os amigos.'), langHint: 'pt_br' }] });
    const mention = await api.as('viewer').get(`${url}/${pushed.json().ids[0]}`);
    expect(mention.json()).toMatchObject({ externalId: 'lang-1', langHint: 'pt-BR' });
  });

  it('names the field of a bad item', async () => {
    const response = await api.as('editor').post(url, {
      mentions: [pushedMention('ok', 'fine'), { ...pushedMention('bad', 'x'), publishedAt: 'yesterday' }],
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().issues[0].path).toBe('body.mentions.1.publishedAt');
    expect(response.json().message).toMatch(/^invalid request: body\.mentions\.1\.publishedAt/);
  });

  it('refuses an empty batch', async () => {
    expect((await api.as('editor').post(url, { mentions: [] })).statusCode).toBe(400);
  });

  it('answers 413 with a JSON error for an oversized payload, and stores nothing of it', async () => {
    const big = Array.from({ length: 300 }, (_, i) => pushedMention(`big-${i}`, 'x'.repeat(400)));
    const response = await api.as('editor').post(url, { mentions: big });
    expect(response.statusCode).toBe(413);
    expect(response.json()).toMatchObject({ statusCode: 413, message: expect.stringContaining('65536') });
    const count = await api.store.db.selectFrom('mentions').select((eb) => eb.fn.countAll<number>().as('n')).where('external_id', 'like', 'big-%').executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
  });

  it('answers 415 for a non-JSON body and 400 for broken JSON', async () => {
    const form = await api.as('editor').request({ method: 'POST', url, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'a=b' });
    expect(form.statusCode).toBe(415);
    const broken = await api.as('editor').request({ method: 'POST', url, headers: { 'content-type': 'application/json' }, payload: '{"mentions": [' });
    expect(broken.statusCode).toBe(400);
    expect(broken.json().message).toMatch(/not valid JSON/);
  });

  it('hides another workspace’s mention', async () => {
    const pushed = await api.as('outsider').post('/api/v1/workspaces/globex/mentions', { mentions: [pushedMention('g-1', 'globex only')] });
    const id = pushed.json().ids[0];
    expect((await api.as('viewer').get(`${url}/${id}`)).statusCode).toBe(404);
    expect((await api.as('viewer').get(`${url}/abc`)).json().issues[0].path).toBe('params.id');
  });
});

describeEachStore('push ingestion rate limit', (open) => {
  it('limits each token separately', async () => {
    const api = await createTestApi(await open(), { limits: { ingestPerMinute: 2 } });
    const url = '/api/v1/workspaces/acme/mentions';
    const body = { mentions: [pushedMention('r-1', 'rate')] };
    const editor = [];
    for (let i = 0; i < 3; i++) editor.push((await api.as('editor').post(url, body)).statusCode);
    expect(editor).toEqual([200, 200, 429]);
    expect((await api.as('owner').post(url, body)).statusCode).toBe(200);
    await api.app.close();
  });
});
