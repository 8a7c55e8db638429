/**
 * When a digest runs and which report it carries: runs follow a five-field cron expression
 * read in the digest's time zone (croner), and a run carries the report of the period
 * holding the day before it — a Monday-morning weekly digest carries the week that ended
 * on Sunday, a digest on the 1st the month that just ended.
 */
import { Cron } from 'croner';
import { addDays, localDateKey, type DateKey } from '../../watch/time.ts';

/** Null when the expression is valid, else what is wrong with it. */
export function cronProblem(expression: string, timeZone: string): string | null {
  if (expression.trim().split(/\s+/).length !== 5) return 'a schedule has five fields: minute hour day-of-month month day-of-week (e.g. "0 8 * * 1")';
  try {
    const next = new Cron(expression, { timezone: timeZone, paused: true }).nextRun(new Date(0));
    return next ? null : 'this schedule never runs';
  } catch (error) {
    return (error as Error).message;
  }
}

/** The first run strictly after `after` (epoch ms). */
export function nextRunAfter(expression: string, timeZone: string, after: number): number {
  const next = new Cron(expression, { timezone: timeZone, paused: true }).nextRun(new Date(after));
  if (!next) throw new RangeError(`schedule "${expression}" has no run after ${new Date(after).toISOString()}`);
  return next.getTime();
}

/**
 * The latest run at or before `now`, starting from a run known to be due: a server that was
 * down for three weeks sends the latest weekly digest once, not three stale ones.
 */
export function latestDueRun(expression: string, timeZone: string, due: number, now: number): number {
  let run = due;
  for (let next = nextRunAfter(expression, timeZone, run); next <= now; next = nextRunAfter(expression, timeZone, run)) run = next;
  return run;
}

/** The local day the report of a run is made for: the day before the run. */
export function reportDateOf(run: number, timeZone: string): DateKey {
  return addDays(localDateKey(run, timeZone), -1);
}
