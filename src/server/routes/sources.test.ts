import { afterAll, beforeAll, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { describeEachStore } from '../../store/testing.ts';
import { createTestApi, type TestApi } from '../testing.ts';

describeEachStore('source routes', (open) => {
  let api: TestApi;
  const base = '/api/v1/workspaces/acme/sources';
  const savedKey = process.env.MURMUR_SECRET_KEY;
  beforeAll(async () => {
    process.env.MURMUR_SECRET_KEY = randomBytes(32).toString('base64');
    api = await createTestApi(await open());
  });
  afterAll(async () => {
    if (savedKey === undefined) delete process.env.MURMUR_SECRET_KEY;
    else process.env.MURMUR_SECRET_KEY = savedKey;
    await api.app.close();
  });

  it('adds, lists, pauses and removes a source', async () => {
    const added = await api.as('editor').post(base, { network: 'rss', config: { url: 'https://blog.example/feed.xml' } });
    expect(added.statusCode, added.body).toBe(201);
    const { id } = added.json();
    expect((await api.as('viewer').get(base)).json().items).toHaveLength(1);
    expect((await api.as('viewer').get(`${base}/health`)).statusCode).toBe(200);
    expect((await api.as('editor').patch(`${base}/${id}`, { enabled: false })).json().enabled).toBe(false);
    expect((await api.as('editor').delete(`${base}/${id}`)).statusCode).toBe(204);
    expect((await api.as('editor').delete(`${base}/${id}`)).statusCode).toBe(404);
  });

  it('explains a bad network or config', async () => {
    const unknown = await api.as('editor').post(base, { network: 'myspace', config: {} });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().message).toMatch(/unknown network "myspace"/);
    const bad = await api.as('editor').post(base, { network: 'rss', config: { url: 42 } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(/url/);
  });

  it('never returns a secret', async () => {
    const added = await api.as('editor').post(base, { network: 'mastodon', config: { instance: 'https://mastodon.example', tags: ['acme'] }, secrets: { token: 'super-secret-token' } });
    expect(added.statusCode, added.body).toBe(201);
    expect(added.body).not.toContain('super-secret-token');
    expect(added.json().secrets).toEqual({ token: expect.not.stringContaining('secret') });
    expect((await api.as('viewer').get(base)).body).not.toContain('super-secret-token');
  });
});
