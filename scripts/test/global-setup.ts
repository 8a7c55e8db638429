/**
 * Once per test run, before any worker starts: a folder the run's suites share
 * (`inject('testRunDir')`, removed at the end) and the migrated store templates that
 * src/store/testing.ts copies fresh stores from.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { createStoreTemplates, type StoreTemplates } from '../../src/store/test-templates.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    testRunDir: string;
    storeTemplates: StoreTemplates;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = mkdtempSync(join(tmpdir(), 'murmur-test-run-'));
  const { templates, drop } = await createStoreTemplates(dir, process.env.MURMUR_TEST_POSTGRES_URL);
  project.provide('testRunDir', dir);
  project.provide('storeTemplates', templates);
  return async () => {
    await drop();
    rmSync(dir, { recursive: true, force: true });
  };
}
