/**
 * The editorial calendar: planned posts per channel and date, with owner and status.
 * The publisher (connectors) moves items from 'scheduled' to 'published' or 'failed';
 * everything before that is the team's work.
 */
import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import { z } from 'zod';
import type { Store } from '../store/store.ts';
import { NotFoundError } from '../store/workspaces.ts';
import type { ApprovalState, CalendarItemsTable, CalendarStatus } from './plan-tables.ts';
import { parseInput, toEpoch, ValidationError } from '../core/validation.ts';
import { MurmurError } from '../core/errors.ts';
import { isComposerNetwork, lengthProblem, MAX_MEDIA, MediaSchema, PostTimeSchema, storable, type MediaAttachment } from '../core/post-rules.ts';
import { calendarSettings, logCalendarEvent, type CalendarEventKind } from './calendar-log.ts';

export const CALENDAR_STATUSES = ['idea', 'draft', 'approved', 'scheduled', 'published', 'failed'] as const;

/** A scheduled item not published this long after its time is overdue (the publisher may be a minute late). */
const PUBLISH_GRACE_MS = 15 * 60_000;

const when = PostTimeSchema;

export const CalendarItemInputSchema = z
  .object({
    planId: z.number().int().positive().nullable().default(null),
    channel: storable(z.string().trim().min(1).max(50)),
    title: storable(z.string().trim().min(1).max(300)),
    body: storable(z.string().max(20_000)).default(''),
    owner: storable(z.string().trim().min(1)),
    scheduledAt: when.nullable().default(null),
    status: z.enum(CALENDAR_STATUSES).default('idea'),
    sourceId: z.number().int().positive().nullable().default(null),
    media: z.array(MediaSchema).max(MAX_MEDIA).default([]),
  })
  .strict()
  .refine((item) => item.status !== 'scheduled' || item.scheduledAt !== null, {
    path: ['scheduledAt'],
    message: 'a scheduled item needs a date and time',
  });
export type CalendarItemInput = z.input<typeof CalendarItemInputSchema>;

export interface CalendarItem {
  id: number;
  planId: number | null;
  channel: string;
  title: string;
  body: string;
  owner: string;
  scheduledAt: number | null;
  status: CalendarStatus;
  publishAttempts: number;
  publishedUrl: string | null;
  publishError: string | null;
  /** none | pending (submitted, waiting for an approver) | approved | rejected. */
  approval: ApprovalState;
  media: MediaAttachment[];
  /** Its date has passed and it is not published yet. */
  overdue: boolean;
}

/** The workspace requires approval and this move needs it (409, `approval_required`). */
export class ApprovalRequiredError extends MurmurError {
  override name = 'ApprovalRequiredError';
  constructor(message: string) {
    super('approval_required', 409, message);
  }
}

/** Text longer than its channel's network allows (an empty draft is fine until it is submitted or scheduled). */
function checkPostable(channel: string, body: string, status: CalendarStatus): void {
  const network = channel.trim().toLowerCase();
  if (!isComposerNetwork(network) || status === 'idea') return;
  const problem = lengthProblem(network, body);
  if (problem) throw new ValidationError(`invalid calendar item:\n  body: ${problem.message}`, [`body: ${problem.message}`]);
}

export function isOverdue(item: { status: CalendarStatus; scheduledAt: number | null }, now: number): boolean {
  if (item.scheduledAt === null || item.status === 'published') return false;
  if (item.status === 'failed') return true;
  const grace = item.status === 'scheduled' ? PUBLISH_GRACE_MS : 0;
  return item.scheduledAt + grace < now;
}

export function toItem(row: Selectable<CalendarItemsTable>, now: number): CalendarItem {
  const item = {
    id: row.id,
    planId: row.plan_id,
    channel: row.channel,
    title: row.title,
    body: row.body,
    owner: row.owner,
    scheduledAt: row.scheduled_at,
    status: row.status,
    publishAttempts: row.publish_attempts,
    publishedUrl: row.published_url,
    publishError: row.publish_error,
    approval: row.approval,
    media: JSON.parse(row.media) as MediaAttachment[],
  };
  return { ...item, overdue: isOverdue(item, now) };
}

