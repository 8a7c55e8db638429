/**
 * Files a test run makes once and its suites copy: a demo store takes seconds of CPU to
 * make, the same for every browser suite, and a copy takes milliseconds. The cache is the
 * run's folder (scripts/test/global-setup.ts), so nothing outlives the run or leaks
 * between runs (in watch mode the run is the session: restart it after changing what
 * `make` does); outside vitest (a bench) the file is simply made where it is wanted.
 */
import { randomUUID } from 'node:crypto';
import { copyFileSync, existsSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { providedByRun } from '../../src/store/testing.ts';

/**
 * Puts at `path` the SQLite store `make` builds, made once per run under `name` (which
 * must say everything `make` depends on). `make` must leave the store closed.
 */
export function copyOfRunStore(name: string, path: string, make: (at: string) => void): void {
  const dir = providedByRun('testRunDir');
  if (!dir) return make(path);
  const cached = join(dir, name);
  if (!existsSync(cached)) {
    // Two workers may make it at once: each in its own file, then an atomic rename.
    const mine = `${cached}.${randomUUID()}`;
    make(mine);
    if (existsSync(`${mine}-wal`)) throw new Error(`${name}: the store was left open (a write-ahead log remains)`);
    renameSync(mine, cached);
    rmSync(`${mine}-shm`, { force: true });
  }
  // A journal left at `path` by an earlier store would be replayed into the copy.
  for (const suffix of ['-wal', '-shm']) rmSync(path + suffix, { force: true });
  copyFileSync(cached, path);
}
