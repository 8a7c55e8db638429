import { expect, it } from 'vitest';
import { describeEachStore } from '../store/testing.ts';
import { workspaceId } from '../store/workspaces.ts';
import type { DemoContext } from '../demo/demo-step.ts';
import { accountsDemoStep, DEMO_EMAIL } from './demo-step.ts';
import { verifyLogin } from './users.ts';

describeEachStore('accounts demo step', (open) => {
  it('creates a demo owner whose printed password signs in', async () => {
    const store = await open();
    const context = { store, workspaceId: await workspaceId(store) } as DemoContext;
    const section = await accountsDemoStep({ location: './murmur-demo.db' })(context);
    const { password } = section.data as { password: string };
    expect(section.lines.join('\n')).toContain(password);
    expect(section.lines.join('\n')).toContain('serve');
    expect(await verifyLogin(store, DEMO_EMAIL, password)).not.toBeNull();
  });
});
