/**
 * Once per test run, before any worker starts: a folder the run's suites share
 * (`inject('testRunDir')`, removed at the end) and the migrated store templates that
 * src/store/testing.ts copies fresh stores from. A PostgreSQL server that cannot be
 * reached (or a migration that fails) stops the run here, before any test, with its error.
 * In watch mode the run is the session.
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
  const removeDir = () => rmSync(dir, { recursive: true, force: true });
  let made: Awaited<ReturnType<typeof createStoreTemplates>>;
  try {
    made = await createStoreTemplates(dir, process.env.MURMUR_TEST_POSTGRES_URL);
  } catch (error) {
    removeDir();
    throw error;
  }
  project.provide('testRunDir', dir);
  project.provide('storeTemplates', made.templates);
  return async () => {
    await made.drop(); // never throws (createPostgresDatabase): a failing cleanup would fail a green run
    removeDir();
  };
}
