/**
 * Walks the whole route table: every route a workspace member can reach refuses an
 * anonymous caller, a member of another workspace, and a viewer attempting a write.
 * A route added later is covered without touching this file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testStoreFactory } from '../store/testing.ts';
import { createTestApi, type TestApi } from './testing.ts';

// Routes anyone may call: adding one here is a conscious decision.
const PUBLIC_ROUTES = new Set([
  'GET /healthz',
  'GET /readyz',
  'GET /api/v1/openapi.json',
  'POST /api/v1/auth/login',
]);
const PUBLIC_PREFIXES = ['/api/v1/docs', '/*', '/r/', '/api/v1/public/', '/api/v1/hooks/'];

describe('access control over every route', () => {
  const factory = testStoreFactory('sqlite');
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi(await factory.open());
  });
  afterAll(async () => {
    await api.app.close();
    await factory.cleanup();
  });

  const concrete = (url: string) => url.replace(':ws', 'acme').replace(/:[a-zA-Z]+/g, '1').replace('*', 'x');

  it('knows the routes it checks', () => {
    expect(api.app.routeList.length).toBeGreaterThan(10);
    expect(api.app.routeList.some((r) => r.url === '/api/v1/workspaces/:ws/mentions' && r.method === 'POST')).toBe(true);
    // The sentiment adapter: viewers read its state, editors retrain it.
    expect(api.app.routeList.find((r) => r.url === '/api/v1/workspaces/:ws/nlp/adapter' && r.method === 'GET')?.access).toBe('viewer');
    expect(api.app.routeList.find((r) => r.url === '/api/v1/workspaces/:ws/nlp/adapt' && r.method === 'POST')?.access).toBe('editor');
  });

  it('walks the routes the dashboard edits plans and alert rules with', () => {
    const routes = new Set(api.app.routeList.map((r) => `${r.method} ${r.url}`));
    for (const route of [
      'POST /api/v1/workspaces/:ws/plans',
      'POST /api/v1/workspaces/:ws/plans/:id/changes',
      'GET /api/v1/workspaces/:ws/plans/:id/diff',
      'GET /api/v1/workspaces/:ws/plans/:id/kpis/:kpi/curve',
      'GET /api/v1/workspaces/:ws/plans/:id/kpis/:kpi/track',
      'POST /api/v1/workspaces/:ws/plans/:id/kpis/:kpi/entries',
      'POST /api/v1/workspaces/:ws/plans/import',
      'GET /api/v1/workspaces/:ws/plans/reviews-due',
      'PUT /api/v1/workspaces/:ws/alerts/rules/:id',
      'PATCH /api/v1/workspaces/:ws/topics/:id',
      'GET /api/v1/workspaces/:ws/experiments/size',
      'GET /api/v1/workspaces/:ws/crm/webhook/status',
      'PATCH /api/v1/workspaces/:ws/links/:id',
      'DELETE /api/v1/workspaces/:ws/links/:id',
    ])
      expect(routes, route).toContain(route);
  });

  // Issue #18's routes: a viewer reads every list of the inbox; assigning, tagging,
  // correcting, muting and replying need the editor role.
  const INBOX_ROUTES: Record<string, 'viewer' | 'editor'> = {
    'GET /api/v1/workspaces/:ws/inbox': 'viewer',
    'GET /api/v1/workspaces/:ws/inbox/:id': 'viewer',
    'GET /api/v1/workspaces/:ws/inbox/export': 'viewer',
    'POST /api/v1/workspaces/:ws/inbox/triage': 'editor',
    'POST /api/v1/workspaces/:ws/inbox/sentiment': 'editor',
    'POST /api/v1/workspaces/:ws/inbox/tags': 'editor',
    'GET /api/v1/workspaces/:ws/nlp/corrections': 'viewer',
    'GET /api/v1/workspaces/:ws/tags/rules': 'viewer',
    'POST /api/v1/workspaces/:ws/tags/rules': 'editor',
    'PATCH /api/v1/workspaces/:ws/tags/rules/:id': 'editor',
    'DELETE /api/v1/workspaces/:ws/tags/rules/:id': 'editor',
    'GET /api/v1/workspaces/:ws/watch/tags': 'viewer',
    'GET /api/v1/workspaces/:ws/topics/:id/mutes': 'viewer',
    'POST /api/v1/workspaces/:ws/topics/:id/mutes': 'editor',
    'DELETE /api/v1/workspaces/:ws/topics/:id/mutes/:muteId': 'editor',
    'GET /api/v1/workspaces/:ws/mentions/:id/replies': 'viewer',
    'POST /api/v1/workspaces/:ws/mentions/:id/replies': 'editor',
    'POST /api/v1/workspaces/:ws/replies/:id/approve': 'editor',
    'GET /api/v1/workspaces/:ws/mentions': 'viewer',
    'GET /api/v1/workspaces/:ws/mentions/export': 'viewer',
    'GET /api/v1/workspaces/:ws/export/:list': 'viewer',
  };

  it('walks the inbox, tag, mute, reply, export and correction routes: viewers read them, editors change them', async () => {
    const access = new Map(api.app.routeList.map((r) => [`${r.method} ${r.url}`, r.access]));
    const failures: string[] = [];
    for (const [route, role] of Object.entries(INBOX_ROUTES)) {
      if (access.get(route) !== role) failures.push(`${route} needs ${String(access.get(route))}, not ${role}`);
      if (role !== 'viewer') continue;
      const [method, url] = route.split(' ') as ['GET', string];
      const response = await api.as('viewer').request({ method, url: concrete(url) });
      if (response.statusCode === 401 || response.statusCode === 403) failures.push(`${route} refuses a viewer (${response.statusCode})`);
    }
    expect(failures).toEqual([]);
  });

  it('has no public route except the listed ones', () => {
    const unexpected = api.app.routeList
      .filter((r) => r.access === 'public' || r.access === undefined)
      .map((r) => `${r.method} ${r.url}`)
      .filter((key) => !PUBLIC_ROUTES.has(key) && !PUBLIC_PREFIXES.some((p) => key.split(' ')[1]!.startsWith(p)));
    expect(unexpected).toEqual([]);
  });

  it('refuses anonymous callers on every non-public route', async () => {
    const failures: string[] = [];
    for (const route of api.app.routeList.filter((r) => r.access && r.access !== 'public')) {
      const response = await api.as('anonymous').request({ method: route.method as 'GET', url: concrete(route.url), payload: {} });
      if (response.statusCode !== 401) failures.push(`${route.method} ${route.url} → ${response.statusCode}`);
    }
    expect(failures).toEqual([]);
  });

  it('refuses a member of another workspace on every workspace route, by token and by session', async () => {
    const session = await api.login('outsider');
    const failures: string[] = [];
    for (const route of api.app.routeList.filter((r) => r.url.includes(':ws') && r.access !== 'public')) {
      for (const [kind, caller] of [['token', api.as('outsider')], ['session', session]] as const) {
        const response = await caller.request({ method: route.method as 'GET', url: concrete(route.url), payload: {} });
        if (response.statusCode !== 403) failures.push(`${kind} ${route.method} ${route.url} → ${response.statusCode}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('refuses a viewer on every state-changing workspace route', async () => {
    const writes = api.app.routeList.filter((r) => r.url.includes(':ws') && r.access !== 'public' && r.method !== 'GET');
    expect(writes.length).toBeGreaterThan(3);
    const session = await api.login('viewer');
    const failures: string[] = [];
    for (const route of writes) {
      if (route.access === 'viewer') failures.push(`${route.method} ${route.url} lets viewers write`);
      for (const caller of [api.as('viewer'), session]) {
        const response = await caller.request({ method: route.method as 'POST', url: concrete(route.url), payload: {} });
        if (response.statusCode !== 403) failures.push(`${route.method} ${route.url} → ${response.statusCode}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('refuses editors on owner routes', async () => {
    const failures: string[] = [];
    for (const route of api.app.routeList.filter((r) => r.access === 'owner')) {
      const response = await api.as('editor').request({ method: route.method as 'GET', url: concrete(route.url), payload: {} });
      if (response.statusCode !== 403) failures.push(`${route.method} ${route.url} → ${response.statusCode}`);
    }
    expect(failures).toEqual([]);
  });

  it('refuses an unknown workspace the same way as a foreign one', async () => {
    const response = await api.as('owner').get('/api/v1/workspaces/nope/members');
    expect(response.statusCode).toBe(403);
    expect(response.json().message).toContain('"nope"');
  });

  it('refuses a bogus or malformed bearer token', async () => {
    for (const authorization of ['Bearer mur_not-a-real-token', 'Bearer', 'Basic abc']) {
      const response = await api.app.inject({ method: 'GET', url: '/api/v1/workspaces/acme/members', headers: { authorization } });
      expect(response.statusCode).toBe(401);
    }
  });
});
