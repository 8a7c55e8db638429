/**
 * Experiments → New experiment: what `murmur experiment create` asks, as a form. The
 * input is checked with the API's ExperimentInputSchema before it is sent (time-boxed: the
 * end date is required; the baseline that fits the metric; guardrails on a core channel);
 * the server's own refusals (a name already taken, an unknown topic) show in the form too.
 */
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { endpoints } from '../api/endpoints.ts';
import type { ApiTopic, Campaign } from '../api/types.ts';
import { FormError } from '../components/FormError.tsx';
import { FieldIssues, useCheckedSubmit } from '../components/schema-issues.tsx';
import { ExperimentInputSchema } from '../../../src/experiment/experiment-schema.ts';
import { SOURCE_NAMES } from '../../../src/core/mention.ts';
import { emptyExperiment, emptyGuardrail, experimentInput, type ExperimentDraft, type GuardrailDraft } from './experiment-draft.ts';

/** The form's label (an i18n key under experimentForm) of each field the schema may name. */
const FIELD_LABELS: Record<string, string> = {
  name: 'name',
  hypothesis: 'hypothesis',
  tactic: 'tactic',
  ridesOn: 'ridesOn',
  campaign: 'campaign',
  start: 'start',
  end: 'end',
  budgetMoney: 'budgetMoney',
  budgetHours: 'budgetHours',
  metric: 'metric',
  'metric.measure': 'measure',
  'metric.name': 'rateName',
  'metric.scope.topic': 'topic',
  'metric.scope.source': 'source',
  'metric.scope.hashtag': 'hashtag',
  baseline: 'baseline',
  'baseline.kind': 'baseline',
  'baseline.days': 'preDays',
  'baseline.description': 'controlDescription',
  alpha: 'alpha',
  plannedLooks: 'plannedLooks',
  'planning.baselineRate': 'baselineRate',
  'planning.minimumLift': 'minimumLift',
  'planning.trialsPerDayPerArm': 'trialsPerDayPerArm',
  competitorsMayCopy: 'competitorsMayCopy',
  name_g: 'guardrailName',
  measure_g: 'measure',
  'scope.topic_g': 'topic',
  'scope.source_g': 'source',
  maxDropPct_g: 'maxDropPct',
};

