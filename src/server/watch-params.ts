/**
 * Query parameters every Watch route shares: a topic, local days and an IANA time zone.
 */
import { z } from 'zod';
import { addDays, DAY, isTimeZone, localDateKey } from '../watch/time.ts';
import { HttpError } from './errors.ts';

function isDateKey(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

export const DateKey = z.string().refine(isDateKey, 'expected a calendar date YYYY-MM-DD').describe('Local date, YYYY-MM-DD');
export const TimeZone = z.string().max(64).default('UTC').refine(isTimeZone, 'unknown IANA time zone (e.g. Europe/Paris)').describe('IANA time zone');
export const TopicRef = z.string().trim().min(1).max(200).optional().describe('Topic id or name (name case-insensitive; default: the first brand topic)');

const MAX_PERIOD_DAYS = 400;

/** Local days [first, last] inclusive, in a time zone; missing ends default as the CLI's (see periodOf). */
export const PeriodQuery = z.object({
  first: DateKey.optional().describe('First local day, YYYY-MM-DD (default: a period of the route\'s default length ending at `last`)'),
  last: DateKey.optional().describe('Last local day, YYYY-MM-DD (default: yesterday in `tz`)'),
  tz: TimeZone,
});
export const TopicPeriodQuery = PeriodQuery.extend({ topic: TopicRef });
export const TopicDayQuery = z.object({ topic: TopicRef, date: DateKey.optional().describe('Local day, YYYY-MM-DD (default: yesterday in `tz`)'), tz: TimeZone });

export interface Period {
  first: string;
  last: string;
  timeZone: string;
}

/** Yesterday in `timeZone`: the last whole day, as the CLI defaults. */
export const yesterdayIn = (timeZone: string, now = Date.now()) => localDateKey(now - DAY, timeZone);

/**
 * The period a query asks for, with the CLI's defaults: `last` is yesterday, `first`
 * is `days` days before it (both inclusive). 400 when it runs backwards or is too long.
 */
export function periodOf(q: { first?: string; last?: string; tz: string }, days: number, now = Date.now()): Period {
  const last = q.last ?? yesterdayIn(q.tz, now);
  const first = q.first ?? addDays(last, -(days - 1));
  if (first > last) {
    throw new HttpError(400, `the period ends (${last}) before it starts (${first})`, [{ path: q.last ? 'querystring.last' : 'querystring.first', message: 'the period ends before it starts' }]);
  }
  if ((Date.parse(last) - Date.parse(first)) / DAY >= MAX_PERIOD_DAYS) {
    throw new HttpError(400, `a period covers at most ${MAX_PERIOD_DAYS} days`, [{ path: 'querystring.last', message: `a period covers at most ${MAX_PERIOD_DAYS} days` }]);
  }
  return { first, last, timeZone: q.tz };
}
