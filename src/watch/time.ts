/**
 * Calendar arithmetic in the user's IANA time zone, DST included, with nothing but Intl.
 *
 * The store keeps UTC epoch ms. Analytics bucket by *local* hour and day: a day on a DST
 * change has 23 or 25 hours, and India's +05:30 puts local midnight at 18:30 UTC. Every
 * offset in the tz database since 1970 is a multiple of 15 minutes, so quarter-hour UTC
 * buckets (what the rollup stores) map exactly onto local hours and days in any zone.
 */
import { MurmurError } from '../core/errors.ts';
import { ValidationError } from '../core/validation.ts';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
/** The rollup's bucket width. */
export const QUARTER = 15 * MINUTE;

export class TimeZoneError extends MurmurError {
  override name = 'TimeZoneError';
  constructor(message: string) {
    super('unknown_time_zone', 400, message);
  }
}

interface LocalParts {
  year: number;
  month: number; // 1–12
  day: number;
  hour: number;
  minute: number;
  /** 0 = Monday … 6 = Sunday (ISO order, so weeks start on Monday). */
  weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
      });
    } catch {
      throw new TimeZoneError(`unknown time zone "${timeZone}" (expected an IANA name such as Europe/Paris)`);
    }
    formatters.set(timeZone, f);
  }
  return f;
}

/** Throws a TimeZoneError naming the zone when it is not a known IANA zone. */
export function assertTimeZone(timeZone: string): void {
  formatter(timeZone);
}

function intlOffset(ms: number, timeZone: string): number {
  const parts: Record<string, string> = {};
  for (const p of formatter(timeZone).formatToParts(ms)) parts[p.type] = p.value;
  const asUtc = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute));
  return asUtc - Math.floor(ms / MINUTE) * MINUTE;
}

// Intl lookups cost tens of µs each; series touch thousands of instants. A zone changes
// offset at most once in a UTC day, so the offsets at both ends of the day settle every
// instant in between unless they differ (then that day asks Intl per instant).
const dayOffsets = new Map<string, readonly [number, number]>();

/** Offset of local time from UTC at instant `ms`, in ms (Paris in summer: +2 h). */
export function offsetAt(ms: number, timeZone: string): number {
  const day = Math.floor(ms / DAY);
  const key = `${timeZone}|${day}`;
  let ends = dayOffsets.get(key);
  if (!ends) {
    if (dayOffsets.size > 100_000) dayOffsets.clear();
    ends = [intlOffset(day * DAY, timeZone), intlOffset(day * DAY + DAY - 1, timeZone)] as const;
    dayOffsets.set(key, ends);
  }
  return ends[0] === ends[1] ? ends[0] : intlOffset(ms, timeZone);
}

export function localParts(ms: number, timeZone: string): LocalParts {
  const local = new Date(ms + offsetAt(ms, timeZone));
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
    weekday: (local.getUTCDay() + 6) % 7,
  };
}

/**
 * The UTC instant of a local wall-clock time. A time in a spring-forward gap (02:30 that
 * never happens) is pushed forward by the gap, like Temporal's 'compatible' (so a day that
 * starts in a gap starts when the clock jumps); in a fall-back overlap, the first of the two.
 */
export function zonedToUtc(year: number, month: number, day: number, hour: number, minute: number, timeZone: string): number {
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  const before = wall - offsetAt(wall - DAY / 2, timeZone);
  const after = wall - offsetAt(wall + DAY / 2, timeZone);
  const candidates = [before, after].filter((t) => t + offsetAt(t, timeZone) === wall).sort((a, b) => a - b);
  if (candidates.length > 0) return candidates[0]!;
  // In the gap: read the wall time with the offset from before the jump.
  return Math.max(before, after);
}

/** A local calendar date, `YYYY-MM-DD`. */
export type DateKey = string;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

export function dateKey(year: number, month: number, day: number): DateKey {
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

export function parseDateKey(key: string): { year: number; month: number; day: number } {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(key);
  if (!m) throw new ValidationError(`invalid date "${key}" (expected YYYY-MM-DD)`);
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) throw new ValidationError(`invalid date "${key}"`);
  return { year, month, day };
}

export function localDateKey(ms: number, timeZone: string): DateKey {
  const p = localParts(ms, timeZone);
  return dateKey(p.year, p.month, p.day);
}

/** Calendar arithmetic on date keys (no time zone involved). */
export function addDays(key: DateKey, days: number): DateKey {
  const { year, month, day } = parseDateKey(key);
  const d = new Date(Date.UTC(year, month - 1, day + days));
  return dateKey(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

export function weekdayOfKey(key: DateKey): number {
  const { year, month, day } = parseDateKey(key);
  return (new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 6) % 7;
}

export function startOfLocalDay(key: DateKey, timeZone: string): number {
  const { year, month, day } = parseDateKey(key);
  return zonedToUtc(year, month, day, 0, 0, timeZone);
}

/** A half-open UTC interval [from, to). */
export interface Interval {
  from: number;
  to: number;
}

/** The local days from `first` to `last` inclusive, as a UTC interval. */
export function localDaysInterval(first: DateKey, last: DateKey, timeZone: string): Interval {
  return { from: startOfLocalDay(first, timeZone), to: startOfLocalDay(addDays(last, 1), timeZone) };
}

/** Every date key in [first, last]. */
export function dateKeysBetween(first: DateKey, last: DateKey): DateKey[] {
  const keys: DateKey[] = [];
  for (let k = first; k <= last; k = addDays(k, 1)) keys.push(k);
  return keys;
}

/**
 * A local date and hour as a number on a DST-free clock (ms, read as if UTC): a week before
 * is always 168 hours before, so 09:00 the week after a clock change still pairs with 09:00.
 */
export function wallClock(key: DateKey, hour = 0): number {
  const { year, month, day } = parseDateKey(key);
  return Date.UTC(year, month - 1, day, hour);
}

/** Start (UTC ms) of the local hour containing `ms`. */
export function startOfLocalHour(ms: number, timeZone: string): number {
  const p = localParts(ms, timeZone);
  const floorMinute = Math.floor(ms / MINUTE) * MINUTE;
  return floorMinute - p.minute * MINUTE;
}

export type PeriodKind = 'day' | 'week' | 'month' | 'year';

/** The local period of `kind` containing the date `key` (weeks start on Monday). */
export function periodContaining(kind: PeriodKind, key: DateKey): { first: DateKey; last: DateKey } {
  const { year, month } = parseDateKey(key);
  switch (kind) {
    case 'day':
      return { first: key, last: key };
    case 'week': {
      const first = addDays(key, -weekdayOfKey(key));
      return { first, last: addDays(first, 6) };
    }
    case 'month': {
      const first = dateKey(year, month, 1);
      return { first, last: addDays(month === 12 ? dateKey(year + 1, 1, 1) : dateKey(year, month + 1, 1), -1) };
    }
    case 'year':
      return { first: dateKey(year, 1, 1), last: dateKey(year, 12, 31) };
  }
}
