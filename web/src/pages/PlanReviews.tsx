/**
 * Plan → monthly reviews: record a month's review with its decisions and the target
 * revisions it decided (each revision a plan version noted "review YYYY-MM"), read the
 * reviews recorded so far, and see which month's review is due.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { endpoints } from '../api/endpoints.ts';
import { useApi } from '../api/use-api.ts';
import { useWorkspace } from '../app/session.tsx';
import { Async, Empty } from '../components/Async.tsx';
import { FormError, useWrites } from '../components/FormError.tsx';
import { formatDateTime } from '../i18n/format.ts';
import { reviseTargetChange } from '../../../src/plan/plan-changes.ts';
import { Field, RowsEditor, today, usePlanEditing } from './plan-editing.tsx';
import { problemsOf } from './plan-edits.ts';

interface RevisionDraft {
  kpi: string;
  quarter: string;
  value: string;
}

const lastMonth = () => {
  const [year, month] = today().split('-').map(Number) as [number, number];
  return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
};

export function ReviewsCard() {
  const { t, i18n } = useTranslation();
  const ws = useWorkspace();
  const { view, editable } = usePlanEditing();
  const [generation, setGeneration] = useState(0);
  const reviews = useApi(() => endpoints.planReviews(ws, view.id), `${ws}:plan-reviews:${view.id}:${generation}`);
  const due = useApi(() => endpoints.reviewsDue(ws), `${ws}:reviews-due:${generation}`);
  const dueHere = due.status === 'ok' ? due.data.items.find((d) => d.planId === view.id) : undefined;
  return (
    <section className="card" aria-labelledby="plan-reviews-title">
      <h2 id="plan-reviews-title">{t('planEdit.reviews')}</h2>
      {dueHere && (
        <p className="tone-bad" role="note">
          {t('planEdit.reviewDue', { month: dueHere.month })}
        </p>
      )}
      <Async state={reviews}>
        {(data) =>
          data.items.length === 0 ? (
            <Empty>{t('planEdit.noReviews')}</Empty>
          ) : (
            <ul className="plan-reviews">
              {data.items.map((r) => (
                <li key={r.id} data-testid="plan-review">
                  <strong>{r.month}</strong> · {formatDateTime(i18n.language, r.createdAt)} · {t('planEdit.by', { author: r.author })}
                  <ul>
                    {r.decisions.map((d, i) => (
                      <li key={i}>{d}</li>
                    ))}
                  </ul>
                </li>
              ))}
            </ul>
          )
        }
      </Async>
      {editable && <RecordReviewForm onRecorded={() => setGeneration((g) => g + 1)} />}
    </section>
  );
}

function RecordReviewForm({ onRecorded }: { onRecorded: () => void }) {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const { view, refresh } = usePlanEditing();
  const { error, run } = useWrites();
  const [draft, setDraft] = useState({ month: lastMonth(), decisions: '' });
  const [revisions, setRevisions] = useState<RevisionDraft[]>([]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      const changes = revisions.map((r) => reviseTargetChange(view.document, r.kpi, r.quarter.trim(), r.value.trim() === '' ? Number.NaN : Number(r.value)));
      const problems = changes.flatMap((change) => problemsOf(view.document, change, today()));
      if (problems.length > 0) throw new Error(problems.join('; '));
      const decisions = draft.decisions.split('\n').map((d) => d.trim()).filter(Boolean);
      await endpoints.recordReview(ws, view.id, { month: draft.month, decisions, changes });
      setDraft({ ...draft, decisions: '' });
      setRevisions([]);
      onRecorded();
      if (changes.length > 0) await refresh();
    });
  };
  return (
    <form className="stack-form" aria-label={t('planEdit.recordReview')} onSubmit={submit}>
      <h3>{t('planEdit.recordReview')}</h3>
      <Field draft={draft} set={setDraft} name="month" label={t('plan.month')} type="month" />
      <label>
        {t('planEdit.decisions')}
        <textarea rows={3} value={draft.decisions} onChange={(e) => setDraft({ ...draft, decisions: e.target.value })} />
      </label>
      {view.document.kpis.length > 0 && (
        <fieldset>
          <legend>{t('planEdit.revisions')}</legend>
          <RowsEditor<RevisionDraft>
            rows={revisions}
            onChange={setRevisions}
            blank={{ kpi: view.document.kpis[0]!.id, quarter: '', value: '' }}
            addLabel={t('planEdit.addRevision')}
            render={(row, set) => (
              <>
                <label>
                  KPI
                  <select value={row.kpi} onChange={(e) => set({ ...row, kpi: e.target.value })}>
                    {view.document.kpis.map((k) => (
                      <option key={k.id} value={k.id}>
                        {k.name}
                      </option>
                    ))}
                  </select>
                </label>
                <Field draft={row} set={set} name="quarter" label={t('planEdit.quarter')} placeholder="2026-Q1" />
                <Field draft={row} set={set} name="value" label={t('planEdit.value')} inputMode="decimal" />
              </>
            )}
          />
        </fieldset>
      )}
      <div>
        <button type="submit">{t('planEdit.recordReview')}</button>
      </div>
      <FormError error={error} />
    </form>
  );
}
