/**
 * Date flags shared by the commands that filter by time (search, roi): a day
 * YYYY-MM-DD (UTC) or a full ISO time; a day given as --to counts whole, as the
 * watch commands' --to does, while a full time stays exclusive.
 */
import { UsageError } from './context.ts';

const DAY_MS = 86_400_000;
const DAY_ONLY = /^\d{4}-\d{2}-\d{2}$/;

export function parseDateFlag(flag: string, value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const date = new Date(value);
  // V8 rolls 2026-02-30 over to March 2: a day that does not exist is refused instead.
  const day = DAY_ONLY.test(value.trim()) ? value.trim() : null;
  if (Number.isNaN(date.getTime()) || (day !== null && date.toISOString().slice(0, 10) !== day)) throw new UsageError(`${flag} must be a date such as 2026-03-01 or 2026-03-01T12:00:00Z, got "${value}"`);
  return date;
}

/** The exclusive end an inclusive `--to` means: the next midnight after a day, the time itself otherwise. */
export function parseToFlag(flag: string, value: string | undefined): Date | undefined {
  const date = parseDateFlag(flag, value);
  return date && DAY_ONLY.test(value!.trim()) ? new Date(date.getTime() + DAY_MS) : date;
}
