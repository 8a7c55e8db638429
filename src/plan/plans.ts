/**
 * Plans in the store. Every change appends a version (document, author, what changed):
 * nothing is ever overwritten, so any earlier plan can be read back or compared.
 */
import { sql } from 'kysely';
import type { Store } from '../store/store.ts';
import { NotFoundError } from '../store/workspaces.ts';
import { diffDocuments, type PlanDifference } from './diff.ts';
import { applyChange, describeChange } from './plan-changes.ts';
import { PlanDocumentSchema, type PlanChange, type PlanDocument, type PlanDocumentInput } from './plan-schema.ts';
import { parseInput, toIsoDate, ValidationError } from '../core/validation.ts';

export interface PlanView {
  id: number;
  name: string;
  version: number;
  document: PlanDocument;
  updatedAt: number;
}

export interface PlanVersionInfo {
  version: number;
  author: string;
  change: string;
  createdAt: number;
}

export async function createPlan(
  store: Store,
  workspaceId: number,
  input: PlanDocumentInput,
  author: string,
  now = Date.now(),
): Promise<PlanView> {
  const document = parseInput(PlanDocumentSchema, input, 'plan');
  const existing = await store.db
    .selectFrom('plans')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('name', '=', document.name)
    .executeTakeFirst();
  if (existing) throw new ValidationError(`name: a plan named "${document.name}" already exists (id ${existing.id})`);
  return store.db.transaction().execute(async (trx) => {
    const plan = await trx
      .insertInto('plans')
      .values({ workspace_id: workspaceId, name: document.name, current_version: 1, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .insertInto('plan_versions')
      .values({ plan_id: plan.id, version: 1, document: JSON.stringify(document), author, change: 'created', created_at: now })
      .execute();
    return { id: plan.id, name: document.name, version: 1, document, updatedAt: now };
  });
}

/** A plan by id or by name; the newest version unless `version` is given. */
export async function getPlan(
  store: Store,
  workspaceId: number,
  ref: number | string,
  version?: number,
): Promise<PlanView> {
  let query = store.db.selectFrom('plans').selectAll().where('workspace_id', '=', workspaceId);
  // A string of digits may be an id or a name ("2026"): either matches, the id first.
  query =
    typeof ref === 'number'
      ? query.where('id', '=', ref)
      : /^\d+$/.test(ref)
        ? query.where((eb) => eb.or([eb('id', '=', Number(ref)), eb('name', '=', ref)])).orderBy(sql`case when name = ${ref} then 1 else 0 end`)
        : query.where('name', '=', ref);
  const plan = await query.executeTakeFirst();
  if (!plan) throw new NotFoundError(`no plan ${typeof ref === 'number' ? `#${ref}` : `"${ref}"`} in this workspace`);
  const wanted = version ?? plan.current_version;
  const row = await store.db
    .selectFrom('plan_versions')
    .select(['document', 'created_at'])
    .where('plan_id', '=', plan.id)
    .where('version', '=', wanted)
    .executeTakeFirst();
  if (!row) throw new NotFoundError(`plan "${plan.name}" has no version ${wanted} (newest is ${plan.current_version})`);
  // Documents were validated on write; parsing again fills defaults added since.
  const document = PlanDocumentSchema.parse(JSON.parse(row.document));
  return { id: plan.id, name: plan.name, version: wanted, document, updatedAt: row.created_at };
}

/** The only path that writes a plan: applies the change and appends version n+1. */
export async function changePlan(
  store: Store,
  workspaceId: number,
  ref: number | string,
  change: PlanChange,
  author: string,
  now = Date.now(),
  note?: string,
): Promise<PlanView> {
  const current = await getPlan(store, workspaceId, ref);
  const document = applyChange(current.document, change, toIsoDate(now));
  if (document.name !== current.name) throw new ValidationError('name: a plan keeps its name; create a new plan instead');
  const version = current.version + 1;
  await store.db.transaction().execute(async (trx) => {
    // The conditional update makes concurrent writers fail instead of forking the history.
    const updated = await trx
      .updateTable('plans')
      .set({ current_version: version, updated_at: now })
      .where('id', '=', current.id)
      .where('current_version', '=', current.version)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw new ValidationError('the plan changed meanwhile; retry');
    await trx
      .insertInto('plan_versions')
      .values({
        plan_id: current.id,
        version,
        document: JSON.stringify(document),
        author,
        change: note ? `${describeChange(change)} (${note})` : describeChange(change),
        created_at: now,
      })
      .execute();
  });
  return { id: current.id, name: current.name, version, document, updatedAt: now };
}

/**
 * Appends a version with the same document and `change` as its note: how the calendar's
 * changes (a post edited, approved, rescheduled) enter the plan's history. A concurrent
 * writer makes it read the newest version again rather than fail: a note changes nothing.
 */
export async function appendPlanNote(store: Store, workspaceId: number, planId: number, author: string, change: string, now = Date.now()): Promise<number> {
  for (let attempt = 0; ; attempt++) {
    const plan = await store.db.selectFrom('plans').select(['id', 'current_version']).where('workspace_id', '=', workspaceId).where('id', '=', planId).executeTakeFirst();
    if (!plan) throw new NotFoundError(`no plan #${planId} in this workspace`);
    const version = plan.current_version + 1;
    const written = await store.db.transaction().execute(async (trx) => {
      const updated = await trx.updateTable('plans').set({ current_version: version, updated_at: now }).where('id', '=', plan.id).where('current_version', '=', plan.current_version).executeTakeFirst();
      if (Number(updated.numUpdatedRows) !== 1) return false;
      const current = await trx.selectFrom('plan_versions').select('document').where('plan_id', '=', plan.id).where('version', '=', plan.current_version).executeTakeFirstOrThrow();
      await trx.insertInto('plan_versions').values({ plan_id: plan.id, version, document: current.document, author, change, created_at: now }).execute();
      return true;
    });
    if (written) return version;
    if (attempt >= 4) throw new ValidationError('the plan changed meanwhile; retry');
  }
}

export async function planHistory(store: Store, workspaceId: number, ref: number | string): Promise<PlanVersionInfo[]> {
  const plan = await getPlan(store, workspaceId, ref);
  const rows = await store.db
    .selectFrom('plan_versions')
    .select(['version', 'author', 'change', 'created_at'])
    .where('plan_id', '=', plan.id)
    .orderBy('version', 'asc')
    .execute();
  return rows.map((r) => ({ version: r.version, author: r.author, change: r.change, createdAt: r.created_at }));
}

export async function listPlans(store: Store, workspaceId: number) {
  const rows = await store.db
    .selectFrom('plans')
    .select(['id', 'name', 'current_version', 'updated_at'])
    .where('workspace_id', '=', workspaceId)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, version: r.current_version, updatedAt: r.updated_at }));
}

/** Field-by-field changes from version `from` to version `to` (default: the newest). */
export async function planDiff(store: Store, workspaceId: number, ref: number | string, from: number, to?: number): Promise<{ from: number; to: number; changes: PlanDifference[] }> {
  const after = await getPlan(store, workspaceId, ref, to);
  const before = await getPlan(store, workspaceId, after.id, from);
  return { from: before.version, to: after.version, changes: diffDocuments(before.document, after.document) };
}
