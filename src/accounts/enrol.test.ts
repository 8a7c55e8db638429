import { expect, it } from 'vitest';
import { describeEachStore } from '../store/testing.ts';
import { workspaceId } from '../store/workspaces.ts';
import { enrol } from './enrol.ts';
import { roleIn } from './members.ts';
import { verifyLogin } from './users.ts';

describeEachStore('enrol', (open) => {
  it('creates the account once, then changes role and password', async () => {
    const store = await open();
    const ws = await workspaceId(store);
    const first = await enrol(store, ws, { email: 'demo@example.com', role: 'editor', generatePassword: true });
    expect(first.created).toBe(true);
    expect(first.generatedPassword).toMatch(/^[\w-]{16}$/);
    expect(await verifyLogin(store, 'demo@example.com', first.generatedPassword!)).not.toBeNull();
    const again = await enrol(store, ws, { email: 'Demo@Example.com', role: 'viewer', password: 'a brand new password' });
    expect(again).toMatchObject({ created: false, generatedPassword: null });
    expect(again.user.id).toBe(first.user.id);
    expect(await roleIn(store, ws, first.user.id)).toBe('viewer');
    expect(await verifyLogin(store, 'demo@example.com', 'a brand new password')).not.toBeNull();
  });
});
