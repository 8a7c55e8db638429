import { afterAll, beforeAll, expect, it } from 'vitest';
import { samplePlan } from '../../plan/test-fixtures.ts';
import { describeEachStore } from '../../store/testing.ts';
import { createTestApi, type TestApi } from '../testing.ts';
import { ReplayServer } from '../../listen/connectors/replay-server.ts';

const T0 = Date.parse('2026-03-02T09:00:00Z');
const DAY = 86_400_000;

describeEachStore('composer, approval and review-link routes', (open) => {
  let api: TestApi;
  let clock = T0;
  const base = '/api/v1/workspaces/acme';
  let planId: number;
  beforeAll(async () => {
    api = await createTestApi(await open(), { now: () => clock });
    planId = (await api.as('editor').post(`${base}/plans`, samplePlan)).json().id;
  });
  afterAll(async () => {
    await api.app.close();
  });
  const post = (body: string) => ({ planId, channels: ['mastodon', 'bluesky'], title: 'Launch', body, owner: 'Ana', scheduledAt: '2026-03-05T10:00:00Z' });

  it('refuses a post too long for one network, naming it, and composes one that fits', async () => {
    const tooLong = await api.as('editor').post(`${base}/calendar/compose`, { post: post('b'.repeat(301)) });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().issues).toContainEqual({ path: 'body.post.body', message: '301 characters as bluesky counts them; bluesky allows 300' });
    const ok = await api.as('editor').post(`${base}/calendar/compose`, { post: post('We launch') });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().items.map((i: { status: string }) => i.status)).toEqual(['scheduled', 'scheduled']);
  });

  it('lets only an owner require approval and decide; editors submit; the history says who did what', async () => {
    const put = (who: 'owner' | 'editor', requireApproval: boolean) => api.as(who).request({ method: 'PUT', url: `${base}/calendar/settings`, payload: { requireApproval } });
    expect((await put('editor', true)).statusCode).toBe(403);
    expect((await put('owner', true)).json()).toEqual({ requireApproval: true });
    const [item] = (await api.as('editor').post(`${base}/calendar/compose`, { post: { ...post('Needs a yes'), channels: ['mastodon'] }, submit: true })).json().items;
    expect(item).toMatchObject({ status: 'draft', approval: 'pending' });
    expect((await api.as('editor').patch(`${base}/calendar/${item.id}`, { status: 'scheduled' })).json()).toMatchObject({ code: 'approval_required' });
    expect((await api.as('editor').post(`${base}/calendar/${item.id}/approve`, {})).statusCode).toBe(403);
    expect((await api.as('owner').post(`${base}/calendar/${item.id}/reject`, {})).statusCode).toBe(400);
    expect((await api.as('owner').post(`${base}/calendar/${item.id}/reject`, { comment: 'Add the date' })).json()).toMatchObject({ approval: 'rejected' });
    expect((await api.as('editor').post(`${base}/calendar/${item.id}/submit`, { comment: 'Done' })).json()).toMatchObject({ approval: 'pending' });
    expect((await api.as('owner').post(`${base}/calendar/${item.id}/approve`, {})).json()).toMatchObject({ status: 'scheduled', approval: 'approved' });
    const moved = await api.as('editor').patch(`${base}/calendar/${item.id}`, { scheduledAt: '2026-03-06T08:00:00Z' });
    expect(moved.json()).toMatchObject({ status: 'scheduled', approval: 'approved', scheduledAt: Date.parse('2026-03-06T08:00:00Z') });
    const history = (await api.as('viewer').get(`${base}/calendar/${item.id}/history`)).json().items;
    expect(history.map((e: { kind: string; author: string }) => `${e.kind} ${e.author}`)).toEqual([
      'created editor@example.com',
      'submitted editor@example.com',
      'rejected owner@example.com',
      'submitted editor@example.com',
      'approved owner@example.com',
      'rescheduled editor@example.com',
    ]);
    const planHistory = (await api.as('viewer').get(`${base}/plans/${planId}/history`)).json().items;
    expect(planHistory.at(-1)).toMatchObject({ author: 'editor@example.com', change: `calendar #${item.id} "Launch" (mastodon): rescheduled to 2026-03-06T08:00:00.000Z` });
    await put('owner', false);
  });

  it('serves a review link publicly only with a valid token: forged, expired and revoked are refused', async () => {
    const [item] = (await api.as('editor').post(`${base}/calendar/compose`, { post: { ...post('For the client'), channels: ['bluesky'] } })).json().items;
    const created = await api.as('editor').post(`${base}/calendar/${item.id}/review-links`, { days: 3 });
    expect(created.statusCode).toBe(201);
    const { token, id, path } = created.json();
    expect(path).toBe(`/review/${token}`);
    expect(JSON.stringify((await api.as('editor').get(`${base}/calendar/${item.id}/review-links`)).json())).not.toContain(token);

    const publicUrl = `/api/v1/public/review/${token}`;
    const view = await api.as('anonymous').get(publicUrl);
    expect(view.statusCode).toBe(200);
    expect(view.json().item).toMatchObject({ channel: 'bluesky', body: 'For the client' });
    expect(view.json().item.owner).toBeUndefined();
    const commented = await api.as('anonymous').post(`${publicUrl}/comments`, { name: 'Client Co', comment: 'Ship it' });
    expect(commented.json().comments).toEqual([{ author: `Client Co (review link #${id})`, comment: 'Ship it', createdAt: clock }]);
    expect((await api.as('viewer').get(`${base}/calendar/${item.id}/history`)).json().items.at(-1)).toMatchObject({ kind: 'client-comment', comment: 'Ship it' });
    // The link reads and comments; it cannot change anything (no public write route but comments exists).
    expect((await api.as('anonymous').patch(`${base}/calendar/${item.id}`, { body: 'hijacked' })).statusCode).toBe(401);

    const forged = `${token.slice(0, -2)}${token.endsWith('xy') ? 'zz' : 'xy'}`;
    expect((await api.as('anonymous').get(`/api/v1/public/review/${forged}`)).statusCode).toBe(404);
    clock = T0 + 3 * DAY;
    const expired = await api.as('anonymous').get(publicUrl);
    expect([expired.statusCode, expired.json().code]).toEqual([410, 'review_link_expired']);
    clock = T0;
    // Another workspace cannot revoke it (its own URL finds nothing; this one's refuses it).
    expect((await api.as('outsider').delete(`/api/v1/workspaces/globex/calendar/review-links/${id}`)).statusCode).toBe(404);
    expect((await api.as('outsider').delete(`${base}/calendar/review-links/${id}`)).statusCode).toBe(403);
    expect((await api.as('outsider').get(`/api/v1/workspaces/globex/calendar/${item.id}/history`)).statusCode).toBe(404);
    expect((await api.as('viewer').delete(`${base}/calendar/review-links/${id}`)).statusCode).toBe(403);
    expect((await api.as('editor').delete(`${base}/calendar/review-links/${id}`)).json().revokedAt).toBe(T0);
    const revoked = await api.as('anonymous').post(`${publicUrl}/comments`, { name: 'Client Co', comment: 'Again' });
    expect([revoked.statusCode, revoked.json().code]).toEqual([410, 'review_link_revoked']);
  });

  it('previews a link card for editors only, with the page\'s OpenGraph tags (null when the page cannot be read)', async () => {
    const site = await ReplayServer.start();
    try {
      site.route('GET', '/autumn', () => ({ body: '<html><head><meta property="og:title" content="Autumn blend"><meta property="og:description" content="Roasted this week"><meta property="og:image" content="/cup.png"></head></html>', headers: { 'content-type': 'text/html' } }));
      const url = (page: string) => `${base}/calendar/link-preview?url=${encodeURIComponent(`${site.url}${page}`)}`;
      expect((await api.as('editor').get(url('/autumn'))).json()).toEqual({ preview: { uri: `${site.url}/autumn`, title: 'Autumn blend', description: 'Roasted this week', image: `${site.url}/cup.png` } });
      expect((await api.as('editor').get(url('/missing'))).json()).toEqual({ preview: null });
      expect((await api.as('editor').get(`${base}/calendar/link-preview?url=ftp%3A%2F%2Fx`)).statusCode).toBe(400);
      expect((await api.as('viewer').get(url('/autumn'))).statusCode).toBe(403);
      expect((await api.as('anonymous').get(url('/autumn'))).statusCode).toBe(401);
      expect((await api.as('outsider').get(url('/autumn'))).statusCode).toBe(403);
      expect(site.requestsTo('/autumn', 'GET')).toHaveLength(1);
    } finally {
      await site.close();
    }
  });
});
