/**
 * Murmur's own folder, found from this module upward: the sources (src/core/) and the
 * bundled build (dist/) sit at different depths, so files the code reads at run time
 * (models, demo data, the built dashboard) are named from here, never relative to the
 * module that reads them.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findPackageRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'src', 'core'))) return dir;
    if (dirname(dir) === dir) throw new Error(`cannot find Murmur's folder above ${from}`);
  }
}

export const PACKAGE_ROOT = findPackageRoot(dirname(fileURLToPath(import.meta.url)));

/** A data file shipped in the sources, e.g. `sourceFile('nlp/models/langid.bin.gz')`. */
export const sourceFile = (...path: string[]): string => join(PACKAGE_ROOT, 'src', ...path);
