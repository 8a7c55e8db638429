/**
 * What every CLI command shares: the global options, the store, and one way to
 * print results (human text, or JSON with --json) and fail with an exit code.
 */
import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { openStore, resolveStoreLocation, storeFileOf, type Store } from '../store/store.ts';
import { followMentionWrites } from '../watch/follow-writes.ts';
import { describeUnfinishedLoad, unfinishedLoads } from '../store/unfinished-loads.ts';
import { workspaceId } from '../store/workspaces.ts';

export interface GlobalOptions {
  db?: string;
  workspace: string;
  /** Create the store when --db names a file that does not exist yet. */
  create?: boolean;
}

import { UsageError } from './errors.ts';

export { EXIT, UsageError } from './errors.ts';

export function globalOptions(command: Command): GlobalOptions {
  return command.optsWithGlobals<GlobalOptions>();
}

/** How a command treats a store that does not exist yet. */
export interface StoreUse {
  /**
   * The command naturally makes a store (import, topics add, plan init…). Other commands
   * refuse a missing SQLite file, so a mistyped --db is not answered from an empty store
   * made on the spot; the global --create overrides that.
   */
  create?: boolean;
}

/** Opens the store named by --db / MURMUR_DB (see StoreUse for a missing one). */
export async function openCliStore(command: Command, use: StoreUse = {}): Promise<Store> {
  const options = globalOptions(command);
  const location = resolveStoreLocation(options.db);
  const file = storeFileOf(location);
  const isNew = file !== null && !existsSync(file);
  if (isNew && !use.create && !options.create) {
    throw new UsageError(`no Murmur store at ${file}; run \`murmur import\` or \`murmur demo\` first, or pass --create`);
  }
  const store = await openStore(location);
  // Alert rules run after whatever this command writes (src/watch/follow-writes.ts).
  followMentionWrites(store);
  if (isNew) process.stderr.write(`note: created a new, empty store at ${file} (choose another with --db or MURMUR_DB)\n`);
  return store;
}

/** Opens the store (see openCliStore), runs `fn` in the --workspace, and always closes it. */
export async function withStore<T>(
  command: Command,
  fn: (store: Store, workspaceId: number) => Promise<T>,
  use: StoreUse = {},
): Promise<T> {
  const store = await openCliStore(command, use);
  try {
    const ws = await workspaceId(store, globalOptions(command).workspace);
    // On stderr, so --json output stays parseable.
    for (const load of await unfinishedLoads(store, ws)) process.stderr.write(`warning: ${describeUnfinishedLoad(load)}\n`);
    return await fn(store, ws);
  } finally {
    await store.close();
  }
}

/** Prints `data` as JSON when --json is set (through `toJson` if given), else the text `render` makes of it. */
export function output<T>(options: { json?: boolean }, data: T, render: (data: T) => string, toJson: (data: T) => unknown = (d) => d): void {
  process.stdout.write(options.json ? `${JSON.stringify(toJson(data), null, 2)}\n` : `${render(data)}\n`);
}

/**
 * Epoch-ms fields as ISO dates for --json, as the other commands print dates: `…At`
 * (startAt, verdictAt…) as ISO 8601 times, `day` as YYYY-MM-DD.
 */
export function isoDates(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(isoDates);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, v]) => {
      if (typeof v === 'number' && Number.isFinite(v)) {
        if (/At$/.test(key)) return [key, new Date(v).toISOString()];
        if (key === 'day') return [key, new Date(v).toISOString().slice(0, 10)];
      }
      return [key, isoDates(v)];
    }),
  );
}
