/**
 * A form checks what it is about to send with the API's own zod schema (imported from
 * src/), so the dashboard refuses exactly what the API and the CLI refuse, with the same
 * words, before any request. Each problem is shown under the form's label for its field.
 */
import { useState } from 'react';
import type { z } from 'zod';
import { formatPath } from '../../../src/core/validation.ts';
import { useWrites } from './FormError.tsx';

export interface FieldIssue {
  /** `guardrails[0].name`, as the API's error names it. */
  path: string;
  message: string;
}

export function schemaIssues(schema: z.ZodType, value: unknown): FieldIssue[] {
  const result = schema.safeParse(value);
  return result.success ? [] : result.error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message }));
}

/**
 * A form's submit: the input is checked with the schema (its problems shown, nothing
 * sent) and then sent; a refusal from the server shows as `error`.
 */
export function useCheckedSubmit() {
  const [issues, setIssues] = useState<FieldIssue[]>([]);
  const { error, run } = useWrites();
  const submit = (schema: z.ZodType, input: unknown, send: () => Promise<void>) => {
    const found = schemaIssues(schema, input);
    setIssues(found);
    if (found.length === 0) void run(send);
  };
  return { issues, error, submit };
}

/** The problems, each after the plain-language label of its field (`labelOf` gets the path). */
export function FieldIssues({ issues, labelOf }: { issues: FieldIssue[]; labelOf: (path: string) => string }) {
  if (issues.length === 0) return null;
  return (
    <ul className="form-error" role="alert" data-testid="field-issues">
      {issues.map((issue) => (
        <li key={`${issue.path}:${issue.message}`}>
          {labelOf(issue.path)}: {issue.message}
        </li>
      ))}
    </ul>
  );
}