export function ExperimentForm({ ws, topics, campaigns, onCreated }: { ws: string; topics: ApiTopic[]; campaigns: Campaign[]; onCreated: () => void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<ExperimentDraft>(emptyExperiment);
  const [created, setCreated] = useState<string | null>(null);
  const { issues, error, submit: send } = useCheckedSubmit();
  const set = <K extends keyof ExperimentDraft>(key: K, value: ExperimentDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const setGuardrail = (i: number, patch: Partial<GuardrailDraft>) => set('guardrails', draft.guardrails.map((g, j) => (j === i ? { ...g, ...patch } : g)));

  const labelOf = (path: string) => {
    const guardrail = /^guardrails\[(\d+)\]\.?(.*)$/.exec(path);
    if (guardrail) {
      const key = FIELD_LABELS[`${guardrail[2]}_g`];
      const n = Number(guardrail[1]) + 1;
      return key ? `${t('experimentForm.guardrailN', { n })} · ${t(`experimentForm.fields.${key}` as never)}` : t('experimentForm.guardrailN', { n });
    }
    const key = FIELD_LABELS[path];
    return key ? t(`experimentForm.fields.${key}` as never) : path;
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setCreated(null);
    const input = experimentInput(draft);
    send(ExperimentInputSchema, input, async () => {
      const experiment = await endpoints.createExperiment(ws, input);
      setCreated(experiment?.name ?? draft.name);
      setDraft(emptyExperiment());
      onCreated();
    });
  };

  const field = (key: keyof ExperimentDraft & string, input: ReactNode) => (
    <label>
      {t(`experimentForm.fields.${key}` as never)}
      {input}
    </label>
  );
  const textInput = (key: 'name' | 'tactic' | 'ridesOn' | 'rateName' | 'hashtag' | 'controlDescription' | 'competitorsMayCopy', extra: { list?: string } = {}) =>
    field(key, <input value={draft[key]} onChange={(e) => set(key, e.target.value)} {...extra} />);
  const numberInput = (key: 'budgetMoney' | 'budgetHours' | 'preDays' | 'alpha' | 'plannedLooks' | 'baselineRate' | 'minimumLift' | 'trialsPerDayPerArm') =>
    field(key, <input inputMode="decimal" value={draft[key]} onChange={(e) => set(key, e.target.value)} />);
  const topicSelect = (value: string, onChange: (v: string) => void) => (
    <select value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">{t('experimentForm.anyTopic')}</option>
      {topics.map((topic) => (
        <option key={topic.id} value={topic.name}>
          {topic.name}
        </option>
      ))}
    </select>
  );
  const sourceSelect = (value: string, onChange: (v: string) => void) => (
    <select value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">{t('experimentForm.anySource')}</option>
      {SOURCE_NAMES.map((s) => (
        <option key={s} value={s}>
          {s}
        </option>
      ))}
    </select>
  );
  const measureSelect = (value: 'mentions' | 'engagement', onChange: (v: 'mentions' | 'engagement') => void) => (
    <select value={value} onChange={(e) => onChange(e.target.value as 'mentions' | 'engagement')}>
      <option value="mentions">{t('experimentForm.measures.mentions')}</option>
      <option value="engagement">{t('experimentForm.measures.engagement')}</option>
    </select>
  );
  const channels = [...new Set(campaigns.map((c) => c.channel))];

  return (
    <form className="stack-form card" onSubmit={submit} aria-labelledby="new-experiment-title" noValidate>
      <h2 id="new-experiment-title">{t('experimentForm.title')}</h2>
      <p className="help">{t('experimentForm.intro')}</p>
      <div className="form-row">
        {textInput('name')}
        {field('campaign', (
          <select value={draft.campaign} onChange={(e) => set('campaign', e.target.value)}>
            <option value="">{t('experimentForm.noCampaign')}</option>
            {campaigns.map((c) => (
              <option key={c.id} value={String(c.id)}>
                {c.name}
              </option>
            ))}
          </select>
        ))}
      </div>
      {field('hypothesis', <textarea rows={2} value={draft.hypothesis} onChange={(e) => set('hypothesis', e.target.value)} />)}
      <div className="form-row">
        {textInput('tactic')}
        {textInput('ridesOn', { list: 'experiment-channels' })}
        <datalist id="experiment-channels">
          {channels.map((c) => (
            <option key={c} value={c} />
          ))}
        </datalist>
      </div>
      <div className="form-row">
        {field('start', <input type="date" value={draft.start} onChange={(e) => set('start', e.target.value)} />)}
        {field('end', <input type="date" value={draft.end} onChange={(e) => set('end', e.target.value)} />)}
        {numberInput('budgetMoney')}
        {numberInput('budgetHours')}
      </div>
      <fieldset>
        <legend>{t('experimentForm.fields.metric')}</legend>
        {field('metricKind', (
          <select value={draft.metricKind} onChange={(e) => set('metricKind', e.target.value as ExperimentDraft['metricKind'])}>
            <option value="count">{t('experimentForm.metricKinds.count')}</option>
            <option value="rate">{t('experimentForm.metricKinds.rate')}</option>
          </select>
        ))}
        {draft.metricKind === 'count' ? (
          <div className="form-row">
            {field('measure', measureSelect(draft.measure, (v) => set('measure', v)))}
            {field('topic', topicSelect(draft.topic, (v) => set('topic', v)))}
            {field('source', sourceSelect(draft.source, (v) => set('source', v)))}
            {textInput('hashtag')}
            {numberInput('preDays')}
          </div>
        ) : (
          <>
            <div className="form-row">
              {textInput('rateName')}
              {textInput('controlDescription')}
            </div>
            <p className="help">{t('experimentForm.planningHelp')}</p>
            <div className="form-row">
              {numberInput('baselineRate')}
              {numberInput('minimumLift')}
              {numberInput('trialsPerDayPerArm')}
            </div>
          </>
        )}
      </fieldset>
      <fieldset>
        <legend>{t('experimentForm.guardrails')}</legend>
        <p className="help">{t('experimentForm.guardrailsHelp')}</p>
        {draft.guardrails.map((g, i) => (
          <div className="form-row" key={i} role="group" aria-label={t('experimentForm.guardrailN', { n: i + 1 })}>
            <label>
              {t('experimentForm.fields.guardrailName')}
              <input value={g.name} onChange={(e) => setGuardrail(i, { name: e.target.value })} />
            </label>
            <label>
              {t('experimentForm.fields.measure')}
              {measureSelect(g.measure, (v) => setGuardrail(i, { measure: v }))}
            </label>
            <label>
              {t('experimentForm.fields.topic')}
              {topicSelect(g.topic, (v) => setGuardrail(i, { topic: v }))}
            </label>
            <label>
              {t('experimentForm.fields.source')}
              {sourceSelect(g.source, (v) => setGuardrail(i, { source: v }))}
            </label>
            <label>
              {t('experimentForm.fields.maxDropPct')}
              <input inputMode="decimal" value={g.maxDropPct} onChange={(e) => setGuardrail(i, { maxDropPct: e.target.value })} />
            </label>
            <button type="button" className="button-link" onClick={() => set('guardrails', draft.guardrails.filter((_, j) => j !== i))}>
              {t('experimentForm.removeGuardrail')}
            </button>
          </div>
        ))}
        <button type="button" onClick={() => set('guardrails', [...draft.guardrails, emptyGuardrail()])}>
          {t('experimentForm.addGuardrail')}
        </button>
      </fieldset>
      <details>
        <summary>{t('experimentForm.more')}</summary>
        <div className="form-row">
          {numberInput('alpha')}
          {numberInput('plannedLooks')}
          {textInput('competitorsMayCopy')}
        </div>
      </details>
      <FieldIssues issues={issues} labelOf={labelOf} />
      <FormError error={error} />
      {created && (
        <p className="state" role="status">
          {t('experimentForm.created', { name: created })}
        </p>
      )}
      <button type="submit">{t('experimentForm.create')}</button>
    </form>
  );
}
