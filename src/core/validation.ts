/**
 * One way for bad input to a library function (a plan, an experiment, a campaign, a
 * period…) to fail: a ValidationError (400, `invalid_input`) whose message names the path
 * of each bad field (`kpis[2].metric: unknown metric "folowers"`).
 */
import type { z } from 'zod';
import { MurmurError } from './errors.ts';

export class ValidationError extends MurmurError {
  override name = 'ValidationError';
  constructor(
    message: string,
    /** One entry per problem, each `path: message`. */
    readonly issues: string[] = [message],
  ) {
    super('invalid_input', 400, message);
  }
}

/** `kpis[2].targets[0].value` from zod's path array. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out || '(root)';
}

export function zodIssues(error: z.ZodError, prefix = ''): string[] {
  return error.issues.map((issue) => {
    const path = formatPath([...(prefix ? [prefix] : []), ...issue.path]);
    return `${path}: ${issue.message}`;
  });
}

/** Parses `input` with `schema` or throws a ValidationError listing every bad field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, what: string, prefix = ''): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues = zodIssues(result.error, prefix);
  throw new ValidationError(`invalid ${what}:\n  ${issues.join('\n  ')}`, issues);
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Epoch ms of a `YYYY-MM-DD` date or a full ISO timestamp. */
export function toEpoch(value: string | number | Date): number {
  if (typeof value === 'number') return value;
  if (value instanceof Date) return value.getTime();
  const ms = Date.parse(DATE.test(value) ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(ms)) throw new ValidationError(`not a date: "${value}"`);
  return ms;
}

export function toIsoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
