import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { signCrmPayload } from '../../roi/webhook.ts';
import { describeEachStore } from '../../store/testing.ts';
import { createTestApi, type TestApi } from '../testing.ts';

describeEachStore('ROI routes, redirect and CRM webhook', (open) => {
  let api: TestApi;
  const base = '/api/v1/workspaces/acme';
  // The server's clock, which signs and checks CRM webhook timestamps.
  const NOW = Date.parse('2026-03-02T12:00:00Z');
  beforeAll(async () => {
    api = await createTestApi(await open(), { now: () => NOW });
  });
  afterAll(async () => {
    await api.app.close();
  });

  it('creates a campaign and a UTM link whose short code redirects and counts clicks', async () => {
    const campaign = await api.as('editor').post(`${base}/campaigns`, { name: 'Spring Launch', channel: 'instagram', costMoney: 1000, start: '2026-03-01' });
    expect(campaign.statusCode).toBe(201);
    const link = await api.as('editor').post(`${base}/links`, { campaign: campaign.json().id, url: 'https://acme.example/shop', source: 'instagram', medium: 'social' });
    expect(link.statusCode).toBe(201);
    const { code, shortUrl } = link.json();
    expect(shortUrl).toMatch(new RegExp(`/r/${code}$`));

    const browser = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36';
    const click = await api.as('anonymous').request({ method: 'GET', url: `/r/${code}`, headers: { 'user-agent': browser } });
    expect(click.statusCode).toBe(302);
    // A link-preview fetch is redirected too, but not counted as a click.
    const preview = await api.as('anonymous').request({ method: 'GET', url: `/r/${code}`, headers: { 'user-agent': 'Mastodon/4.3.0 (http.rb/5.2.0; +https://mastodon.social/)' } });
    expect(preview.statusCode).toBe(302);
    expect(click.headers.location).toMatch(/^https:\/\/acme\.example\/shop\?.*utm_campaign=spring-launch/);
    expect(click.headers['set-cookie']).toBeUndefined();
    expect((await api.as('anonymous').get('/r/nope')).statusCode).toBe(404);

    const links = (await api.as('viewer').get(`${base}/links`)).json().items;
    expect(links[0]).toMatchObject({ code, clicks: 1 });
    expect((await api.as('viewer').get(`${base}/campaigns`)).json().items).toHaveLength(1);
  });

  it('counts a visitor once per window and rate-limits the public redirect per address', async () => {
    let now = Date.parse('2026-03-02T10:00:00Z');
    const limited = await createTestApi(await open(), { limits: { redirectPerMinute: 5 }, now: () => now });
    const campaign = (await limited.as('editor').post(`${base}/campaigns`, { name: 'Burst', channel: 'mastodon', start: '2026-03-01' })).json();
    const { code } = (await limited.as('editor').post(`${base}/links`, { campaign: campaign.id, url: 'https://acme.example/', source: 'mastodon', medium: 'social' })).json();
    const hit = (remoteAddress: string) => limited.app.inject({ method: 'GET', url: `/r/${code}`, remoteAddress, headers: { 'user-agent': 'Mozilla/5.0 Firefox/130.0' } });
    const codes: number[] = [];
    for (let i = 0; i < 7; i++) codes.push((await hit('203.0.113.9')).statusCode);
    expect(codes).toEqual([302, 302, 302, 302, 302, 429, 429]);
    now += 31 * 60_000;
    expect((await hit('198.51.100.4')).statusCode).toBe(302);
    expect((await limited.as('viewer').get(`${base}/links`)).json().items[0]).toMatchObject({ code, clicks: 2 });
    await limited.app.close();
  });

  it('edits a link without breaking its short link, deletes an unclicked one and refuses a clicked one', async () => {
    const campaign = (await api.as('editor').post(`${base}/campaigns`, { name: 'Autumn', channel: 'mastodon', start: '2026-03-01' })).json();
    const made = (await api.as('editor').post(`${base}/links`, { campaign: campaign.id, url: 'https://acme.example/autumn?ref=x', source: 'mastodon', medium: 'social', content: 'video-1' })).json();
    const edited = await api.as('editor').patch(`${base}/links/${made.id}`, { url: 'https://acme.example/autumn-sale', medium: 'Paid Social', content: null });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({ id: made.id, code: made.code, campaignId: campaign.id, shortUrl: made.shortUrl, utm: { source: 'mastodon', medium: 'paid-social', campaign: 'autumn', content: null } });
    expect(edited.json().destination).toBe('https://acme.example/autumn-sale?utm_source=mastodon&utm_medium=paid-social&utm_campaign=autumn');
    // The short link already published now opens the new page.
    const browser = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36';
    const click = await api.as('anonymous').request({ method: 'GET', url: `/r/${made.code}`, headers: { 'user-agent': browser } });
    expect(click.headers.location).toBe(edited.json().destination);

    const bad = await api.as('editor').patch(`${base}/links/${made.id}`, { url: 'ftp://acme.example/' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(/^url: /);
    expect((await api.as('editor').patch(`${base}/links/${made.id}`, { campaign: 'other' })).json().issues[0].path).toBe('body');
    expect((await api.as('editor').patch(`${base}/links/${made.id}`, {})).statusCode).toBe(400);

    const refused = await api.as('editor').delete(`${base}/links/${made.id}`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'link_has_clicks', message: expect.stringContaining(`link ${made.code} has 1 counted click`) });
    expect((await api.as('viewer').get(`${base}/links`)).json().items.map((l: { id: number }) => l.id)).toContain(made.id);

    const unclicked = (await api.as('editor').post(`${base}/links`, { campaign: campaign.id, url: 'https://acme.example/', source: 'x', medium: 'y' })).json();
    expect((await api.as('editor').delete(`${base}/links/${unclicked.id}`)).statusCode).toBe(204);
    expect((await api.as('viewer').get(`${base}/links`)).json().items.map((l: { id: number }) => l.id)).not.toContain(unclicked.id);
    expect((await api.as('anonymous').request({ method: 'GET', url: `/r/${unclicked.code}` })).statusCode).toBe(404);
    expect((await api.as('editor').delete(`${base}/links/${unclicked.id}`)).statusCode).toBe(404);
    // Another workspace's link is not found, not changed.
    expect((await api.as('editor').patch(`/api/v1/workspaces/globex/links/${made.id}`, { medium: 'x' })).statusCode).toBe(403);
  });

  it('builds short links and the CRM webhook address from MURMUR_PUBLIC_URL or the listen address, never the Host header', async () => {
    const campaign = (await api.as('editor').post(`${base}/campaigns`, { name: 'Host Check', channel: 'email', start: '2026-03-01' })).json();
    const forged = { host: 'evil.example' };
    const made = await api.as('editor').request({ method: 'POST', url: `${base}/links`, headers: forged, payload: { campaign: campaign.id, url: 'https://acme.example/host', source: 'email', medium: 'newsletter' } });
    expect(made.json()).toMatchObject({ shortUrl: `http://127.0.0.1:8080/r/${made.json().code}`, publicUrlGuessed: true });
    const listed = (await api.as('viewer').request({ method: 'GET', url: `${base}/links?campaign=${campaign.id}`, headers: forged })).json();
    expect(listed).toEqual({ items: [expect.objectContaining({ shortUrl: made.json().shortUrl })], publicUrlGuessed: true });
    const hook = (await api.as('owner').request({ method: 'GET', url: `${base}/crm/webhook`, headers: forged })).json();
    expect(hook).toMatchObject({ url: 'http://127.0.0.1:8080/api/v1/hooks/crm/acme', publicUrlGuessed: true });
    vi.stubEnv('MURMUR_PUBLIC_URL', 'https://murmur.acme.example/');
    try {
      const patched = await api.as('editor').request({ method: 'PATCH', url: `${base}/links/${made.json().id}`, headers: forged, payload: { medium: 'email' } });
      expect(patched.json()).toMatchObject({ shortUrl: `https://murmur.acme.example/r/${made.json().code}`, publicUrlGuessed: false });
      const rotated = (await api.as('owner').request({ method: 'POST', url: `${base}/crm/webhook/rotate`, headers: forged })).json();
      expect(rotated).toMatchObject({ url: 'https://murmur.acme.example/api/v1/hooks/crm/acme', publicUrlGuessed: false });
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('names the bad field of a campaign', async () => {
    const response = await api.as('editor').post(`${base}/campaigns`, { name: 'Bad', channel: 'x', start: '2026-03-10', end: '2026-03-01' });
    expect(response.statusCode).toBe(400);
    expect(response.json().issues[0].path).toBe('body.end');
  });

  it('tells an owner whether a webhook secret is set without ever returning it, and gives it once on rotation', async () => {
    // Its own server: the test below makes this workspace's secret.
    const fresh = await createTestApi(await open(), { now: () => NOW });
    const reads = () => Promise.all([`${base}/crm/webhook`, `${base}/crm/webhook/status`].map((url) => fresh.as('owner').get(url)));
    for (const read of await reads()) {
      expect(read.json()).toEqual({ url: expect.stringMatching(/\/api\/v1\/hooks\/crm\/acme$/), publicUrlGuessed: true, set: false, setAt: null, signatureHeader: 'x-murmur-signature', timestampHeader: 'x-murmur-timestamp' });
    }
    expect((await fresh.as('editor').get(`${base}/crm/webhook`)).statusCode).toBe(403);
    const rotated = await fresh.as('owner').post(`${base}/crm/webhook/rotate`);
    expect(rotated.statusCode).toBe(200);
    const { secret } = rotated.json();
    expect(secret).toMatch(/^whsec_/);
    for (const read of await reads()) {
      expect(read.json()).toMatchObject({ set: true, setAt: NOW, url: expect.stringMatching(/\/api\/v1\/hooks\/crm\/acme$/) });
      expect(read.body).not.toContain(secret);
    }
    await fresh.app.close();
  });

  it('takes signed CRM conversions and refuses unsigned, tampered or replayed ones', async () => {
    const setup = (await api.as('owner').post(`${base}/crm/webhook/rotate`)).json();
    expect(setup.url).toMatch(/\/api\/v1\/hooks\/crm\/acme$/);
    const body = JSON.stringify({ events: [{ eventId: 'deal-1', stage: 'won', occurredAt: '2026-03-05T10:00:00Z', revenue: 250, utmCampaign: 'spring-launch' }] });
    const ts = Math.floor(NOW / 1000);
    const send = (headers: Record<string, string>, payload = body) =>
      api.app.inject({ method: 'POST', url: '/api/v1/hooks/crm/acme', headers: { 'content-type': 'application/json', ...headers }, payload });
    const signature = signCrmPayload(setup.secret, ts, body);

    expect((await send({})).statusCode).toBe(401);
    expect((await send({ 'x-murmur-timestamp': String(ts), 'x-murmur-signature': signature }, body.replace('250', '9999'))).statusCode).toBe(401);
    const old = ts - 3600;
    expect((await send({ 'x-murmur-timestamp': String(old), 'x-murmur-signature': signCrmPayload(setup.secret, old, body) })).statusCode).toBe(401);
    expect((await api.app.inject({ method: 'POST', url: '/api/v1/hooks/crm/nowhere', headers: { 'content-type': 'application/json' }, payload: body })).statusCode).toBe(401);

    const ok = await send({ 'x-murmur-timestamp': String(ts), 'x-murmur-signature': signature });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ inserted: 1 });
    const again = await send({ 'x-murmur-timestamp': String(ts), 'x-murmur-signature': signature });
    expect(again.json()).toMatchObject({ inserted: 0 });

    const roi = (await api.as('viewer').get(`${base}/roi`)).json();
    expect(roi.rows[0]).toMatchObject({ name: 'Spring Launch', revenue: 250 });
    // A plain day as `to` includes that day (the deal is 2026-03-05 10:00), as the CLI's --to.
    expect((await api.as('viewer').get(`${base}/roi?from=2026-03-05&to=2026-03-05`)).json().total.revenue).toBe(250);
    expect((await api.as('viewer').get(`${base}/roi?to=2026-03-04`)).json().total.revenue).toBe(0);
    expect((await api.as('viewer').get(`${base}/roi?to=2026-03-05T10:00:00Z`)).json().total.revenue).toBe(0);

    const rotated = (await api.as('owner').post(`${base}/crm/webhook/rotate`)).json();
    expect(rotated.secret).not.toBe(setup.secret);
    expect((await send({ 'x-murmur-timestamp': String(ts), 'x-murmur-signature': signature })).statusCode).toBe(401);
  });

  it('imports a CRM CSV upload, reporting rejected lines, idempotently', async () => {
    const csv = readFileSync(new URL('../../roi/testdata/crm-broken.csv', import.meta.url));
    const upload = (body: Buffer | string, type = 'text/csv') =>
      api.as('editor').request({ method: 'POST', url: `${base}/conversions/import`, headers: { 'content-type': type }, payload: body });
    const first = await upload(csv);
    expect(first.statusCode, first.body).toBe(200);
    const result = first.json();
    expect(result.inserted).toBeGreaterThan(0);
    expect(result.rejected.find((r: { line: number }) => r.line === 5)).toEqual({ line: 5, reason: expect.stringMatching(/refund/i), problems: [{ code: 'unknown_stage', field: 'stage' }] });
    expect((await upload(csv)).json()).toMatchObject({ inserted: 0, duplicates: result.inserted });
    const noHeader = await upload('a,b\n1,2\n');
    expect(noHeader.statusCode).toBe(400);
    expect(noHeader.json().message).toMatch(/^the uploaded CSV: no column for/);
    expect((await upload('x', 'application/xml')).statusCode).toBe(415);
  });

  it('changes a campaign, checking the end against the start it keeps, never its utm_campaign', async () => {
    const created = (await api.as('editor').post(`${base}/campaigns`, { name: 'Autumn Push', channel: 'bluesky', costMoney: 100, start: '2026-09-01', hashtag: 'autumn' })).json();
    const patch = (body: unknown) => api.as('editor').request({ method: 'PATCH', url: `${base}/campaigns/${created.id}`, payload: body as object });
    const changed = await patch({ name: 'Autumn Push 2026', costMoney: 250, end: '2026-09-30', hashtag: null });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ name: 'Autumn Push 2026', utmCampaign: 'autumn-push', costMoney: 250, endAt: Date.parse('2026-09-30'), hashtag: null, channel: 'bluesky' });
    const early = await patch({ end: '2026-08-01' });
    expect(early.statusCode).toBe(400);
    expect(early.json().message).toMatch(/end: ends before it starts/);
    expect((await patch({ utmCampaign: 'other' })).statusCode).toBe(400);
    expect((await api.as('editor').get(`${base}/campaigns/${created.id}`)).json()).toMatchObject({ costMoney: 250, endAt: Date.parse('2026-09-30') });
  });

  it('previews a CRM CSV (mapping, counts, rejected lines) without storing it, then imports it as previewed', async () => {
    const csv = ['Deal ID,Lifecycle Stage,Close Date,Amount,Owner,UTM Campaign', 'pv-1,Lead,2026-03-02,,ana,spring-sale', 'pv-2,Closed Won,2026-03-04,"1 200,00",ana,spring-sale', 'pv-3,Lead,yesterday,,bob,', 'pv-1,Lead,2026-03-02,,ana,spring-sale', ''].join('\n');
    const upload = (query: string) => api.as('editor').request({ method: 'POST', url: `${base}/conversions/import${query}`, headers: { 'content-type': 'text/csv' }, payload: csv });
    const preview = await upload('?dryRun=true');
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json()).toMatchObject({
      dryRun: true,
      mapping: [
        { column: 'Deal ID', field: 'eventId' },
        { column: 'Lifecycle Stage', field: 'stage' },
        { column: 'Close Date', field: 'occurredAt' },
        { column: 'Amount', field: 'revenue' },
        { column: 'Owner', field: null },
        { column: 'UTM Campaign', field: 'utmCampaign' },
      ],
      rows: 4,
      inserted: 2,
      duplicates: 1,
      rejectedCount: 1,
      rejected: [{ line: 4, reason: expect.stringMatching(/^occurredAt: expected a date/) }],
    });
    // Nothing was stored by the preview: the import stores what it announced.
    expect((await upload('')).json()).toMatchObject({ dryRun: false, inserted: 2, duplicates: 1, rejectedCount: 1 });
    expect((await upload('?dryRun=true')).json()).toMatchObject({ inserted: 0, duplicates: 3 });
  });

  it('answers a client error, not a 500, to a JSON body or a header that is not CSV', async () => {
    const upload = (body: string, type: string) => api.as('editor').request({ method: 'POST', url: `${base}/conversions/import`, headers: { 'content-type': type }, payload: body });
    const json = await upload('{"events":[]}', 'application/json');
    expect(json.statusCode).toBe(415);
    expect(json.json().message).toMatch(/Content-Type: text\/csv/);
    const unclosed = await upload('Event ID,"Type,Date\nev-1,Lead,2026-03-02\n', 'text/csv');
    expect(unclosed.statusCode).toBe(400);
    expect(unclosed.json().message).toMatch(/^the uploaded CSV: line 1: the header is not valid CSV/);
    // Lone CR line ends (old exports): the header is the first line, not the whole file.
    const crOnly = await upload('Event ID,Type,Date\rev-cr-1,Lead,2026-03-02\rev-cr-2,Lead,2026-03-03\r', 'text/csv');
    expect(crOnly.statusCode, crOnly.body).toBe(200);
  });
});
