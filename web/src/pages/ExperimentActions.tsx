/**
 * What an editor does with a running experiment: record a day of a rate metric for one
 * arm (`murmur experiment observe`) and close it with a verdict (`murmur experiment
 * verdict`). Both are checked with the API's schemas before they are sent.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { endpoints } from '../api/endpoints.ts';
import type { Experiment } from '../api/types.ts';
import { FormError } from '../components/FormError.tsx';
import { FieldIssues, useCheckedSubmit } from '../components/schema-issues.tsx';
import { ObservationSchema, VerdictInputSchema, type ObservationInput, type VerdictInput } from '../../../src/experiment/experiment-schema.ts';
import { numberOrUnset } from './experiment-draft.ts';

const VERDICTS = ['adopt', 'iterate', 'drop'] as const;

/** Label of a field the observation or verdict schema may name. */
function useLabelOf() {
  const { t } = useTranslation();
  return (path: string) => (['arm', 'on', 'successes', 'trials', 'verdict', 'reasoning', 'competitorsMayCopy'].includes(path) ? t(`experimentForm.fields.${path}` as never) : path);
}

export function ObservationForm({ ws, experiment, onSaved }: { ws: string; experiment: Experiment; onSaved: () => void }) {
  const { t } = useTranslation();
  const labelOf = useLabelOf();
  const [draft, setDraft] = useState({ arm: 'variant' as ObservationInput['arm'], on: '', successes: '', trials: '' });
  const [saved, setSaved] = useState(false);
  const { issues, error, submit: send } = useCheckedSubmit();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const input = { arm: draft.arm, on: draft.on, successes: numberOrUnset(draft.successes), trials: numberOrUnset(draft.trials) } as ObservationInput;
    send(ObservationSchema, input, async () => {
      await endpoints.addObservation(ws, experiment.id, input);
      setDraft({ ...draft, successes: '', trials: '' });
      setSaved(true);
      onSaved();
    });
  };
  const metricName = experiment.metric.kind === 'rate' ? experiment.metric.name : '';
  return (
    <form className="stack-form" onSubmit={submit} aria-label={t('experimentForm.observeNamed', { name: experiment.name })} noValidate>
      <h3>{t('experimentForm.observe')}</h3>
      <p className="help">{t('experimentForm.observeHelp', { metric: metricName })}</p>
      <div className="form-row">
        <label>
          {t('experimentForm.fields.arm')}
          <select value={draft.arm} onChange={(e) => setDraft({ ...draft, arm: e.target.value as ObservationInput['arm'] })}>
            <option value="baseline">{t('experiments.control')}</option>
            <option value="variant">{t('experiments.variant')}</option>
          </select>
        </label>
        <label>
          {t('experimentForm.fields.on')}
          <input type="date" value={draft.on} onChange={(e) => setDraft({ ...draft, on: e.target.value })} />
        </label>
        <label>
          {t('experimentForm.fields.successes')}
          <input inputMode="numeric" value={draft.successes} onChange={(e) => setDraft({ ...draft, successes: e.target.value })} />
        </label>
        <label>
          {t('experimentForm.fields.trials')}
          <input inputMode="numeric" value={draft.trials} onChange={(e) => setDraft({ ...draft, trials: e.target.value })} />
        </label>
      </div>
      <FieldIssues issues={issues} labelOf={labelOf} />
      <FormError error={error} />
      {saved && (
        <p className="state" role="status">
          {t('experimentForm.observed')}
        </p>
      )}
      <button type="submit">{t('experimentForm.record')}</button>
    </form>
  );
}

export function VerdictForm({ ws, experiment, onSaved }: { ws: string; experiment: Experiment; onSaved: () => void }) {
  const { t } = useTranslation();
  const labelOf = useLabelOf();
  const [draft, setDraft] = useState({ verdict: '' as VerdictInput['verdict'] | '', reasoning: '', competitorsMayCopy: experiment.competitorsMayCopy ?? '' });
  const { issues, error, submit: send } = useCheckedSubmit();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const input = { verdict: draft.verdict, reasoning: draft.reasoning, ...(draft.competitorsMayCopy.trim() ? { competitorsMayCopy: draft.competitorsMayCopy } : {}) } as VerdictInput;
    send(VerdictInputSchema, input, async () => {
      await endpoints.decideExperiment(ws, experiment.id, input);
      onSaved();
    });
  };
  return (
    <form className="stack-form" onSubmit={submit} aria-label={t('experimentForm.closeNamed', { name: experiment.name })} noValidate>
      <h3>{t('experimentForm.close')}</h3>
      <p className="help">{t('experimentForm.closeHelp')}</p>
      <label>
        {t('experimentForm.fields.verdict')}
        <select value={draft.verdict} onChange={(e) => setDraft({ ...draft, verdict: e.target.value as VerdictInput['verdict'] })}>
          <option value="">{t('experimentForm.pickVerdict')}</option>
          {VERDICTS.map((v) => (
            <option key={v} value={v}>
              {t(`experiments.verdict.${v}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('experimentForm.fields.reasoning')}
        <textarea rows={2} value={draft.reasoning} onChange={(e) => setDraft({ ...draft, reasoning: e.target.value })} />
      </label>
      <label>
        {t('experimentForm.fields.competitorsMayCopy')}
        <input value={draft.competitorsMayCopy} onChange={(e) => setDraft({ ...draft, competitorsMayCopy: e.target.value })} />
      </label>
      <FieldIssues issues={issues} labelOf={labelOf} />
      <FormError error={error} />
      <button type="submit">{t('experimentForm.decide')}</button>
    </form>
  );
}

/** The reasoning stored with the verdict (`verdictEvidence.reasoning`). */
export function verdictReasoning(e: Pick<Experiment, 'verdictEvidence'>): string | null {
  const evidence = e.verdictEvidence as { reasoning?: unknown } | null;
  return typeof evidence?.reasoning === 'string' ? evidence.reasoning : null;
}
