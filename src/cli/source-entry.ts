/**
 * How tests and benches run the `murmur` command from its TypeScript sources as a child
 * process: `spawn(process.execPath, [...MURMUR_FROM_SOURCE, ...args])`. bin/murmur.js runs
 * the compiled build instead, which may be older than the sources under test.
 */
import { fileURLToPath } from 'node:url';

export const MURMUR_FROM_SOURCE: readonly string[] = ['--import', 'tsx', fileURLToPath(new URL('./main.ts', import.meta.url))];
