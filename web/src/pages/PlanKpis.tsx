/**
 * Plan → KPIs: each KPI's metric, scope, quarterly targets and forecast sketch, the
 * expected path Murmur draws through them (src/plan/forecast.ts, via the API), and a
 * value entered by hand for the metrics Murmur cannot measure itself.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { endpoints } from '../api/endpoints.ts';
import type { ApiTopic, KpiMetric } from '../api/types.ts';
import { useApi } from '../api/use-api.ts';
import { useWorkspace } from '../app/session.tsx';
import { Async, Empty } from '../components/Async.tsx';
import { FormError, useWrites } from '../components/FormError.tsx';
import { formatMetric } from '../i18n/format.ts';
import { KPI_METRICS } from '../../../src/plan/metrics.ts';
import type { Kpi } from '../../../src/plan/plan-schema.ts';
import { AddOrForm, ChangeForm, Field, NEW, RowActions, RowsEditor, today, useItemForm, usePlanEditing } from './plan-editing.tsx';
import { kpiDraft, kpiOf, type KpiDraft, type PointDraft } from './plan-edits.ts';

/** Metrics whose values a person enters (the rest Murmur measures). */
const ENTERED: readonly KpiMetric[] = ['entered', 'followers'];

export function KpisCard() {
  const { t, i18n } = useTranslation();
  const { view, editable, current } = usePlanEditing();
  const form = useItemForm();
  const [shown, setShown] = useState<string | null>(null);
  const kpis = view.document.kpis;
  return (
    <div className="card table-wrap">
      <h2>{t('planEdit.kpiDefinitions')}</h2>
      {kpis.length === 0 ? (
        <Empty />
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">KPI</th>
              <th scope="col">{t('planEdit.targets')}</th>
              <th scope="col">{t('planEdit.forecast')}</th>
              <th scope="col">{t('settings.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {kpis.map((k) => (
              <tr key={k.id}>
                <th scope="row">
                  {k.name}
                  <div className="muted small">
                    {k.id} · {t(`metrics.${k.metric}`)}
                    {Object.values(k.scope).filter(Boolean).length > 0 && ` · ${Object.values(k.scope).filter(Boolean).join(', ')}`}
                  </div>
                  {shown === k.id && <KpiCurve kpi={k} />}
                  {editable && ENTERED.includes(k.metric) && <KpiEntryForm kpi={k} />}
                </th>
                <td>{k.targets.map((target) => `${target.quarter}: ${formatMetric(i18n.language, k.metric, target.value)}`).join(', ')}</td>
                <td>{k.forecast.map((point) => `${point.month}: ${formatMetric(i18n.language, k.metric, point.value)}`).join(', ')}</td>
                <td>
                  {current && (
                    <button type="button" className="button-link" aria-expanded={shown === k.id} onClick={() => setShown(shown === k.id ? null : k.id)}>
                      {t('planEdit.curve')}
                    </button>
                  )}
                  {editable && <RowActions name={k.name} onEdit={() => form.setOpen(k.id)} remove={{ op: 'remove-kpi', kpi: k.id }} onError={form.setError} />}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <FormError error={form.error} />
      <AddOrForm open={form.open} label={t('planEdit.addKpi')} onOpen={() => form.setOpen(NEW)} form={<KpiForm key={form.open ?? ''} kpi={kpis.find((k) => k.id === form.open)} onClose={form.close} />} />
    </div>
  );
}

/** The expected value month by month, as the API draws it; the user's own points marked. */
function KpiCurve({ kpi }: { kpi: Kpi }) {
  const { t, i18n } = useTranslation();
  const ws = useWorkspace();
  const { view } = usePlanEditing();
  // The curve over the plan's first year, and the actual value of each month already over.
  const load = async () => {
    const curve = (await endpoints.kpiCurve(ws, view.id, kpi.id)).items;
    if (curve.length === 0) return { curve, actual: new Map<string, number | null>(), problem: null };
    // The expected path stands without the actuals: a KPI whose scope names a missing topic still shows it, and why no actual.
    const track = await endpoints.kpiTrack(ws, view.id, kpi.id, curve[0]!.month, curve[curve.length - 1]!.month).catch((e: unknown) => (e instanceof Error ? e : new Error(String(e))));
    if (track instanceof Error) return { curve, actual: new Map<string, number | null>(), problem: track.message };
    return { curve, actual: new Map(track.points.map((p) => [p.month, p.actual])), problem: null };
  };
  const answer = useApi(load, `${ws}:curve:${view.id}:${view.version}:${kpi.id}`);
  return (
    <Async state={answer}>
      {({ curve, actual, problem }) =>
        curve.length === 0 ? (
          <Empty />
        ) : (
          <>
            {problem && <p className="form-error">{problem}</p>}
            <ol className="kpi-curve" aria-label={t('planEdit.curveOf', { name: kpi.name })}>
              {curve.map((point) => (
                <li key={point.month} className={point.sketched ? 'sketched' : undefined}>
                  <span className="muted small">{point.month}</span> {formatMetric(i18n.language, kpi.metric, point.expected)}
                  {point.sketched && <span className="muted small"> ({t('planEdit.sketched')})</span>}
                  {actual.get(point.month) != null && <span className="muted small"> · {t('planEdit.actualIs', { value: formatMetric(i18n.language, kpi.metric, actual.get(point.month)) })}</span>}
                </li>
              ))}
            </ol>
          </>
        )
      }
    </Async>
  );
}

function KpiEntryForm({ kpi }: { kpi: Kpi }) {
  const { t, i18n } = useTranslation();
  const ws = useWorkspace();
  const { view } = usePlanEditing();
  const { error, run } = useWrites();
  const [draft, setDraft] = useState({ value: '', on: today() });
  const [recorded, setRecorded] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setRecorded(null);
    void run(async () => {
      const entry = await endpoints.enterKpiValue(ws, view.id, kpi.id, { value: draft.value.trim() === '' ? Number.NaN : Number(draft.value), on: draft.on });
      setRecorded(t('planEdit.recorded', { value: formatMetric(i18n.language, kpi.metric, entry?.value ?? null) }));
      setDraft({ ...draft, value: '' });
    });
  };
  return (
    <form className="stack-form" aria-label={t('planEdit.enterValueOf', { name: kpi.name })} onSubmit={submit}>
      <div className="form-row">
        <Field draft={draft} set={setDraft} name="value" label={t('planEdit.value')} inputMode="decimal" />
        <Field draft={draft} set={setDraft} name="on" label={t('planEdit.measuredOn')} type="date" />
      </div>
      <button type="submit">{t('planEdit.record')}</button>
      {recorded && (
        <p className="form-ok" role="status">
          {recorded}
        </p>
      )}
      <FormError error={error} />
    </form>
  );
}

function KpiForm({ kpi, onClose }: { kpi?: Kpi; onClose: () => void }) {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const topics = useApi(() => endpoints.topics(ws), `${ws}:topics`);
  const topicNames = topics.status === 'ok' ? topics.data.items.map((topic: ApiTopic) => topic.name) : [];
  const [draft, setDraft] = useState<KpiDraft>(kpiDraft(kpi));
  const build = () => (kpi ? { op: 'update-kpi' as const, kpi: kpi.id, value: kpiOf(draft) } : { op: 'add-kpi' as const, kpi: kpiOf(draft) });
  const points = (name: 'targets' | 'forecast', atLabel: string, atInput: { type?: string; placeholder?: string }, addLabel: string) => (
    <fieldset>
      <legend>{t(`planEdit.${name}`)}</legend>
      <RowsEditor<PointDraft>
        rows={draft[name]}
        onChange={(rows) => setDraft({ ...draft, [name]: rows })}
        blank={{ at: '', value: '' }}
        addLabel={addLabel}
        render={(row, set) => (
          <>
            <Field draft={row} set={set} name="at" label={atLabel} {...atInput} />
            <Field draft={row} set={set} name="value" label={t('planEdit.value')} inputMode="decimal" />
          </>
        )}
      />
    </fieldset>
  );
  return (
    <ChangeForm label={t('planEdit.kpi')} submit={kpi ? t('planEdit.save') : t('planEdit.addKpi')} build={build} onDone={onClose} onCancel={onClose}>
      <div className="form-row">
        <Field draft={draft} set={setDraft} name="id" label={t('planEdit.shortId')} placeholder="mentions-q1" />
        <Field draft={draft} set={setDraft} name="name" label={t('fields.name')} />
        <label>
          {t('planEdit.metric')}
          <select value={draft.metric} onChange={(e) => setDraft({ ...draft, metric: e.target.value })}>
            {KPI_METRICS.map((metric) => (
              <option key={metric} value={metric}>
                {t(`metrics.${metric}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {draft.metric === 'entered' && (
        <label>
          {t('planEdit.nature')}
          <select value={draft.nature} onChange={(e) => setDraft({ ...draft, nature: e.target.value })}>
            <option value="">—</option>
            <option value="flow">{t('planEdit.natureFlow')}</option>
            <option value="level">{t('planEdit.natureLevel')}</option>
          </select>
        </label>
      )}
      <div className="form-row">
        <Field draft={draft} set={setDraft} name="topic" label={t('planEdit.scopeTopic')} list="plan-kpi-topics" />
        <datalist id="plan-kpi-topics">
          {topicNames.map((name) => (
            <option key={name} value={name} />
          ))}
        </datalist>
        <Field draft={draft} set={setDraft} name="source" label={t('planEdit.scopeSource')} />
        <Field draft={draft} set={setDraft} name="campaign" label={t('planEdit.scopeCampaign')} />
      </div>
      <div className="form-row">
        <label>
          {t('planEdit.direction')}
          <select value={draft.direction} onChange={(e) => setDraft({ ...draft, direction: e.target.value as KpiDraft['direction'] })}>
            <option value="up">{t('planEdit.directionUp')}</option>
            <option value="down">{t('planEdit.directionDown')}</option>
          </select>
        </label>
        <Field draft={draft} set={setDraft} name="tolerance" label={t('planEdit.tolerance')} inputMode="decimal" />
      </div>
      {points('targets', t('planEdit.quarter'), { placeholder: '2026-Q1' }, t('planEdit.addTarget'))}
      {points('forecast', t('plan.month'), { type: 'month' }, t('planEdit.addPoint'))}
    </ChangeForm>
  );
}
