import { defineConfig } from 'vitest/config';
import './scripts/test/own-faketime-lock.ts';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'bench/**/*.test.ts', 'scripts/**/*.test.ts', 'web/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'web/dist/**'],
    // Budgets, not speed goals (those live in the bench:* scripts): they hold on two cores at
    // a load average of 15, where tests that take a few seconds on a quiet machine take ten
    // times as long. A test that hangs still fails, with the step that hung named.
    testTimeout: 180_000,
    hookTimeout: 300_000,
    // Two cores here and in CI: more workers only thrash.
    pool: 'forks',
    maxWorkers: 2,
    reporters: ['default'],
    setupFiles: ['./scripts/test/own-faketime-lock.ts'],
    // Once per run: the store templates fresh test stores are copied from, and a shared folder.
    globalSetup: ['./scripts/test/global-setup.ts'],
    // The connector suites talk to replay servers on loopback, which Murmur refuses by
    // default (src/core/address-policy.ts); the SSRF tests build their own strict policy.
    // Secrets (connector tokens, CRM webhook secret, alert webhooks) are refused without
    // MURMUR_SECRET_KEY: suites get a fixed one; tests of the no-key path remove it.
    env: { MURMUR_ALLOW_PRIVATE_HOSTS: '127.0.0.1,::1', MURMUR_SECRET_KEY: '6d75726d75722d746573742d6b65792d6e6f742d666f722d70726f6475637469' },
  },
});
