/**
 * Triage of mentions: a state (new → in progress → done, or ignored), an assignee who is
 * a member of the workspace, free-text notes, and the history of who changed what.
 * A mention nobody has touched has no row: it is `new`, unassigned, without notes.
 */
import type { Transaction } from 'kysely';
import type { Database } from '../store/schema.ts';
import type { Store } from '../store/store.ts';
import { chunks } from '../store/mentions.ts';

export const TRIAGE_STATES = ['new', 'in_progress', 'done', 'ignored'] as const;
export type TriageState = (typeof TRIAGE_STATES)[number];
/** The states still waiting for someone: what the inbox views show unless asked otherwise. */
export const OPEN_STATES: readonly TriageState[] = ['new', 'in_progress'];

/** Ids one call may change at once (the bulk actions of the API, CLI and dashboard). */
export const MAX_TRIAGE_BATCH = 500;

export class InboxError extends Error {
  override name = 'InboxError';
  /** `notFound`: a mention or member that is not in the workspace. */
  constructor(message: string, readonly kind: 'invalid' | 'notFound' = 'invalid') {
    super(message);
  }
}

export interface Triage {
  mentionId: number;
  state: TriageState;
  assigneeId: number | null;
  notes: string;
  updatedAt: Date | null;
  updatedBy: number | null;
}

export interface TriageEvent {
  mentionId: number;
  userId: number | null;
  /** state | assignee | notes | sentiment */
  field: string;
  from: string | null;
  to: string | null;
  at: Date;
}

/** What to change; a field left undefined is kept. `assigneeId: null` unassigns. */
export interface TriageChange {
  state?: TriageState;
  assigneeId?: number | null;
  notes?: string;
}

export const MAX_NOTES_CHARS = 10_000;

export function isTriageState(value: string): value is TriageState {
  return (TRIAGE_STATES as readonly string[]).includes(value);
}

export const untriaged = (mentionId: number): Triage => ({ mentionId, state: 'new', assigneeId: null, notes: '', updatedAt: null, updatedBy: null });

type TriageRow = Database['mention_triage'];

function fromRow(row: { mention_id: number; state: string; assignee_id: number | null; notes: string; updated_at: number; updated_by: number | null }): Triage {
  return {
    mentionId: row.mention_id,
    state: row.state as TriageState,
    assigneeId: row.assignee_id,
    notes: row.notes,
    updatedAt: new Date(Number(row.updated_at)),
    updatedBy: row.updated_by,
  };
}

/** Refuses ids that are not mentions of the workspace, naming them. */
export async function checkMentionIds(db: Store['db'] | Transaction<Database>, workspaceId: number, ids: number[]): Promise<number[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) throw new InboxError('no mention ids given');
  if (unique.length > MAX_TRIAGE_BATCH) throw new InboxError(`at most ${MAX_TRIAGE_BATCH} mentions at once, got ${unique.length}`);
  const found = new Set<number>();
  for (const chunk of chunks(unique, 500)) {
    const rows = await db.selectFrom('mentions').select('id').where('workspace_id', '=', workspaceId).where('id', 'in', chunk).execute();
    for (const row of rows) found.add(Number(row.id));
  }
  const missing = unique.filter((id) => !found.has(id));
  if (missing.length > 0) throw new InboxError(`no mention ${missing.slice(0, 10).join(', ')}${missing.length > 10 ? ` (and ${missing.length - 10} more)` : ''} in this workspace`, 'notFound');
  return unique;
}

/** Refuses an assignee who is not a member of the workspace. */
export async function checkMember(db: Store['db'] | Transaction<Database>, workspaceId: number, userId: number): Promise<void> {
  const row = await db.selectFrom('workspace_members').select('user_id').where('workspace_id', '=', workspaceId).where('user_id', '=', userId).executeTakeFirst();
  if (!row) throw new InboxError(`user ${userId} is not a member of this workspace: only members can be assigned`, 'notFound');
}

