/**
 * The calendar's arithmetic, in the workspace's time zone (never the browser's): which
 * days a month or week view shows, which day an item falls on, and the instant an item
 * moves to when dropped on another day (it keeps its local time of day).
 */
import { addDays, dateKey, localDateKey, localParts, parseDateKey, weekdayOfKey, zonedToUtc, type DateKey } from '../../../src/watch/time.ts';

export type CalendarView = 'month' | 'week';

/** The days shown, whole weeks from Monday: the week of `anchor`, or every week touching its month. */
export function visibleDays(view: CalendarView, anchor: DateKey): DateKey[] {
  const { year, month } = parseDateKey(anchor);
  const first = view === 'week' ? anchor : dateKey(year, month, 1);
  const last = view === 'week' ? anchor : addDays(month === 12 ? dateKey(year + 1, 1, 1) : dateKey(year, month + 1, 1), -1);
  const start = addDays(first, -weekdayOfKey(first));
  const end = addDays(last, 6 - weekdayOfKey(last));
  const days: DateKey[] = [];
  for (let d = start; d <= end; d = addDays(d, 1)) days.push(d);
  return days;
}

/** The anchor of the previous or next page of the view. */
export function stepAnchor(view: CalendarView, anchor: DateKey, direction: -1 | 1): DateKey {
  if (view === 'week') return addDays(anchor, 7 * direction);
  const { year, month } = parseDateKey(anchor);
  const m = month + direction;
  return m < 1 ? dateKey(year - 1, 12, 1) : m > 12 ? dateKey(year + 1, 1, 1) : dateKey(year, m, 1);
}

export function dayOf(ms: number, timeZone: string): DateKey {
  return localDateKey(ms, timeZone);
}

/** `scheduledAt` moved to `day`, at the same local time (09:00 when it had none). */
export function moveToDay(scheduledAt: number | null, day: DateKey, timeZone: string): number {
  const { year, month, day: d } = parseDateKey(day);
  const time = scheduledAt === null ? { hour: 9, minute: 0 } : localParts(scheduledAt, timeZone);
  return zonedToUtc(year, month, d, time.hour, time.minute, timeZone);
}

/** `YYYY-MM-DDTHH:mm` (a datetime-local input) in the zone, and back. */
export function toLocalInput(ms: number, timeZone: string): string {
  const p = localParts(ms, timeZone);
  return `${dateKey(p.year, p.month, p.day)}T${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;
}

export function fromLocalInput(value: string, timeZone: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!m) return null;
  return zonedToUtc(Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]), timeZone);
}
