/**
 * The approval chain of the editorial calendar. A workspace may require approval; then a
 * post is written as a draft, submitted, and approved or rejected (with a comment) by an
 * approver (a workspace owner: the API's routes say so) before it can be scheduled, and
 * the publisher refuses anything unapproved. Approving a post that has its date schedules it.
 */
import type { Store } from '../store/store.ts';
import { NotFoundError } from '../store/workspaces.ts';
import { parseInput, ValidationError } from '../core/validation.ts';
import { ComposeSchema, isComposerNetwork, postProblems, storable, type ComposeInput } from '../core/post-rules.ts';
import { z } from 'zod';
import { addCalendarItem, toItem, type CalendarItem } from './calendar.ts';
import { calendarSettings, logCalendarEvent, type CalendarSettings } from './calendar-log.ts';

export const CommentSchema = storable(z.string().trim().min(1, 'write a comment').max(5000));

export async function setCalendarSettings(store: Store, workspaceId: number, settings: CalendarSettings, now = Date.now()): Promise<CalendarSettings> {
  const value = settings.requireApproval ? 1 : 0;
  await store.db
    .insertInto('calendar_settings')
    .values({ workspace_id: workspaceId, require_approval: value, updated_at: now })
    .onConflict((oc) => oc.column('workspace_id').doUpdateSet({ require_approval: value, updated_at: now }))
    .execute();
  return calendarSettings(store, workspaceId);
}

async function itemRow(store: Store, workspaceId: number, id: number) {
  const row = await store.db.selectFrom('calendar_items').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
  if (!row) throw new NotFoundError(`no calendar item #${id} in this workspace`);
  return row;
}

/**
 * One post written once for several networks: one calendar item per network (each
 * network publishes, fails and is approved on its own). `submit` sends them for approval;
 * otherwise they are scheduled when they have a date and approval is not required, else drafts.
 */
export async function composePost(
  store: Store,
  workspaceId: number,
  input: ComposeInput,
  author: string,
  options: { submit?: boolean } = {},
  now = Date.now(),
): Promise<CalendarItem[]> {
  const post = parseInput(ComposeSchema, input, 'post');
  const { requireApproval } = await calendarSettings(store, workspaceId);
  const status = post.scheduledAt !== null && !requireApproval && !options.submit ? 'scheduled' : 'draft';
  const items: CalendarItem[] = [];
  for (const channel of post.channels) {
    const item = await addCalendarItem(store, workspaceId, { planId: post.planId, channel, title: post.title, body: post.body, owner: post.owner, media: post.media, scheduledAt: post.scheduledAt, status }, now, author);
    items.push(options.submit ? await submitForApproval(store, workspaceId, item.id, author, null, now) : item);
  }
  return items;
}

/** Sends a draft to the approvers. Its words must be postable. */
export async function submitForApproval(store: Store, workspaceId: number, id: number, author: string, comment: string | null = null, now = Date.now()): Promise<CalendarItem> {
  const row = await itemRow(store, workspaceId, id);
  if (row.status === 'published') throw new ValidationError(`calendar item #${id} is already published`);
  if (row.approval === 'pending') throw new ValidationError(`calendar item #${id} is already waiting for approval`);
  if (row.approval === 'approved') throw new ValidationError(`calendar item #${id} is already approved; edit it to submit a new version`);
  const note = comment === null ? null : parseInput(CommentSchema, comment, 'comment');
  const network = row.channel.trim().toLowerCase();
  const problems = isComposerNetwork(network) ? postProblems(network, row.body) : [];
  if (problems.length > 0) throw new ValidationError(problems.map((p) => `body: ${p.message}`).join('\n'), problems.map((p) => `body: ${p.message}`));
  // Waiting for approval is a draft: not scheduled, not approved.
  const status = 'draft';
  const updated = await store.db
    .updateTable('calendar_items')
    .set({ approval: 'pending', status, updated_at: now })
    .where('id', '=', id)
    .where('approval', '=', row.approval)
    .returningAll()
    .executeTakeFirst();
  if (!updated) throw new ValidationError(`calendar item #${id} changed meanwhile; retry`);
  const item = toItem(updated, now);
  await logCalendarEvent(store, workspaceId, item, { kind: 'submitted', author, comment: note }, now);
  return item;
}

/**
 * An approver's decision on a submitted item. A rejection needs a comment saying why; it
 * takes the item back to draft. An approval schedules the item if it has a date.
 */
export async function decideApproval(
  store: Store,
  workspaceId: number,
  id: number,
  decision: 'approve' | 'reject',
  author: string,
  comment: string | null = null,
  now = Date.now(),
): Promise<CalendarItem> {
  const row = await itemRow(store, workspaceId, id);
  if (row.approval !== 'pending') throw new ValidationError(`calendar item #${id} is not waiting for approval (it is ${row.approval === 'none' ? 'not submitted' : row.approval})`);
  const note = decision === 'reject' || comment !== null ? parseInput(CommentSchema, comment ?? '', 'comment') : null;
  const approved = decision === 'approve';
  const status = approved ? (row.scheduled_at !== null ? 'scheduled' : 'approved') : 'draft';
  const updated = await store.db
    .updateTable('calendar_items')
    .set({ approval: approved ? 'approved' : 'rejected', status, ...(status === 'scheduled' ? { publish_attempts: 0, publish_error: null } : {}), updated_at: now })
    .where('id', '=', id)
    .where('approval', '=', 'pending')
    .returningAll()
    .executeTakeFirst();
  if (!updated) throw new ValidationError(`calendar item #${id} changed meanwhile; retry`);
  const item = toItem(updated, now);
  await logCalendarEvent(store, workspaceId, item, { kind: approved ? 'approved' : 'rejected', author, comment: note }, now);
  return item;
}

export async function commentOnItem(store: Store, workspaceId: number, id: number, author: string, comment: string, now = Date.now()): Promise<void> {
  const note = parseInput(CommentSchema, comment, 'comment');
  const row = await itemRow(store, workspaceId, id);
  await logCalendarEvent(store, workspaceId, toItem(row, now), { kind: 'commented', author, comment: note }, now);
}
