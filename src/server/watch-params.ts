/**
 * Query parameters every Watch route shares: a topic, local days and an IANA time zone.
 */
import { z } from 'zod';

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

export const DateKey = z.string().refine(isDateKey, 'expected a calendar date YYYY-MM-DD').describe('Local date, YYYY-MM-DD');
export const TimeZone = z.string().max(64).default('UTC').refine(isTimeZone, 'unknown IANA time zone (e.g. Europe/Paris)').describe('IANA time zone');
export const TopicId = z.coerce.number().int().positive().describe('Topic id');

const MAX_PERIOD_DAYS = 400;

function periodChecks<T extends z.ZodType<{ first: string; last: string }>>(schema: T): T {
  return schema
    .refine((p) => p.first <= p.last, { message: 'the period ends before it starts', path: ['last'] })
    .refine((p) => (Date.parse(p.last) - Date.parse(p.first)) / 86_400_000 < MAX_PERIOD_DAYS, {
      message: `a period covers at most ${MAX_PERIOD_DAYS} days`,
      path: ['last'],
    });
}

/** Local days [first, last] inclusive, in a time zone. */
export const PeriodQuery = periodChecks(z.object({ first: DateKey, last: DateKey, tz: TimeZone }));
export const TopicPeriodQuery = periodChecks(z.object({ topic: TopicId, first: DateKey, last: DateKey, tz: TimeZone }));
export const TopicDayQuery = z.object({ topic: TopicId, date: DateKey, tz: TimeZone });
