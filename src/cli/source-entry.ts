/**
 * How tests and benches run the `murmur` command from its TypeScript sources as a child
 * process: `spawn(process.execPath, [...MURMUR_FROM_SOURCE, ...args])`. bin/murmur.js runs
 * the compiled build instead, which may be older than the sources under test.
 */
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

// tsx's loader by its full path: a bare `--import tsx` resolves from the child's working
// folder, which a test may have set to a temporary one.
const TSX_LOADER = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

/** node's arguments that load TypeScript sources (tsx), for a child process running other code than the CLI. */
export const TSX_IMPORT: readonly string[] = ['--import', TSX_LOADER];

export const MURMUR_FROM_SOURCE: readonly string[] = [...TSX_IMPORT, fileURLToPath(new URL('./main.ts', import.meta.url))];
