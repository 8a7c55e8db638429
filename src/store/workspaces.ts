import { NotFoundError } from '../core/errors.ts';
import type { Store } from './store.ts';

export { NotFoundError };

/** The id of a workspace by slug; `default` always exists. */
export async function workspaceId(store: Store, slug = 'default'): Promise<number> {
  const row = await store.db.selectFrom('workspaces').select('id').where('slug', '=', slug).executeTakeFirst();
  if (!row) throw new NotFoundError(`no workspace named "${slug}"`);
  return row.id;
}

export async function createWorkspace(store: Store, slug: string, name: string): Promise<number> {
  const row = await store.db
    .insertInto('workspaces')
    .values({ slug, name, created_at: Date.now() })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
