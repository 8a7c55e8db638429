import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Loadable } from '../api/use-api.ts';

export function Loading() {
  const { t } = useTranslation();
  return (
    <div className="state state-loading" role="status" aria-live="polite">
      {t('common.loading')}
    </div>
  );
}

export function NotAvailable() {
  const { t } = useTranslation();
  return (
    <div className="state state-unavailable" role="note" data-testid="not-available">
      <strong>{t('common.notAvailable')}</strong>
      <p>{t('common.notAvailableHelp')}</p>
    </div>
  );
}

export function ErrorBox({ error, onRetry }: { error: Error; onRetry?: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="state state-error" role="alert">
      <strong>{t('common.error')}</strong> <span>{error.message}</span>
      {onRetry && (
        <button type="button" className="button-link" onClick={onRetry}>
          {t('common.retry')}
        </button>
      )}
    </div>
  );
}

export function Empty({ children }: { children?: ReactNode }) {
  const { t } = useTranslation();
  return <div className="state state-empty">{children ?? t('common.empty')}</div>;
}

/** Renders a Loadable: its data through `children`, or the matching state. */
export function Async<T>({ state, children }: { state: Loadable<T> & { reload?: () => void }; children: (data: T) => ReactNode }) {
  switch (state.status) {
    case 'loading':
      return <Loading />;
    case 'unavailable':
      return <NotAvailable />;
    case 'error':
      return <ErrorBox error={state.error} onRetry={state.reload} />;
    case 'ok':
      return <>{children(state.data)}</>;
  }
}
