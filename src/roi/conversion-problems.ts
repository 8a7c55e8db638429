/**
 * Why a conversion row was refused, as stable codes beside the English reason: scripts
 * match on them and the dashboard words them in the user's language. A code names the
 * kind of problem; `field` says which of our fields (null when the row could not be read).
 */
import type { z } from 'zod';
import type { ReadProblemCode } from '../core/files/parsed-row.ts';

export type ConversionProblemCode =
  | ReadProblemCode
  | 'missing_event_id'
  | 'text_too_long'
  | 'unknown_stage'
  | 'bad_date'
  | 'bad_amount'
  | 'negative_revenue'
  | 'bad_currency'
  | 'unstorable_text'
  | 'bad_value';

export const CONVERSION_PROBLEM_CODES: readonly ConversionProblemCode[] = [
  'broken_csv',
  'row_too_long',
  'invalid_utf8',
  'missing_event_id',
  'text_too_long',
  'unknown_stage',
  'bad_date',
  'bad_amount',
  'negative_revenue',
  'bad_currency',
  'unstorable_text',
  'bad_value',
];

export interface ConversionProblem {
  code: ConversionProblemCode;
  field: string | null;
}

/** The code of one issue of ConversionEventSchema: its own tag when it set one, else by field and zod's issue kind. */
function codeOf(issue: z.core.$ZodIssue, field: string | null): ConversionProblemCode {
  const tagged = issue.code === 'custom' ? (issue.params as { problem?: ConversionProblemCode } | undefined)?.problem : undefined;
  if (tagged) return tagged;
  if (issue.code === 'too_big') return 'text_too_long';
  switch (field) {
    case 'eventId':
      return 'missing_event_id';
    case 'occurredAt':
      return 'bad_date';
    case 'revenue':
      return issue.code === 'too_small' ? 'negative_revenue' : 'bad_amount';
    case 'currency':
      return 'bad_currency';
    default:
      return 'bad_value';
  }
}

export function conversionProblems(error: z.ZodError): ConversionProblem[] {
  return error.issues.map((issue) => {
    const field = issue.path.length > 0 ? String(issue.path[0]) : null;
    return { code: codeOf(issue, field), field };
  });
}
