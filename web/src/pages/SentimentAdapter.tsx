import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { endpoints } from '../api/endpoints.ts';
import { useApi } from '../api/use-api.ts';
import { ErrorBox } from '../components/Async.tsx';
import { formatDateTime } from '../i18n/format.ts';

/**
 * What the workspace's sentiment adapter learned from (GET /nlp/adapter), and "Adapt now"
 * for editors (POST /nlp/adapt). Corrections also retrain it in the background.
 */
export function SentimentAdapterBar({ ws, editable, version, onAdapted }: { ws: string; editable: boolean; version: number; onAdapted: () => void }) {
  const { t, i18n } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const [runs, setRuns] = useState(0);
  const status = useApi(() => endpoints.nlp.adapter(ws), `${ws}|${version}|${runs}`);
  if (status.status !== 'ok') return null;
  const s = status.data;
  const adapt = async () => {
    setBusy(true);
    setError(null);
    try {
      await endpoints.nlp.adapt(ws);
      setRuns((n) => n + 1);
      onAdapted();
    } catch (e) {
      setError(e instanceof Error ? e : new Error(String(e)));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="help sentiment-adapter" data-testid="sentiment-adapter">
      <span>
        {s.adaptedFrom === null
          ? t('inbox.adapter.none', { count: s.corrections })
          : t('inbox.adapter.adapted', { count: s.adaptedFrom, when: formatDateTime(i18n.language, s.trainedAt) })}
        {s.heldOut && ` ${t(s.applied ? 'inbox.adapter.heldOut' : 'inbox.adapter.notApplied', { fixed: s.heldOut.fixed, broken: s.heldOut.broken })}`}
        {s.stale && ` ${t('inbox.adapter.stale')}`}
        {s.pending && ` ${t('inbox.adapter.pending')}`}
      </span>{' '}
      {editable && s.corrections > 0 && (
        <button type="button" className="button-secondary" disabled={busy} onClick={() => void adapt()}>
          {busy ? t('inbox.adapter.adapting') : t('inbox.adapter.adaptNow')}
        </button>
      )}
      {error && <ErrorBox error={error} />}
    </div>
  );
}
