import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { NotAvailableError } from '../api/client.ts';
import type { ScopeState } from '../app/scope.tsx';
import { Empty, ErrorBox, Loading, NotAvailable } from './Async.tsx';

/** Renders a page body once its topic and period are known. */
export function Scoped<S>({ state, children }: { state: ScopeState<S>; children: (ready: Extract<ScopeState<S>, { status: 'ready' }>) => ReactNode }) {
  const { t } = useTranslation();
  switch (state.status) {
    case 'loading':
      return <Loading />;
    case 'error':
      return state.error instanceof NotAvailableError ? <NotAvailable /> : <ErrorBox error={state.error} />;
    case 'no-topics':
      return <Empty>{t('scope.noTopics')}</Empty>;
    case 'ready':
      return <>{children(state as Extract<ScopeState<S>, { status: 'ready' }>)}</>;
  }
}
