/**
 * The parameters every Watch question shares — a topic, a period of local days, a time
 * zone, a result limit — defined once as a zod contract that the API's querystrings
 * (src/server/watch-params.ts) and the CLI's flags (src/cli/commands/watch.ts) both parse,
 * with the same defaults and the same limits, so the CLI, the API and the dashboard agree
 * by construction.
 *
 * The time-zone rule: an explicit `tz` wins; otherwise the workspace's time zone, which is
 * `MURMUR_TZ`, else UTC. Never the machine's zone nor the browser's: the same question gives
 * the same days wherever it is asked (the dashboard asks the API which zone it uses).
 */
import { z } from 'zod';
import { MurmurError } from '../core/errors.ts';
import { ValidationError } from '../core/validation.ts';
import { addDays, DAY, localDateKey, type DateKey as DateKeyString } from './time.ts';

/** A period covers at most this many days, in the CLI as in the API. */
export const MAX_PERIOD_DAYS = 400;
/** Result lists (influencers, top posts…) hold at most this many items. */
export const MAX_LIMIT = 100;

// Building an Intl.DateTimeFormat costs more than the rest of a cached answer: remember the verdicts.
const knownZones = new Map<string, boolean>();

export function isTimeZone(value: string): boolean {
  let known = knownZones.get(value);
  if (known === undefined) {
    try {
      new Intl.DateTimeFormat('en', { timeZone: value });
      known = true;
    } catch {
      known = false;
    }
    if (knownZones.size < 1000) knownZones.set(value, known);
  }
  return known;
}

function isDateKey(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/** The workspace's time zone when none is asked for: `MURMUR_TZ`, else UTC. A misspelt MURMUR_TZ is refused, not ignored. */
export function workspaceTimeZone(env: Record<string, string | undefined> = process.env): string {
  const zone = env.MURMUR_TZ?.trim();
  if (!zone) return 'UTC';
  if (!isTimeZone(zone)) throw new MurmurError('invalid_setting', 500, `MURMUR_TZ is "${zone}", which is no IANA time zone (e.g. Europe/Paris)`);
  return zone;
}

export const DateKey = z.string().refine(isDateKey, 'expected a calendar date YYYY-MM-DD').describe('Local date, YYYY-MM-DD');
/** An IANA zone; absent means the workspace's (see workspaceTimeZone), applied when the input is parsed. */
export const TimeZone = z
  .string()
  .max(64)
  .refine(isTimeZone, 'unknown IANA time zone (e.g. Europe/Paris)')
  .default(() => workspaceTimeZone())
  .describe('IANA time zone (default: the workspace\'s, MURMUR_TZ or UTC)');
export const TopicRef = z.string().trim().min(1).max(200).optional().describe('Topic id or name (name case-insensitive; default: the first brand topic)');
export const Limit = z.coerce.number().int().min(1).max(MAX_LIMIT).default(10).describe(`How many items, 1 to ${MAX_LIMIT}`);

/** Local days [first, last] inclusive, in a time zone; missing ends default as periodOf says. */
export const PeriodParams = z.object({
  first: DateKey.optional().describe("First local day, YYYY-MM-DD (default: a period of the question's default length ending at `last`)"),
  last: DateKey.optional().describe('Last local day, YYYY-MM-DD (default: yesterday in `tz`)'),
  tz: TimeZone,
});
export const TopicPeriodParams = PeriodParams.extend({ topic: TopicRef });
export const TopicDayParams = z.object({ topic: TopicRef, date: DateKey.optional().describe('Local day, YYYY-MM-DD (default: yesterday in `tz`)'), tz: TimeZone });

/** How the CLI spells the contract's fields, so its errors name the flag the user typed. */
export const CLI_FLAGS: Record<string, string> = { first: '--from', last: '--to', tz: '--tz', topic: '--topic', date: '--date', limit: '--limit' };

export interface Period {
  first: DateKeyString;
  last: DateKeyString;
  timeZone: string;
}

/** Yesterday in `timeZone`: the last whole day. */
export const yesterdayIn = (timeZone: string, now = Date.now()) => localDateKey(now - DAY, timeZone);

/**
 * The period a question asks for: `last` defaults to yesterday in the zone, `first` to
 * `days` days before it (both inclusive). A ValidationError naming the field (`first` or
 * `last`) when it runs backwards or covers more than MAX_PERIOD_DAYS.
 */
export function periodOf(q: { first?: string | undefined; last?: string | undefined; tz: string }, days: number, now = Date.now()): Period {
  const last = q.last ?? yesterdayIn(q.tz, now);
  const first = q.first ?? addDays(last, -(days - 1));
  if (first > last) {
    const message = `the period ends (${last}) before it starts (${first})`;
    throw new ValidationError(message, [`${q.last ? 'last' : 'first'}: ${message}`]);
  }
  if ((Date.parse(last) - Date.parse(first)) / DAY >= MAX_PERIOD_DAYS) {
    const message = `a period covers at most ${MAX_PERIOD_DAYS} days`;
    throw new ValidationError(message, [`last: ${message}`]);
  }
  return { first, last, timeZone: q.tz };
}

/** Hourly series cover at most this many days (about 2,200 buckets). */
export const MAX_HOURLY_DAYS = 93;

export function checkHourlySpan(p: Period): void {
  if (Date.parse(p.last) - Date.parse(p.first) > (MAX_HOURLY_DAYS - 1) * DAY) {
    throw new ValidationError(`hourly series cover at most ${MAX_HOURLY_DAYS} days`, ['last: too far from first for hourly buckets']);
  }
}
