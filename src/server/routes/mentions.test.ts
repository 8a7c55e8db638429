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

  it('checks pushed mentions as the importer checks rows, naming each bad one, and stores none of the batch', async () => {
    const bad: [string, Record<string, unknown>, string, RegExp][] = [
      ['js-url', { url: 'javascript://x.example/%0aalert(document.domain)' }, 'url', /url: not an http\(s\) URL/],
      ['data-url', { url: 'data:text/html,<script>alert(1)</script>' }, 'url', /not an http\(s\) URL/],
      ['file-url', { url: 'file:///etc/passwd' }, 'url', /not an http\(s\) URL/],
      ['year-0', { publishedAt: '0000-01-01T00:00:00Z' }, 'publishedAt', /before 1990/],
      ['year-9999', { publishedAt: '9999-12-31T00:00:00Z' }, 'publishedAt', /in the future/],
      ['spaces', { text: '   ' }, 'text', /text: missing, empty or only spaces/],
      ['nul', { text: '\u0000' }, 'text', /NUL character/],
      ['nul-inside', { text: 'a\u0000b' }, 'text', /NUL character/],
      ['handle-nul', { author: { handle: 'x\u0000' } }, 'author.handle', /NUL character/],
      ['lang', { langHint: 'Klingon!' }, 'langHint', /not a language code/],
    ];
    const mentions = [pushedMention('v-ok', 'fine'), ...bad.map(([id, change]) => ({ ...pushedMention(`v-${id}`, 'x'), ...change }))];
    const response = await api.as('editor').post(url, { mentions });
    expect(response.statusCode).toBe(400);
    const body = response.json();
    expect(body.message).toMatch(/^invalid request: body\.mentions\.1\.url: url: not an http\(s\) URL.* \(and 9 more\)$/);
    expect(body.issues.map((i: { path: string }) => i.path)).toEqual(bad.map(([, , field], i) => `body.mentions.${i + 1}.${field}`));
    bad.forEach(([, , , message], i) => expect(body.issues[i].message).toMatch(message));
    const stored = await api.store.db.selectFrom('mentions').select('external_id').where('external_id', 'like', 'v-%').execute();
    expect(stored).toEqual([]);
  });

  it('caps text as the importer does, refuses the same mention twice in a batch, and names the batch limit', async () => {
    const long = await api.as('editor').post(url, { mentions: [pushedMention('cap', 'x'.repeat(100_001))] });
    // Over the test server's 64 KB body limit before the text limit: 413.
    expect(long.statusCode).toBe(413);
    const check = (await import('./mentions.ts')).checkPushedMentions;
    const PUSHED_ON = Date.parse('2026-03-02T00:00:00Z'); // the day after pushedMention's
    const parsed = (m: ReturnType<typeof pushedMention>) => ({ ...m, url: null, author: { ...m.author, displayName: null, followers: null }, engagement: { likes: 0, shares: 0, replies: 0, views: null } });
    expect(() => check([parsed(pushedMention('cap', 'x'.repeat(100_001)))], PUSHED_ON)).toThrow(/text: 100,001 characters, over the limit of 100,000/);
    expect(check([parsed(pushedMention('cap', 'x'.repeat(100_000)))], PUSHED_ON)[0]!.text).toHaveLength(100_000);

    const twice = await api.as('editor').post(url, { mentions: [pushedMention('t-1', 'one'), pushedMention('t-2', 'two'), pushedMention('t-1', 'one again')] });
    expect(twice.statusCode).toBe(400);
    expect(twice.json().issues).toEqual([{ path: 'body.mentions.2.externalId', message: 'externalId: same source and externalId as mentions[0]; send each mention once per request' }]);

    // A day that does not exist: refused by the ISO 8601 check of the schema already.
    const feb30 = await api.as('editor').post(url, { mentions: [pushedMention('f-1', 'x', '2026-02-30T10:00:00Z')] });
    expect(feb30.json().issues[0].path).toBe('body.mentions.0.publishedAt');

    const roomy = await createTestApi(await open(), { limits: { ingestPerMinute: 1000 } });
    try {
      const many = await roomy.as('editor').post(url, { mentions: Array.from({ length: 1001 }, (_, i) => pushedMention(`m-${i}`, 'x')) });
      expect(many.statusCode).toBe(400);
      expect(many.json().message).toMatch(/^invalid request: body\.mentions: at most 1000 mentions per request/);
    } finally {
      await roomy.app.close();
    }
  });

  it('stores a checked mention normalised as an imported row is', async () => {
    const response = await api.as('editor').post(url, {
      mentions: [{ ...pushedMention(' n-1 ', '  Kept as written  '), source: 'Webhook', author: { handle: '@Someone', displayName: '  ' }, langHint: 'pt-BR', url: ' https://x.example/p ' }],
    });
    expect(response.statusCode).toBe(200);
    const mention = (await api.as('viewer').get(`${url}/${response.json().ids[0]}`)).json();
    expect(mention).toMatchObject({ externalId: 'n-1', source: 'webhook', author: { handle: 'Someone', displayName: null }, text: '  Kept as written  ', url: 'https://x.example/p', langHint: 'pt-BR' });
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
