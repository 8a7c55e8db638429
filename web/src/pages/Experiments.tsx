import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { endpoints } from '../api/endpoints.ts';
import type { Experiment, ExperimentAnalysis } from '../api/types.ts';
import { useApi } from '../api/use-api.ts';
import { canEdit, useSession } from '../app/session.tsx';
import { Async, Empty } from '../components/Async.tsx';
import { CopyButton } from '../components/CopyButton.tsx';
import { feedbackFormUrl } from '../../../src/experiment/feedback-link.ts';
import { formatDate } from '../i18n/format.ts';
import { ObservationForm, VerdictForm, verdictReasoning } from './ExperimentActions.tsx';
import { ExperimentForm } from './ExperimentForm.tsx';
import { ExperimentResult } from './ExperimentResult.tsx';
import { ExperimentSizeForm } from './ExperimentSize.tsx';

/** Where an experiment is in its time box, from its dates. */
export function experimentStatus(e: Pick<Experiment, 'startAt' | 'endAt'>, now = Date.now()): 'planned' | 'running' | 'ended' {
  return now < e.startAt ? 'planned' : now < e.endAt ? 'running' : 'ended';
}

export function ExperimentsPage() {
  const { t } = useTranslation();
  const { workspace } = useSession();
  const ws = workspace.slug;
  const editable = canEdit(workspace.role);
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
                <ExperimentCard key={e.id} experiment={e} editable={editable} onChanged={state.reload} />
              ))}
            </ul>
          )
        }
      </Async>
      <ExperimentSizeForm ws={ws} />
      {editable && <NewExperiment ws={ws} onCreated={state.reload} />}
    </section>
  );
}

/** The form, once the topics and campaigns it offers have arrived. */
function NewExperiment({ ws, onCreated }: { ws: string; onCreated: () => void }) {
  const topics = useApi(() => endpoints.topics(ws), `${ws}:topics`);
  const campaigns = useApi(() => endpoints.campaigns(ws), `${ws}:campaigns`);
  return (
    <Async state={topics}>
      {(t) => <Async state={campaigns}>{(c) => <ExperimentForm ws={ws} topics={t.items} campaigns={c.items} onCreated={onCreated} />}</Async>}
    </Async>
  );
}

function ExperimentCard({ experiment: e, editable, onChanged }: { experiment: Experiment; editable: boolean; onChanged: () => void }) {
  const { t, i18n } = useTranslation();
  const ws = useSession().workspace.slug;
  const locale = i18n.language;
  const [open, setOpen] = useState(false);
  // Bumped after an observation, so an open analysis reads the new figures.
  const [observations, setObservations] = useState(0);
  const status = experimentStatus(e);
  const reasoning = verdictReasoning(e);
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
      {reasoning && (
        <p data-testid="verdict-reasoning">
          <strong>{t('experimentForm.fields.reasoning')}:</strong> {reasoning}
        </p>
      )}
      {editable && <FeedbackLink id={e.id} token={e.feedbackToken} />}
      <details onToggle={(event) => setOpen((event.target as HTMLDetailsElement).open)}>
        <summary>{t('experiments.analysis')}</summary>
        {open && <Analysis id={e.id} version={observations} />}
      </details>
      {editable && !e.verdict && (
        <details>
          <summary>{t('experimentForm.update')}</summary>
          {e.metric.kind === 'rate' && <ObservationForm ws={ws} experiment={e} onSaved={() => setObservations((n) => n + 1)} />}
          <VerdictForm ws={ws} experiment={e} onSaved={onChanged} />
        </details>
      )}
    </li>
  );
}

function Analysis({ id, version }: { id: number; version: number }) {
  const ws = useSession().workspace.slug;
  const state = useApi(() => endpoints.experimentAnalysis(ws, id), `${ws}:${id}:${version}`);
  return <Async state={state}>{(a: ExperimentAnalysis) => <ExperimentResult analysis={a} />}</Async>;
}

/**
 * The audience's public page, for editors to share: the server's link, as the CLI's (on
 * MURMUR_PUBLIC_URL; see api/shown-link.ts when the server only guesses), built here the
 * same way until it arrives.
 */
function FeedbackLink({ id, token }: { id: number; token: string }) {
  const { t } = useTranslation();
  const ws = useSession().workspace.slug;
  const server = useApi(() => endpoints.experimentFeedbackLink(ws, id), `${ws}:${id}:feedback-link`);
  const url = server.status === 'ok' ? server.data.formUrl : feedbackFormUrl(token, { url: location.origin, guessed: true });
  return (
    <p className="small">
      <strong>{t('experiments.feedbackLink')}:</strong> <input readOnly value={url} aria-label={t('experiments.feedbackLink')} data-testid="feedback-link" onFocus={(event) => event.target.select()} />{' '}
      <CopyButton text={url} label={t('experiments.copyFeedbackLink')} />
      <br />
      <span className="muted">{t('experiments.feedbackLinkIntro')}</span>
    </p>
  );
}
