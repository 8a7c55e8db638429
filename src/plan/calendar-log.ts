/**
 * The history of calendar items: every change (created, edited, rescheduled, submitted,
 * approved, rejected, commented…) is an event on the item, and, when the item belongs to
 * a plan, a line in that plan's version history, so the plan's history tells who did what
 * to its posts as well as to its goal and KPIs.
 */
import type { Store } from '../store/store.ts';
import { NotFoundError } from '../store/workspaces.ts';
import { appendPlanNote } from './plans.ts';
import { describeCalendarEvent } from './plan-changes.ts';

export const CALENDAR_EVENT_KINDS = [
  'created',
  'edited',
  'rescheduled',
  'status',
  'submitted',
  'approved',
  'rejected',
  'commented',
  'client-comment',
  'review-link',
  'review-link-revoked',
  'published',
  'publish-failed',
] as const;
export type CalendarEventKind = (typeof CALENDAR_EVENT_KINDS)[number];

export interface CalendarEvent {
  id: number;
  itemId: number;
  kind: CalendarEventKind;
  author: string;
  comment: string | null;
  createdAt: number;
}

export interface LoggedItem {
  id: number;
  planId: number | null;
  channel: string;
  title: string;
}

export async function logCalendarEvent(
  store: Store,
  workspaceId: number,
  item: LoggedItem,
  event: { kind: CalendarEventKind; author: string; comment?: string | null; detail?: string },
  now: number,
): Promise<void> {
  await store.db
    .insertInto('calendar_item_events')
    .values({ workspace_id: workspaceId, item_id: item.id, kind: event.kind, author: event.author, comment: event.comment ?? null, created_at: now })
    .execute();
  if (item.planId !== null) await appendPlanNote(store, workspaceId, item.planId, event.author, describeCalendarEvent(item, event), now);
}

export async function calendarEvents(store: Store, workspaceId: number, itemId: number): Promise<CalendarEvent[]> {
  const item = await store.db.selectFrom('calendar_items').select('id').where('workspace_id', '=', workspaceId).where('id', '=', itemId).executeTakeFirst();
  if (!item) throw new NotFoundError(`no calendar item #${itemId} in this workspace`);
  const rows = await store.db
    .selectFrom('calendar_item_events')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('item_id', '=', itemId)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ id: r.id, itemId: r.item_id, kind: r.kind as CalendarEventKind, author: r.author, comment: r.comment, createdAt: r.created_at }));
}

export interface CalendarSettings {
  requireApproval: boolean;
}

export async function calendarSettings(store: Store, workspaceId: number): Promise<CalendarSettings> {
  const row = await store.db.selectFrom('calendar_settings').select('require_approval').where('workspace_id', '=', workspaceId).executeTakeFirst();
  return { requireApproval: row?.require_approval === 1 };
}
