/**
 * Plan → starting and moving plans: a new plan from a name and a start date (the rest is
 * added card by card), a plan file imported (JSON or YAML, as exported: a plan of that
 * name gets a new version), and the plan exported.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { endpoints } from '../api/endpoints.ts';
import { canEdit, useSession } from '../app/session.tsx';
import { FormButtons, FormError, useBusyWrites, useWrites } from '../components/FormError.tsx';
import { Field, today } from './plan-editing.tsx';

export function NewPlanCard({ onCreated, onCancel }: { onCreated: (id: number) => void; onCancel?: () => void }) {
  const { t } = useTranslation();
  const ws = useSession().workspace.slug;
  const { error, busy, run } = useBusyWrites();
  const [draft, setDraft] = useState({ name: '', startsOn: `${today().slice(0, 8)}01` });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      const plan = await endpoints.createPlan(ws, { name: draft.name, startsOn: draft.startsOn });
      if (plan) onCreated(plan.id);
    });
  };
  return (
    <div className="card">
      <h2>{t('planEdit.newPlan')}</h2>
      <form className="stack-form" aria-label={t('planEdit.newPlan')} aria-busy={busy} onSubmit={submit}>
        <div className="form-row">
          <Field draft={draft} set={setDraft} name="name" label={t('fields.name')} />
          <Field draft={draft} set={setDraft} name="startsOn" label={t('planEdit.startsOn')} type="date" />
        </div>
        <FormButtons submit={t('planEdit.create')} disabled={busy} onCancel={onCancel} cancel={t('planEdit.cancel')} />
        <FormError error={error} />
      </form>
      <ImportForm onImported={onCreated} />
    </div>
  );
}

function ImportForm({ onImported }: { onImported: (id: number) => void }) {
  const { t } = useTranslation();
  const ws = useSession().workspace.slug;
  const { error, run } = useWrites();
  const [file, setFile] = useState<File | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!file) return;
    void run(async () => {
      const answer = await endpoints.importPlan(ws, await file.text(), /\.json$/i.test(file.name) ? 'json' : 'yaml');
      if (answer) onImported(answer.plan.id);
    });
  };
  return (
    <form className="stack-form" aria-label={t('planEdit.importPlan')} onSubmit={submit}>
      <label>
        {t('planEdit.importPlan')}
        <input type="file" accept=".json,.yaml,.yml,application/json,application/yaml" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
      </label>
      <button type="submit" disabled={!file}>
        {t('planEdit.import')}
      </button>
      <FormError error={error} />
    </form>
  );
}

/** Export links, and for editors the import of a new version from a file. */
export function PlanFiles({ id }: { id: number }) {
  const { t } = useTranslation();
  const { workspace } = useSession();
  return (
    <div className="card">
      <h2>{t('planEdit.files')}</h2>
      <p className="export-links">
        {(['json', 'yaml'] as const).map((format) => (
          <a key={format} className="button-secondary" href={endpoints.planExportUrl(workspace.slug, id, format)} download>
            {t('planEdit.exportAs', { format: format.toUpperCase() })}
          </a>
        ))}
      </p>
      {canEdit(workspace.role) && <ImportForm onImported={() => window.location.reload()} />}
    </div>
  );
}
