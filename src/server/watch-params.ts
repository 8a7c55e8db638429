/**
 * Query parameters every Watch route shares: the contract of src/watch/params.ts (topic,
 * local days, time zone, limit), the same one the CLI's flags parse.
 */
import { ValidationError } from '../core/validation.ts';
import { periodOf as sharedPeriodOf, type Period } from '../watch/params.ts';
import { HttpError } from './errors.ts';

export {
  DateKey,
  isTimeZone,
  Limit,
  PeriodParams as PeriodQuery,
  TimeZone,
  TopicDayParams as TopicDayQuery,
  TopicPeriodParams as TopicPeriodQuery,
  TopicRef,
  yesterdayIn,
  type Period,
} from '../watch/params.ts';

/** The period a query asks for (src/watch/params.ts periodOf); a 400 naming the querystring field otherwise. */
export const periodOf = (q: { first?: string; last?: string; tz: string }, days: number, now = Date.now()): Period => inQuerystring(() => sharedPeriodOf(q, days, now));

/** Runs a check of the shared contract; its ValidationError (`last: …`) becomes a 400 naming `querystring.last`. */
export function inQuerystring<T>(check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    const issues = error.issues.map((issue) => {
      const at = issue.indexOf(': ');
      return { path: `querystring.${issue.slice(0, at)}`, message: issue.slice(at + 2) };
    });
    throw new HttpError(400, error.message, issues, error.code);
  }
}
