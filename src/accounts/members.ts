/**
 * Who belongs to which workspace, and with what role.
 */
import type { Store } from '../store/store.ts';
import { AccountConflictError, AccountNotFoundError } from './errors.ts';
import { isRole, type Role } from './roles.ts';

export interface Member {
  userId: number;
  email: string;
  name: string | null;
  role: Role;
  since: Date;
}

export interface Membership {
  workspaceId: number;
  slug: string;
  name: string;
  role: Role;
}

function asRole(value: string): Role {
  // Only this module writes the column, through typed Role values.
  if (!isRole(value)) throw new Error(`stored role "${value}" is not one of viewer, editor, owner`);
  return value;
}

/** Adds a member, or changes the role of an existing one. */
export async function setMember(store: Store, workspaceId: number, userId: number, role: Role): Promise<void> {
  const current = await roleIn(store, workspaceId, userId);
  if (current === role) return;
  if (current === 'owner') await assertNotLastOwner(store, workspaceId, userId);
  await store.db
    .insertInto('workspace_members')
    .values({ workspace_id: workspaceId, user_id: userId, role, created_at: Date.now() })
    .onConflict((oc) => oc.columns(['workspace_id', 'user_id']).doUpdateSet({ role }))
    .execute();
}

export async function removeMember(store: Store, workspaceId: number, userId: number): Promise<void> {
  const current = await roleIn(store, workspaceId, userId);
  if (!current) throw new AccountNotFoundError(`user ${userId} is not a member of this workspace`);
  if (current === 'owner') await assertNotLastOwner(store, workspaceId, userId);
  await store.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('workspace_members').where('workspace_id', '=', workspaceId).where('user_id', '=', userId).execute();
    // Tokens act for a member; a former member's tokens must stop working here.
    await trx
      .updateTable('api_tokens')
      .set({ revoked_at: Date.now() })
      .where('workspace_id', '=', workspaceId)
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .execute();
  });
}

async function assertNotLastOwner(store: Store, workspaceId: number, userId: number): Promise<void> {
  const owners = await store.db
    .selectFrom('workspace_members')
    .select('user_id')
    .where('workspace_id', '=', workspaceId)
    .where('role', '=', 'owner')
    .execute();
  if (owners.length === 1 && owners[0]!.user_id === userId) {
    throw new AccountConflictError('a workspace keeps at least one owner: make someone else owner first');
  }
}

export async function roleIn(store: Store, workspaceId: number, userId: number): Promise<Role | null> {
  const row = await store.db
    .selectFrom('workspace_members')
    .select('role')
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row ? asRole(row.role) : null;
}

export async function listMembers(store: Store, workspaceId: number): Promise<Member[]> {
  const rows = await store.db
    .selectFrom('workspace_members')
    .innerJoin('users', 'users.id', 'workspace_members.user_id')
    .select(['users.id', 'users.email', 'users.name', 'workspace_members.role', 'workspace_members.created_at'])
    .where('workspace_members.workspace_id', '=', workspaceId)
    .orderBy('users.email')
    .execute();
  return rows.map((r) => ({ userId: r.id, email: r.email, name: r.name, role: asRole(r.role), since: new Date(r.created_at) }));
}

/** The workspaces a user belongs to. */
export async function membershipsOf(store: Store, userId: number): Promise<Membership[]> {
  const rows = await store.db
    .selectFrom('workspace_members')
    .innerJoin('workspaces', 'workspaces.id', 'workspace_members.workspace_id')
    .select(['workspaces.id', 'workspaces.slug', 'workspaces.name', 'workspace_members.role'])
    .where('workspace_members.user_id', '=', userId)
    .orderBy('workspaces.slug')
    .execute();
  return rows.map((r) => ({ workspaceId: r.id, slug: r.slug, name: r.name, role: asRole(r.role) }));
}
