import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../store/testing.ts';
import { createTestApi, type TestApi } from '../testing.ts';

describeEachStore('workspace, member and token routes', (open) => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi(await open());
  });
  afterAll(async () => {
    await api.app.close();
  });

  it('lists the caller’s workspaces', async () => {
    const session = await api.login('owner');
    expect((await session.get('/api/v1/workspaces')).json().items).toEqual([{ slug: 'acme', name: 'Acme', role: 'owner' }]);
    expect((await api.as('viewer').get('/api/v1/workspaces/acme')).json()).toEqual({ slug: 'acme', name: 'Acme', role: 'viewer', timeZone: 'UTC' });
  });

  it('lets the owner add, promote and remove members', async () => {
    const owner = api.as('owner');
    const added = await owner.post('/api/v1/workspaces/acme/members', { email: 'New@Example.com', role: 'viewer', password: 'a fine password' });
    expect(added.statusCode).toBe(201);
    expect(added.json()).toMatchObject({ email: 'new@example.com', role: 'viewer' });
    const userId = added.json().userId;
    expect((await owner.patch(`/api/v1/workspaces/acme/members/${userId}`, { role: 'editor' })).json().role).toBe('editor');
    expect((await owner.patch(`/api/v1/workspaces/acme/members/${userId}`, { role: 'boss' })).json().issues[0].path).toBe('body.role');
    expect((await owner.delete(`/api/v1/workspaces/acme/members/${userId}`)).statusCode).toBe(204);
    expect((await owner.delete(`/api/v1/workspaces/acme/members/${userId}`)).statusCode).toBe(404);
    expect((await owner.patch(`/api/v1/workspaces/acme/members/999999`, { role: 'editor' })).statusCode).toBe(404);
    const members = (await api.as('viewer').get('/api/v1/workspaces/acme/members')).json().items;
    expect(members.map((m: { email: string }) => m.email)).toEqual(['editor@example.com', 'owner@example.com', 'viewer@example.com']);
  });

  it('keeps the last owner', async () => {
    const response = await api.as('owner').patch(`/api/v1/workspaces/acme/members/${api.users.owner.id}`, { role: 'viewer' });
    expect(response.statusCode).toBe(409);
    expect(response.json().message).toMatch(/at least one owner/);
  });

  it('shows a new token once, lists it without the secret, and revokes it', async () => {
    const owner = api.as('owner');
    const created = await owner.post('/api/v1/workspaces/acme/tokens', { name: 'zapier', role: 'editor' });
    expect(created.statusCode).toBe(201);
    const { token, id } = created.json();
    expect(token).toMatch(/^mur_/);
    const listed = await owner.get('/api/v1/workspaces/acme/tokens');
    expect(listed.body).not.toContain(token);
    expect(listed.json().items.find((t: { id: number }) => t.id === id)).toMatchObject({ name: 'zapier', role: 'editor', revokedAt: null });

    const withToken = await api.app.inject({ method: 'GET', url: '/api/v1/workspaces/acme/members', headers: { authorization: `Bearer ${token}` } });
    expect(withToken.statusCode).toBe(200);
    expect((await owner.delete(`/api/v1/workspaces/acme/tokens/${id}`)).json().revokedAt).not.toBeNull();
    const revoked = await api.app.inject({ method: 'GET', url: '/api/v1/workspaces/acme/members', headers: { authorization: `Bearer ${token}` } });
    expect(revoked.statusCode).toBe(401);
    expect((await owner.delete('/api/v1/workspaces/acme/tokens/999999')).statusCode).toBe(404);
  });

  it('refuses a token from one workspace in another, even for a member of both', async () => {
    const owner = api.as('owner');
    await api.store.db.insertInto('workspace_members').values({ workspace_id: api.workspaces.globex, user_id: api.users.owner.id, role: 'viewer', created_at: Date.now() }).execute();
    expect((await owner.get('/api/v1/workspaces/globex/members')).statusCode).toBe(403);
    const session = await api.login('owner');
    expect((await session.get('/api/v1/workspaces/globex/members')).statusCode).toBe(200);
  });

  it('refuses a token that expires in the past', async () => {
    const response = await api.as('owner').post('/api/v1/workspaces/acme/tokens', { name: 'old', expiresAt: '2000-01-01T00:00:00Z' });
    expect(response.statusCode).toBe(400);
    expect(response.json().issues[0].path).toBe('body.expiresAt');
  });
});
