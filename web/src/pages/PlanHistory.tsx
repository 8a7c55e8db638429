/**
 * Plan → version history: who changed what, when (src/plan/plans.ts), and for any version
 * the field-by-field difference from the one before (src/plan/diff.ts, via the API).
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { endpoints } from '../api/endpoints.ts';
import { useApi } from '../api/use-api.ts';
import { useWorkspace } from '../app/session.tsx';
import { Async, Empty } from '../components/Async.tsx';
import { formatDateTime } from '../i18n/format.ts';
import { usePlanEditing } from './plan-editing.tsx';

export function HistoryCard() {
  const { t, i18n } = useTranslation();
  const ws = useWorkspace();
  const { view } = usePlanEditing();
  const history = useApi(() => endpoints.planHistory(ws, view.id), `${ws}:plan-history:${view.id}:${view.version}`);
  const [open, setOpen] = useState<number | null>(null);
  return (
    <section className="card table-wrap" aria-labelledby="plan-history-title">
      <h2 id="plan-history-title">{t('planEdit.history')}</h2>
      <Async state={history}>
        {(data) => (
          <ol className="plan-history" reversed>
            {[...data.items].reverse().map((entry) => (
              <li key={entry.version} data-testid="plan-version">
                <strong>{t('plan.version', { version: entry.version })}</strong> · {formatDateTime(i18n.language, entry.createdAt)} · {t('planEdit.by', { author: entry.author })} · <span>{entry.change}</span>
                {entry.version > 1 && (
                  <button type="button" className="button-link" aria-expanded={open === entry.version} onClick={() => setOpen(open === entry.version ? null : entry.version)}>
                    {t('planEdit.showChanges')}
                  </button>
                )}
                {open === entry.version && <VersionDiff version={entry.version} />}
              </li>
            ))}
          </ol>
        )}
      </Async>
    </section>
  );
}

function VersionDiff({ version }: { version: number }) {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const { view } = usePlanEditing();
  const diff = useApi(() => endpoints.planDiff(ws, view.id, version - 1, version), `${ws}:plan-diff:${view.id}:${version}`);
  const show = (value: unknown) => (value === undefined ? t('planEdit.nothing') : JSON.stringify(value));
  return (
    <Async state={diff}>
      {(data) =>
        data.changes.length === 0 ? (
          <Empty>{t('planEdit.noChanges')}</Empty>
        ) : (
          <ul className="plan-diff" aria-label={t('planEdit.changesOf', { version })}>
            {data.changes.map((change) => (
              <li key={change.path}>
                <code>{change.path}</code>: {show(change.before)} → {show(change.after)}
              </li>
            ))}
          </ul>
        )
      }
    </Async>
  );
}