export async function getTriages(db: Store['db'] | Transaction<Database>, ids: number[]): Promise<Map<number, Triage>> {
  const found = new Map<number, Triage>();
  for (const chunk of chunks([...new Set(ids)], 500)) {
    const rows = await db.selectFrom('mention_triage').selectAll().where('mention_id', 'in', chunk).execute();
    for (const row of rows) found.set(Number(row.mention_id), fromRow({ ...row, mention_id: Number(row.mention_id) }));
  }
  return found;
}

/** Records one change in the history (a triage field or a sentiment correction). */
export async function recordEvents(trx: Transaction<Database>, workspaceId: number, events: TriageEvent[]): Promise<void> {
  for (const chunk of chunks(events, 200)) {
    await trx
      .insertInto('mention_triage_events')
      .values(chunk.map((e) => ({ workspace_id: workspaceId, mention_id: e.mentionId, user_id: e.userId, field: e.field, old_value: e.from, new_value: e.to, at: e.at.getTime() })))
      .execute();
  }
}

const asText = (value: number | null) => (value === null ? null : String(value));

/**
 * Applies one change to many mentions in one transaction: all or none. Only what really
 * changes is written and recorded, so repeating a call adds nothing to the history.
 */
export async function updateTriage(
  store: Store,
  workspaceId: number,
  ids: number[],
  change: TriageChange,
  actor: number | null,
  now: number,
): Promise<Triage[]> {
  if (change.state !== undefined && !isTriageState(change.state)) throw new InboxError(`state must be one of ${TRIAGE_STATES.join(', ')}, got "${String(change.state)}"`);
  if (change.notes !== undefined && change.notes.length > MAX_NOTES_CHARS) throw new InboxError(`notes have at most ${MAX_NOTES_CHARS} characters`);
  if (change.state === undefined && change.assigneeId === undefined && change.notes === undefined) throw new InboxError('nothing to change: give a state, an assignee or notes');
  return store.db.transaction().execute(async (trx) => {
    const unique = await checkMentionIds(trx, workspaceId, ids);
    if (change.assigneeId != null) await checkMember(trx, workspaceId, change.assigneeId);
    const current = await getTriages(trx, unique);
    const events: TriageEvent[] = [];
    const written: Triage[] = [];
    for (const id of unique) {
      const before = current.get(id) ?? untriaged(id);
      const after: Triage = {
        mentionId: id,
        state: change.state ?? before.state,
        assigneeId: change.assigneeId === undefined ? before.assigneeId : change.assigneeId,
        notes: change.notes ?? before.notes,
        updatedAt: before.updatedAt,
        updatedBy: before.updatedBy,
      };
      const at = new Date(now);
      const base = { mentionId: id, userId: actor, at };
      if (after.state !== before.state) events.push({ ...base, field: 'state', from: before.state, to: after.state });
      if (after.assigneeId !== before.assigneeId) events.push({ ...base, field: 'assignee', from: asText(before.assigneeId), to: asText(after.assigneeId) });
      if (after.notes !== before.notes) events.push({ ...base, field: 'notes', from: before.notes, to: after.notes });
      const changed = after.state !== before.state || after.assigneeId !== before.assigneeId || after.notes !== before.notes;
      if (changed) {
        after.updatedAt = at;
        after.updatedBy = actor;
        const row: TriageRow = { mention_id: id, workspace_id: workspaceId, state: after.state, assignee_id: after.assigneeId, notes: after.notes, updated_at: now, updated_by: actor };
        await trx
          .insertInto('mention_triage')
          .values(row)
          .onConflict((oc) => oc.column('mention_id').doUpdateSet({ state: after.state, assignee_id: after.assigneeId, notes: after.notes, updated_at: now, updated_by: actor }))
          .execute();
      }
      written.push(after);
    }
    await recordEvents(trx, workspaceId, events);
    return written;
  });
}

/** A mention's history, oldest first. */
export async function triageHistory(store: Store, workspaceId: number, mentionId: number): Promise<TriageEvent[]> {
  const rows = await store.db
    .selectFrom('mention_triage_events')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('mention_id', '=', mentionId)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ mentionId: Number(r.mention_id), userId: r.user_id === null ? null : Number(r.user_id), field: r.field, from: r.old_value, to: r.new_value, at: new Date(Number(r.at)) }));
}