export async function addCalendarItem(
  store: Store,
  workspaceId: number,
  input: CalendarItemInput,
  now = Date.now(),
  author = 'murmur',
): Promise<CalendarItem> {
  const item = parseInput(CalendarItemInputSchema, input, 'calendar item');
  checkPostable(item.channel, item.body, item.status);
  if ((item.status === 'approved' || item.status === 'scheduled') && (await calendarSettings(store, workspaceId)).requireApproval) {
    throw new ApprovalRequiredError(`status: posts in this workspace need approval; add the item as a draft and submit it`);
  }
  const row = await store.db
    .insertInto('calendar_items')
    .values({
      workspace_id: workspaceId,
      plan_id: item.planId,
      channel: item.channel,
      title: item.title,
      body: item.body,
      owner: item.owner,
      scheduled_at: item.scheduledAt === null ? null : toEpoch(item.scheduledAt),
      status: item.status,
      source_id: item.sourceId,
      media: JSON.stringify(item.media),
      published_url: null,
      publish_error: null,
      idempotency_key: randomUUID(),
      created_at: now,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const created = toItem(row, now);
  await logCalendarEvent(store, workspaceId, created, { kind: 'created', author, detail: `as ${created.status}` }, now);
  return created;
}

export interface CalendarQuery {
  planId?: number;
  from?: number;
  to?: number;
  channel?: string;
  overdueOnly?: boolean;
}

export async function listCalendar(
  store: Store,
  workspaceId: number,
  query: CalendarQuery = {},
  now = Date.now(),
): Promise<CalendarItem[]> {
  let q = store.db.selectFrom('calendar_items').selectAll().where('workspace_id', '=', workspaceId);
  if (query.planId !== undefined) q = q.where('plan_id', '=', query.planId);
  if (query.channel) q = q.where('channel', '=', query.channel);
  if (query.from !== undefined) q = q.where('scheduled_at', '>=', query.from);
  if (query.to !== undefined) q = q.where('scheduled_at', '<', query.to);
  const rows = await q.orderBy('scheduled_at').orderBy('id').execute();
  const items = rows.map((row) => toItem(row, now));
  return query.overdueOnly ? items.filter((i) => i.overdue) : items;
}

/** The team's status moves; 'published'/'failed' are normally set by the publisher. */
export async function setCalendarStatus(
  store: Store,
  workspaceId: number,
  id: number,
  status: CalendarStatus,
  now = Date.now(),
  author = 'murmur',
): Promise<CalendarItem> {
  return updateCalendarItem(store, workspaceId, id, { status }, now, author);
}

export const CalendarItemPatchSchema = z
  .object({
    channel: storable(z.string().trim().min(1).max(50)),
    title: storable(z.string().trim().min(1).max(300)),
    body: storable(z.string().max(20_000)),
    owner: storable(z.string().trim().min(1)),
    scheduledAt: when.nullable(),
    status: z.enum(CALENDAR_STATUSES),
    sourceId: z.number().int().positive().nullable(),
    media: z.array(MediaSchema).max(MAX_MEDIA),
  })
  .partial()
  .strict();
export type CalendarItemPatch = z.input<typeof CalendarItemPatchSchema>;

/**
 * Edits an item. A published item is history and cannot change; moving an item back to
 * 'scheduled' (e.g. after a failure) gives the publisher a fresh set of attempts.
 * Approval is of the words and pictures: changing them withdraws it (and, where the
 * workspace requires approval, takes a scheduled item back to draft); moving the date does not.
 */
export async function updateCalendarItem(
  store: Store,
  workspaceId: number,
  id: number,
  input: CalendarItemPatch,
  now = Date.now(),
  author = 'murmur',
): Promise<CalendarItem> {
  const patch = parseInput(CalendarItemPatchSchema, input, 'calendar item');
  const current = await store.db.selectFrom('calendar_items').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
  if (!current) throw new NotFoundError(`no calendar item #${id} in this workspace`);
  if (current.status === 'published') throw new ValidationError(`calendar item #${id} is already published (${current.published_url ?? 'no URL'})`);
  const scheduledAt = patch.scheduledAt === undefined ? current.scheduled_at : patch.scheduledAt === null ? null : toEpoch(patch.scheduledAt);
  const contentChanged =
    (patch.channel !== undefined && patch.channel !== current.channel) ||
    (patch.title !== undefined && patch.title !== current.title) ||
    (patch.body !== undefined && patch.body !== current.body) ||
    (patch.sourceId !== undefined && patch.sourceId !== current.source_id) ||
    (patch.media !== undefined && JSON.stringify(patch.media) !== current.media);
  const { requireApproval } = await calendarSettings(store, workspaceId);
  const approval: ApprovalState = contentChanged && (current.approval === 'approved' || current.approval === 'pending') ? 'none' : current.approval;
  let status = patch.status ?? current.status;
  if (requireApproval && approval !== 'approved' && (status === 'approved' || status === 'scheduled')) {
    if (patch.status !== undefined) throw new ApprovalRequiredError(`status: posts in this workspace need approval; calendar item #${id} is ${approval === 'none' ? 'not submitted' : approval}`);
    status = 'draft';
  }
  if (status === 'scheduled' && scheduledAt === null) throw new ValidationError('scheduledAt: a scheduled item needs a date and time');
  checkPostable(patch.channel ?? current.channel, patch.body ?? current.body, status);
  const rescheduled = status === 'scheduled' && current.status !== 'scheduled';
  const row = await store.db
    .updateTable('calendar_items')
    .set({
      ...(patch.channel !== undefined ? { channel: patch.channel } : {}),
      ...(patch.title !== undefined ? { title: patch.title } : {}),
      ...(patch.body !== undefined ? { body: patch.body } : {}),
      ...(patch.owner !== undefined ? { owner: patch.owner } : {}),
      ...(patch.sourceId !== undefined ? { source_id: patch.sourceId } : {}),
      ...(patch.media !== undefined ? { media: JSON.stringify(patch.media) } : {}),
      ...(rescheduled ? { publish_attempts: 0, publish_error: null } : {}),
      scheduled_at: scheduledAt,
      status,
      approval,
      updated_at: now,
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  const item = toItem(row, now);
  for (const event of changeEvents(current, item, contentChanged || patch.owner !== undefined)) await logCalendarEvent(store, workspaceId, item, { ...event, author }, now);
  return item;
}

/** What an edit did, as history events: the words, the date, the status (each only if it changed). */
function changeEvents(before: Selectable<CalendarItemsTable>, after: CalendarItem, edited: boolean): { kind: CalendarEventKind; detail?: string }[] {
  const events: { kind: CalendarEventKind; detail?: string }[] = [];
  if (edited) events.push({ kind: 'edited', ...(before.approval !== after.approval ? { detail: `(approval ${before.approval} → ${after.approval})` } : {}) });
  if (before.scheduled_at !== after.scheduledAt) events.push({ kind: 'rescheduled', detail: `to ${after.scheduledAt === null ? 'no date' : new Date(after.scheduledAt).toISOString()}` });
  if (before.status !== after.status) events.push({ kind: 'status', detail: `${before.status} → ${after.status}` });
  return events;
}
