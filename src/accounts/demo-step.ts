/**
 * The accounts part of `murmur demo`: a demo owner to sign in to the dashboard with, and
 * how. The password is generated per demo store and printed once (the demo store is a
 * local, throwaway file; a fixed password would outlive it in people's habits).
 */
import type { DemoStep } from '../demo/demo-step.ts';
import { enrol } from './enrol.ts';

export const DEMO_EMAIL = 'demo@murmur.local';

export function accountsDemoStep(options: { location: string }): DemoStep {
  return async ({ store, workspaceId }) => {
    const { generatedPassword, user } = await enrol(store, workspaceId, { email: DEMO_EMAIL, name: 'Demo', role: 'owner', generatePassword: true });
    const lines = [
      `  start the dashboard:  npx murmur --db ${options.location} serve`,
      '  then open            http://127.0.0.1:8080/',
      `  sign in as           ${user.email}`,
      generatedPassword ? `  password             ${generatedPassword}   (shown once; change it with murmur users passwd)` : '  password             unchanged (the account already existed)',
    ];
    return { title: 'Dashboard', lines, data: { email: user.email, password: generatedPassword, url: 'http://127.0.0.1:8080/' } };
  };
}
