import { expect, it } from 'vitest';
import { CONVERSION_PROBLEM_CODES, conversionProblems } from './conversion-problems.ts';
import { ConversionEventSchema } from './conversions.ts';

const problemsOf = (row: Record<string, unknown>) => {
  const parsed = ConversionEventSchema.safeParse({ eventId: 'e-1', stage: 'lead', occurredAt: '2026-03-02', ...row });
  return parsed.success ? [] : conversionProblems(parsed.error);
};

it('gives each refused field a stable code, whatever the English says', () => {
  expect(problemsOf({ eventId: ' ' })).toEqual([{ code: 'missing_event_id', field: 'eventId' }]);
  expect(problemsOf({ eventId: 'x'.repeat(201) })).toEqual([{ code: 'text_too_long', field: 'eventId' }]);
  expect(problemsOf({ stage: 'Refund' })).toEqual([{ code: 'unknown_stage', field: 'stage' }]);
  expect(problemsOf({ occurredAt: 'not a date' })).toEqual([{ code: 'bad_date', field: 'occurredAt' }]);
  expect(problemsOf({ revenue: -5 })).toEqual([{ code: 'negative_revenue', field: 'revenue' }]);
  expect(problemsOf({ revenue: 'lots' })).toEqual([{ code: 'bad_amount', field: 'revenue' }]);
  expect(problemsOf({ currency: 'euro' })).toEqual([{ code: 'bad_currency', field: 'currency' }]);
  expect(problemsOf({ contactId: 'c-\u00001' })).toEqual([{ code: 'unstorable_text', field: 'contactId' }]);
  expect(problemsOf({ touchpoints: 'spring' })).toEqual([{ code: 'bad_value', field: 'touchpoints' }]);
  // Every problem of the row, in order.
  expect(problemsOf({ stage: 'Refund', currency: 'euro' }).map((p) => p.code)).toEqual(['unknown_stage', 'bad_currency']);
});

it('lists every code it can give', () => {
  expect(new Set(CONVERSION_PROBLEM_CODES).size).toBe(CONVERSION_PROBLEM_CODES.length);
  for (const code of ['missing_event_id', 'unknown_stage', 'bad_date', 'broken_csv', 'invalid_utf8', 'row_too_long'] as const) expect(CONVERSION_PROBLEM_CODES).toContain(code);
});
