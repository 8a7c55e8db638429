import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { endpoints } from '../api/endpoints.ts';
import type { ApiError } from '../api/client.ts';

/**
 * Where in the query the API says the problem is, as a 1-based character position (the
 * API's own count): the `position` it sends, else one its message names ("at position 12").
 */
export function errorPosition(error: Pick<ApiError, 'position' | 'message'>): number | null {
  if (error.position !== null) return error.position;
  const match = /\b(?:position|column)\s*:?\s*(\d+)/i.exec(error.message);
  return match ? Number(match[1]) : null;
}

/** The query split around the faulty character; counted in characters, not UTF-16 units. */
export function splitAt(query: string, position: number): { before: string; at: string; after: string; column: number } {
  const chars = [...query];
  const index = Math.max(0, Math.min(position - 1, chars.length));
  return { before: chars.slice(0, index).join(''), at: chars[index] ?? ' ', after: chars.slice(index + 1).join(''), column: index };
}

export function QueryError({ query, message, position, id }: { query: string; message: string; position: number | null; id: string }) {
  const { t } = useTranslation();
  const split = position === null ? null : splitAt(query, position);
  return (
    <div className="query-error" role="alert" id={id} data-testid="query-error">
      <strong>{t('mentions.queryError')}</strong> {message}
      {split && (
        <pre className="query-echo">
          {split.before}
          <mark>{split.at}</mark>
          {split.after}
          {'\n'}
          {' '.repeat(split.column)}^ {t('mentions.errorAt', { position: split.column + 1 })}
        </pre>
      )}
    </div>
  );
}

export interface QueryProblem {
  query: string;
  message: string;
  position: number | null;
}

/**
 * Asks the server to parse the query as the user types (debounced), so a typo is pointed
 * at before anything runs. The answer for an older text is dropped.
 */
export function useQueryCheck(ws: string, query: string): QueryProblem | null {
  const [problem, setProblem] = useState<QueryProblem | null>(null);
  useEffect(() => {
    if (!query.trim()) {
      setProblem(null);
      return;
    }
    let current = true;
    const timer = setTimeout(() => {
      endpoints.checkQuery(ws, query).then(
        (check) => current && setProblem(check.valid ? null : { query, message: check.message ?? '', position: check.position }),
        // No live check on this server (or it failed): the search itself still reports errors.
        () => current && setProblem(null),
      );
    }, 350);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [ws, query]);
  return problem;
}

