import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'bench/**/*.test.ts', 'scripts/**/*.test.ts', 'web/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'web/dist/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores here and in CI: more workers only thrash.
    pool: 'forks',
    maxWorkers: 2,
    reporters: ['default'],
    // The connector suites talk to replay servers on loopback, which Murmur refuses by
    // default (src/core/address-policy.ts); the SSRF tests build their own strict policy.
    env: { MURMUR_ALLOW_PRIVATE_HOSTS: '127.0.0.1,::1' },
  },
});
