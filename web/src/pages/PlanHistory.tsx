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
import { PlanEditProvider, usePlanEditing } from './plan-editing.tsx';
import { KpisCard } from './PlanKpis.tsx';
import { ChannelsCard, GoalCard, PersonasCard, TeamCard } from './PlanStrategy.tsx';
import { TasksCard } from './PlanTasks.tsx';

export function HistoryCard() {
  const { t, i18n } = useTranslation();
  const ws = useWorkspace();
  const { view } = usePlanEditing();
  const history = useApi(() => endpoints.planHistory(ws, view.id), `${ws}:plan-history:${view.id}:${view.version}`);
  // The difference shown: a version against the one before it, or against the current one.
  // An earlier version shown whole, read-only (as `plan show --version`).
  const [shown, setShown] = useState<number | null>(null);
  // Shown under the entry (`at`) whose button opened it.
  const [open, setOpen] = useState<{ at: number; from: number; to: number } | null>(null);
  const isOpen = (at: number, from: number, to: number) => open?.at === at && open.from === from && open.to === to;
  const toggle = (at: number, from: number, to: number) => setOpen(isOpen(at, from, to) ? null : { at, from, to });
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
                  <button type="button" className="button-link" aria-expanded={isOpen(entry.version, entry.version - 1, entry.version)} onClick={() => toggle(entry.version, entry.version - 1, entry.version)}>
                    {t('planEdit.showChanges')}
                  </button>
                )}
                {entry.version < view.version && (
                  <button type="button" className="button-link" aria-expanded={isOpen(entry.version, entry.version, view.version)} onClick={() => toggle(entry.version, entry.version, view.version)}>
                    {t('planEdit.changesSince')}
                  </button>
                )}
                {entry.version < view.version && (
                  <button type="button" className="button-link" aria-expanded={shown === entry.version} onClick={() => setShown(shown === entry.version ? null : entry.version)}>
                    {t('planEdit.showVersion')}
                  </button>
                )}
                {open?.at === entry.version && <VersionDiff from={open.from} to={open.to} />}
                {shown === entry.version && <OldVersion version={entry.version} />}
              </li>
            ))}
          </ol>
        )}
      </Async>
    </section>
  );
}

function VersionDiff({ from, to }: { from: number; to: number }) {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const { view } = usePlanEditing();
  const diff = useApi(() => endpoints.planDiff(ws, view.id, from, to), `${ws}:plan-diff:${view.id}:${from}:${to}`);
  const show = (value: unknown) => (value === undefined ? t('planEdit.nothing') : JSON.stringify(value));
  return (
    <Async state={diff}>
      {(data) =>
        data.changes.length === 0 ? (
          <Empty>{t('planEdit.noChanges')}</Empty>
        ) : (
          <ul className="plan-diff" aria-label={to === from + 1 ? t('planEdit.changesOf', { version: to }) : t('planEdit.changesBetween', { from, to })}>
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

/** The plan as it was at `version`: the same cards, nothing editable. */
function OldVersion({ version }: { version: number }) {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const { view } = usePlanEditing();
  const old = useApi(() => endpoints.planAt(ws, view.id, version), `${ws}:plan:${view.id}:v${version}`);
  return (
    <div className="plan-old-version" role="region" aria-label={t('planEdit.versionShown', { version })}>
      <Async state={old}>
        {(plan) => (
          <PlanEditProvider view={plan} onSaved={() => undefined} readOnly>
            <GoalCard />
            <TeamCard />
            <PersonasCard />
            <ChannelsCard />
            <KpisCard />
            <TasksCard />
          </PlanEditProvider>
        )}
      </Async>
    </div>
  );
}
