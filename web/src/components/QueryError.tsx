import { useTranslation } from 'react-i18next';
import type { ApiError } from '../api/client.ts';

/**
 * Where in the query the API says the problem is: the `position` field when the server
 * sends one, else a position the message names ("at position 12", "column 13").
 */
export function errorPosition(error: ApiError): number | null {
  if (error.position !== null) return error.position;
  const match = /\b(?:position|offset|pos)\s*:?\s*(\d+)/i.exec(error.message) ?? /\bcolumn\s*(\d+)/i.exec(error.message);
  if (!match) return null;
  const value = Number(match[1]);
  return /column/i.test(match[0]) ? value - 1 : value;
}

export function QueryError({ query, error, id }: { query: string; error: ApiError; id: string }) {
  const { t } = useTranslation();
  const position = errorPosition(error);
  const at = position === null ? null : Math.max(0, Math.min(position, query.length));
  const length = Math.max(1, error.length ?? 1);
  return (
    <div className="query-error" role="alert" id={id} data-testid="query-error">
      <strong>{t('mentions.queryError')}</strong> {error.message}
      {at !== null && (
        <pre className="query-echo" aria-label={t('mentions.errorAt', { position: at + 1 })}>
          {query.slice(0, at)}
          <mark>{query.slice(at, at + length) || ' '}</mark>
          {query.slice(at + length)}
          {'\n'}
          {' '.repeat(at)}
          {'^'.repeat(length)} {t('mentions.errorAt', { position: at + 1 })}
        </pre>
      )}
    </div>
  );
}
