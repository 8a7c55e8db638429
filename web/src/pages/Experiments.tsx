import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { endpoints } from '../api/endpoints.ts';
import type { Experiment, ExperimentAnalysis } from '../api/types.ts';
import { useApi } from '../api/use-api.ts';
import { useWorkspace } from '../app/session.tsx';
import { Async, Empty } from '../components/Async.tsx';
import { formatDate } from '../i18n/format.ts';
import { ExperimentResult } from './ExperimentResult.tsx';

/** Where an experiment is in its time box, from its dates. */
export function experimentStatus(e: Pick<Experiment, 'startAt' | 'endAt'>, now = Date.now()): 'planned' | 'running' | 'ended' {
  return now < e.startAt ? 'planned' : now < e.endAt ? 'running' : 'ended';
}

export function ExperimentsPage() {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const state = useApi(() => endpoints.experiments(ws), ws);
  return (
    <section aria-labelledby="experiments-title">
      <h1 id="experiments-title">{t('experiments.title')}</h1>
      <p className="lead">{t('experiments.intro')}</p>
      <Async state={state}>
        {(data) =>
          data.items.length === 0 ? (
            <Empty>{t('experiments.none')}</Empty>
          ) : (
            <ul className="plain-list experiment-list">
              {data.items.map((e) => (
                <ExperimentCard key={e.id} experiment={e} />
              ))}
            </ul>
          )
        }
      </Async>
    </section>
  );
}

function ExperimentCard({ experiment: e }: { experiment: Experiment }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const [open, setOpen] = useState(false);
  const status = experimentStatus(e);
  return (
    <li className="card">
      <div className="card-head">
        <h2>{e.name}</h2>
        <span>
          <span className={`badge status-${status}`}>{t(`experiments.status.${status}`)}</span>{' '}
          {e.verdict && <span className={`badge verdict-${e.verdict}`}>{t(`experiments.verdict.${e.verdict}`)}</span>}
        </span>
      </div>
      <p>
        <strong>{t('fields.hypothesis')}:</strong> {e.hypothesis}
      </p>
      <p className="muted">
        {t('experiments.facts', { tactic: e.tactic, ridesOn: e.ridesOn, start: formatDate(locale, e.startAt), end: formatDate(locale, e.endAt) })}
      </p>
      <details onToggle={(event) => setOpen((event.target as HTMLDetailsElement).open)}>
        <summary>{t('experiments.analysis')}</summary>
        {open && <Analysis id={e.id} />}
      </details>
    </li>
  );
}

function Analysis({ id }: { id: number }) {
  const ws = useWorkspace();
  const state = useApi(() => endpoints.experimentAnalysis(ws, id), `${ws}:${id}`);
  return <Async state={state}>{(a: ExperimentAnalysis) => <ExperimentResult analysis={a} />}</Async>;
}
