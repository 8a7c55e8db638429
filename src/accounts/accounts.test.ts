import { expect, it } from 'vitest';
import { describeEachStore } from '../store/testing.ts';
import { createWorkspace } from '../store/workspaces.ts';
import { listMembers, membershipsOf, removeMember, setMember } from './members.ts';
import { createSession, deleteSession, findSession, SESSION_TTL_MS } from './sessions.ts';
import { authenticateToken, createToken, listTokens, revokeToken } from './tokens.ts';
import { createUser, setPassword, verifyLogin } from './users.ts';

describeEachStore('accounts', (open) => {
  it('creates users with normalized emails and signs them in', async () => {
    const store = await open();
    const user = await createUser(store, { email: '  Ana@Example.COM ', password: 'a long password' });
    expect(user.email).toBe('ana@example.com');
    expect((await verifyLogin(store, 'ANA@example.com', 'a long password'))?.id).toBe(user.id);
    expect(await verifyLogin(store, 'ana@example.com', 'wrong password!')).toBeNull();
    expect(await verifyLogin(store, 'nobody@example.com', 'a long password')).toBeNull();
    await expect(createUser(store, { email: 'ana@example.com' })).rejects.toThrow(/already exists/);
    await expect(createUser(store, { email: 'not-an-email' })).rejects.toThrow(/not an email/);
    const row = await store.db.selectFrom('users').select('password_hash').where('id', '=', user.id).executeTakeFirstOrThrow();
    expect(row.password_hash).not.toContain('a long password');
  });

  it('keeps at least one owner and revokes a removed member’s tokens', async () => {
    const store = await open();
    const ws = await createWorkspace(store, 'brand', 'Brand');
    const owner = await createUser(store, { email: 'o@example.com' });
    const editor = await createUser(store, { email: 'e@example.com' });
    await setMember(store, ws, owner.id, 'owner');
    await setMember(store, ws, editor.id, 'editor');
    await expect(setMember(store, ws, owner.id, 'viewer')).rejects.toThrow(/at least one owner/);
    await expect(removeMember(store, ws, owner.id)).rejects.toThrow(/at least one owner/);
    expect((await listMembers(store, ws)).map((m) => [m.email, m.role])).toEqual([
      ['e@example.com', 'editor'],
      ['o@example.com', 'owner'],
    ]);
    const token = await createToken(store, { userId: editor.id, workspaceId: ws, name: 'ci', role: 'editor' });
    expect(await authenticateToken(store, token.token)).not.toBeNull();
    await removeMember(store, ws, editor.id);
    expect(await authenticateToken(store, token.token)).toBeNull();
    expect(await membershipsOf(store, editor.id)).toEqual([]);
  });

  it('stores tokens hashed, caps their role by the membership, and revokes them', async () => {
    const store = await open();
    const ws = await createWorkspace(store, 'tok', 'Tok');
    const user = await createUser(store, { email: 't@example.com' });
    await setMember(store, ws, user.id, 'editor');
    const created = await createToken(store, { userId: user.id, workspaceId: ws, name: 'zapier', role: 'owner' });
    expect(created.token).toMatch(/^mur_/);
    expect(created.role).toBe('editor');
    const stored = await store.db.selectFrom('api_tokens').selectAll().executeTakeFirstOrThrow();
    expect(JSON.stringify(stored)).not.toContain(created.token);
    expect(created.token.startsWith(stored.prefix)).toBe(true);

    // A later demotion caps the token too.
    await setMember(store, ws, user.id, 'viewer');
    expect((await authenticateToken(store, created.token))?.role).toBe('viewer');
    expect((await listTokens(store, ws))[0]!.lastUsedAt).not.toBeNull();

    await revokeToken(store, ws, created.id);
    expect(await authenticateToken(store, created.token)).toBeNull();
    expect((await revokeToken(store, ws, created.id)).revokedAt).not.toBeNull(); // idempotent
    await expect(revokeToken(store, ws + 1000, created.id)).rejects.toThrow(/no token/);
  });

  it('refuses expired tokens', async () => {
    const store = await open();
    const ws = await createWorkspace(store, 'exp', 'Exp');
    const user = await createUser(store, { email: 'x@example.com' });
    await setMember(store, ws, user.id, 'owner');
    const token = await createToken(store, { userId: user.id, workspaceId: ws, name: 'short', role: 'viewer', expiresAt: new Date(Date.now() + 1000) });
    expect(await authenticateToken(store, token.token)).not.toBeNull();
    expect(await authenticateToken(store, token.token, Date.now() + 2000)).toBeNull();
  });

  it('expires sessions and ends them on logout or password change', async () => {
    const store = await open();
    const user = await createUser(store, { email: 's@example.com', password: 'first password' });
    const session = await createSession(store, user.id);
    expect((await findSession(store, session.id))?.userId).toBe(user.id);
    expect(await findSession(store, session.id, Date.now() + SESSION_TTL_MS + 1)).toBeNull();
    const stored = await store.db.selectFrom('sessions').select('id_hash').executeTakeFirstOrThrow();
    expect(stored.id_hash).not.toBe(session.id);
    await deleteSession(store, session.id);
    expect(await findSession(store, session.id)).toBeNull();
    const second = await createSession(store, user.id);
    await setPassword(store, user.id, 'second password');
    expect(await findSession(store, second.id)).toBeNull();
    expect(await verifyLogin(store, 's@example.com', 'second password')).not.toBeNull();
  });
});
