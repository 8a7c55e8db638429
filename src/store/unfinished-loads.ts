/**
 * Marks a store whose demo or first import has not finished. The marker row is written
 * when the load starts and deleted when it ends, in the store itself, so a process killed
 * half-way (Ctrl-C, OOM, a reboot) leaves it behind for every later command to see: a
 * half-built demo would otherwise answer "crisis ✓" for a crisis day it never loaded.
 */
import type { Store } from './store.ts';

export type LoadKind = 'demo' | 'import';

export interface UnfinishedLoad {
  kind: LoadKind;
  /** What was being loaded: the demo, or the import's input file. */
  detail: string;
  startedAt: number;
}

export async function markLoadStarted(store: Store, workspaceId: number, kind: LoadKind, detail: string, now = Date.now()): Promise<void> {
  await store.db
    .insertInto('unfinished_loads')
    .values({ workspace_id: workspaceId, kind, detail, started_at: now })
    .onConflict((oc) => oc.columns(['workspace_id', 'kind']).doUpdateSet({ detail, started_at: now }))
    .execute();
}

export async function markLoadFinished(store: Store, workspaceId: number, kind: LoadKind): Promise<void> {
  await store.db.deleteFrom('unfinished_loads').where('workspace_id', '=', workspaceId).where('kind', '=', kind).execute();
}

export async function unfinishedLoads(store: Store, workspaceId: number): Promise<UnfinishedLoad[]> {
  const rows = await store.db.selectFrom('unfinished_loads').selectAll().where('workspace_id', '=', workspaceId).orderBy('kind').execute();
  return rows.map((r) => ({ kind: r.kind as LoadKind, detail: r.detail, startedAt: Number(r.started_at) }));
}

/**
 * An import marks the workspace only when it is the first (the workspace holds no
 * mention yet) or re-runs one that did not finish; a later import into a filled
 * workspace adds to data that is whole already. Returns whether it marked.
 */
export async function markFirstImportStarted(store: Store, workspaceId: number, input: string): Promise<boolean> {
  const pending = (await unfinishedLoads(store, workspaceId)).some((l) => l.kind === 'import');
  if (!pending && (await store.db.selectFrom('mentions').select('id').where('workspace_id', '=', workspaceId).limit(1).executeTakeFirst())) return false;
  await markLoadStarted(store, workspaceId, 'import', input);
  return true;
}

/** One line for people: what did not finish, since when, and how to repair it. */
export function describeUnfinishedLoad(load: UnfinishedLoad): string {
  const since = new Date(load.startedAt).toISOString().slice(0, 16).replace('T', ' ');
  return load.kind === 'demo'
    ? `the demo loaded into this store (started ${since} UTC) did not finish: its data is incomplete; run \`murmur demo\` again`
    : `the first import into this workspace (${load.detail}, started ${since} UTC) did not finish: its data is incomplete; run the import again to complete it`;
}
