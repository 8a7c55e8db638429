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
import type { CalendarItemsTable, CalendarStatus } from './plan-tables.ts';
import { parseInput, toEpoch, ValidationError } from '../core/validation.ts';

export const CALENDAR_STATUSES = ['idea', 'draft', 'approved', 'scheduled', 'published', 'failed'] as const;

/** A scheduled item not published this long after its time is overdue (the publisher may be a minute late). */
const PUBLISH_GRACE_MS = 15 * 60_000;

const when = z.union([z.iso.date(), z.iso.datetime({ offset: true }), z.number().int()]);

export const CalendarItemInputSchema = z
  .object({
    planId: z.number().int().positive().nullable().default(null),
    channel: z.string().trim().min(1),
    title: z.string().trim().min(1).max(300),
    body: z.string().max(20_000).default(''),
    owner: z.string().trim().min(1),
    scheduledAt: when.nullable().default(null),
    status: z.enum(CALENDAR_STATUSES).default('idea'),
    sourceId: z.number().int().positive().nullable().default(null),
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
  /** Its date has passed and it is not published yet. */
  overdue: boolean;
}

export function isOverdue(item: { status: CalendarStatus; scheduledAt: number | null }, now: number): boolean {
  if (item.scheduledAt === null || item.status === 'published') return false;
  if (item.status === 'failed') return true;
  const grace = item.status === 'scheduled' ? PUBLISH_GRACE_MS : 0;
  return item.scheduledAt + grace < now;
}

function toItem(row: Selectable<CalendarItemsTable>, now: number): CalendarItem {
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
  };
  return { ...item, overdue: isOverdue(item, now) };
}

export async function addCalendarItem(
  store: Store,
  workspaceId: number,
  input: CalendarItemInput,
  now = Date.now(),
): Promise<CalendarItem> {
  const item = parseInput(CalendarItemInputSchema, input, 'calendar item');
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
      published_url: null,
      publish_error: null,
      idempotency_key: randomUUID(),
      created_at: now,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toItem(row, now);
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
): Promise<CalendarItem> {
  return updateCalendarItem(store, workspaceId, id, { status }, now);
}

export const CalendarItemPatchSchema = z
  .object({
    channel: z.string().trim().min(1),
    title: z.string().trim().min(1).max(300),
    body: z.string().max(20_000),
    owner: z.string().trim().min(1),
    scheduledAt: when.nullable(),
    status: z.enum(CALENDAR_STATUSES),
    sourceId: z.number().int().positive().nullable(),
  })
  .partial()
  .strict();
export type CalendarItemPatch = z.input<typeof CalendarItemPatchSchema>;

/**
 * Edits an item. A published item is history and cannot change; moving an item back to
 * 'scheduled' (e.g. after a failure) gives the publisher a fresh set of attempts.
 */
export async function updateCalendarItem(
  store: Store,
  workspaceId: number,
  id: number,
  input: CalendarItemPatch,
  now = Date.now(),
): Promise<CalendarItem> {
  const patch = parseInput(CalendarItemPatchSchema, input, 'calendar item');
  const current = await store.db.selectFrom('calendar_items').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
  if (!current) throw new NotFoundError(`no calendar item #${id} in this workspace`);
  if (current.status === 'published') throw new ValidationError(`calendar item #${id} is already published (${current.published_url ?? 'no URL'})`);
  const scheduledAt = patch.scheduledAt === undefined ? current.scheduled_at : patch.scheduledAt === null ? null : toEpoch(patch.scheduledAt);
  const status = patch.status ?? current.status;
  if (status === 'scheduled' && scheduledAt === null) throw new ValidationError('scheduledAt: a scheduled item needs a date and time');
  const rescheduled = status === 'scheduled' && current.status !== 'scheduled';
  const row = await store.db
    .updateTable('calendar_items')
    .set({
      ...(patch.channel !== undefined ? { channel: patch.channel } : {}),
      ...(patch.title !== undefined ? { title: patch.title } : {}),
      ...(patch.body !== undefined ? { body: patch.body } : {}),
      ...(patch.owner !== undefined ? { owner: patch.owner } : {}),
      ...(patch.sourceId !== undefined ? { source_id: patch.sourceId } : {}),
      ...(rescheduled ? { publish_attempts: 0, publish_error: null } : {}),
      scheduled_at: scheduledAt,
      status,
      updated_at: now,
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  return toItem(row, now);
}
