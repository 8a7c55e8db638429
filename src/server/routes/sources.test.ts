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

  it('edits a source: name, options, interval and secrets, restarting what it reads', async () => {
    const added = (await api.as('editor').post(base, { network: 'mastodon', name: 'Acme tags', config: { instance: 'https://mastodon.example', tags: ['acme'] }, secrets: { token: 'first-token' } })).json();
    expect((await api.as('viewer').patch(`${base}/${added.id}`, { name: 'x' })).statusCode).toBe(403);
    expect((await api.as('outsider').patch(`/api/v1/workspaces/globex/sources/${added.id}`, { name: 'x' })).statusCode).toBe(404);
    const edited = await api.as('editor').patch(`${base}/${added.id}`, { name: 'Acme and Brewly', config: { instance: 'https://mastodon.example', tags: ['acme', 'brewly'] }, intervalSeconds: 600 });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ name: 'Acme and Brewly', config: { tags: ['acme', 'brewly'] }, intervalMs: 600_000, status: 'new', secrets: { token: expect.any(String) } });
    // The secret kept through an edit that did not give one, then replaced; never shown.
    const { openSecrets, getSourceRow } = await import('../../listen/sources.ts');
    expect(openSecrets(await getSourceRow(api.store, added.id))).toEqual({ token: 'first-token' });
    const rekeyed = await api.as('editor').patch(`${base}/${added.id}`, { secrets: { token: 'second-token' } });
    expect(rekeyed.body).not.toContain('second-token');
    expect(openSecrets(await getSourceRow(api.store, added.id))).toEqual({ token: 'second-token' });
    const bad = await api.as('editor').patch(`${base}/${added.id}`, { config: { instance: 'not a url' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(/^mastodon source: instance/);
    expect((await api.as('editor').patch(`${base}/${added.id}`, {})).statusCode).toBe(400);
    expect((await api.as('editor').patch(`${base}/${added.id}`, { intervalSeconds: 5 })).statusCode).toBe(400);
    expect((await api.as('editor').delete(`${base}/${added.id}`)).statusCode).toBe(204);
  });

  it('explains a bad network or config', async () => {
    const unknown = await api.as('editor').post(base, { network: 'myspace', config: {} });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().message).toMatch(/unknown network "myspace"/);
    const bad = await api.as('editor').post(base, { network: 'rss', config: { url: 42 } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(/url/);
  });

  it('adds Lemmy, YouTube and Tumblr sources with their options validated and their keys sealed', async () => {
    const lemmy = await api.as('editor').post(base, { network: 'lemmy', config: { instance: 'lemmy.world', queries: ['acme'], community: 'coffee' } });
    expect(lemmy.statusCode, lemmy.body).toBe(201);
    expect(lemmy.json()).toMatchObject({ network: 'lemmy', config: { instance: 'https://lemmy.world', listingType: 'All' }, intervalMs: 600_000, description: '"acme" in !coffee @ lemmy.world' });
    const youtube = await api.as('editor').post(base, { network: 'youtube', config: { queries: ['acme'], dailyQuota: 20_000 }, secrets: { apiKey: 'AIza-youtube-key' } });
    expect(youtube.statusCode, youtube.body).toBe(201);
    expect(youtube.json()).toMatchObject({ config: { dailyQuota: 20_000, comments: true }, secrets: { apiKey: '••••' }, intervalMs: 1_800_000 });
    const tumblr = await api.as('editor').post(base, { network: 'tumblr', config: { tags: ['#acme'] }, secrets: { apiKey: 'tumblr-consumer-key' }, intervalSeconds: 900 });
    expect(tumblr.statusCode, tumblr.body).toBe(201);
    expect(tumblr.json()).toMatchObject({ config: { tags: ['acme'] }, secrets: { apiKey: '••••' } });
    const listed = (await api.as('viewer').get(base)).body;
    expect(listed).not.toContain('AIza-youtube-key');
    expect(listed).not.toContain('tumblr-consumer-key');

    const noKey = await api.as('editor').post(base, { network: 'youtube', config: { queries: ['acme'] } });
    expect(noKey.statusCode).toBe(400);
    expect(noKey.json().message).toBe('youtube source secrets: apiKey: YouTube needs an API key (--api-key)');
    const tooSmall = await api.as('editor').post(base, { network: 'youtube', config: { queries: ['acme'], dailyQuota: 50 } });
    expect(tooSmall.json().message).toMatch(/^youtube source: dailyQuota: /);
    const noTag = await api.as('editor').post(base, { network: 'tumblr', config: { tags: [] }, secrets: { apiKey: 'k' } });
    expect(noTag.json().message).toBe('tumblr source: tags: give at least one --tag');
    expect((await api.as('viewer').post(base, { network: 'lemmy', config: { instance: 'lemmy.world', queries: ['x'] } })).statusCode).toBe(403);
    for (const added of [lemmy, youtube, tumblr]) expect((await api.as('editor').delete(`${base}/${added.json().id}`)).statusCode).toBe(204);
  });

  it('describes each kind of source, and adds the new kinds with the same validation', async () => {
    const kinds = await api.as('viewer').get(`${base}/kinds`);
    expect(kinds.statusCode).toBe(200);
    const byNetwork = new Map(kinds.json().items.map((k: { network: string }) => [k.network, k]));
    expect(byNetwork.get('telegram')).toMatchObject({ options: { required: ['channels'], properties: { channels: { type: 'array' } } }, defaultIntervalMs: 900_000 });
    expect(byNetwork.get('googlenews')).toMatchObject({ options: { required: ['query'], properties: { hl: { default: 'en-US' } } } });
    expect(byNetwork.get('threads')).toMatchObject({ secrets: { required: ['accessToken'] }, options: { properties: { dailyQueryBudget: { maximum: 2200 } } } });
    expect((await api.as('outsider').get('/api/v1/workspaces/acme/sources/kinds')).statusCode).toBe(403);

    const telegram = await api.as('editor').post(base, { network: 'telegram', config: { channels: ['@brewlynews'] } });
    expect(telegram.statusCode, telegram.body).toBe(201);
    expect(telegram.json()).toMatchObject({ description: 't.me/brewlynews', intervalMs: 900_000 });
    const news = await api.as('editor').post(base, { network: 'googlenews', config: { query: 'brewly', hl: 'fr', gl: 'FR' } });
    expect(news.json()).toMatchObject({ description: '"brewly" in Google News FR:fr' });
    const threads = await api.as('editor').post(base, { network: 'threads', config: { queries: ['brewly'] }, secrets: { accessToken: 'threads-user-token' } });
    expect(threads.statusCode, threads.body).toBe(201);
    expect(threads.body).not.toContain('threads-user-token');
    const noToken = await api.as('editor').post(base, { network: 'threads', config: { queries: ['brewly'] } });
    expect(noToken.statusCode).toBe(400);
    expect(noToken.json().message).toMatch(/accessToken: Threads needs a user access token/);
    const badChannel = await api.as('editor').post(base, { network: 'telegram', config: { channels: ['not a channel'] } });
    expect(badChannel.json().message).toMatch(/^telegram source: channels\.0: a public channel username/);
    for (const added of [telegram, news, threads]) expect((await api.as('editor').delete(`${base}/${added.json().id}`)).statusCode).toBe(204);
  });

  it('never returns a secret', async () => {
    const added = await api.as('editor').post(base, { network: 'mastodon', config: { instance: 'https://mastodon.example', tags: ['acme'] }, secrets: { token: 'super-secret-token' } });
    expect(added.statusCode, added.body).toBe(201);
    expect(added.body).not.toContain('super-secret-token');
    expect(added.json().secrets).toEqual({ token: expect.not.stringContaining('secret') });
    expect((await api.as('viewer').get(base)).body).not.toContain('super-secret-token');
  });
});
