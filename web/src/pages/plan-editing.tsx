/**
 * How the plan's cards write: every edit is one plan change, checked with the library's
 * rules first (plan-edits.ts), then sent; the API answers with the new version, which the
 * page shows without reloading (forms keep their place).
 */
import { createContext, useContext, useState, type FormEvent, type InputHTMLAttributes, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { endpoints } from '../api/endpoints.ts';
import type { PlanChange, PlanView } from '../api/types.ts';
import { canEdit, useSession } from '../app/session.tsx';
import { FormButtons, FormError, useBusyWrites } from '../components/FormError.tsx';
import { problemsOf } from './plan-edits.ts';

export interface PlanEditing {
  view: PlanView;
  /** False for an earlier version shown from the history: read-only, and nothing computed from the current plan. */
  current: boolean;
  editable: boolean;
  /** Checks and saves one change; throws with the problems, named by field, when refused. */
  edit: (change: PlanChange) => Promise<void>;
  /** Reads the plan again, after a write that changes it indirectly (a review's revisions). */
  refresh: () => Promise<void>;
}

const PlanEditContext = createContext<PlanEditing | null>(null);

export const today = () => new Date().toISOString().slice(0, 10);

export function PlanEditProvider({ view, onSaved, readOnly = false, children }: { view: PlanView; onSaved: (view: PlanView) => void; readOnly?: boolean; children: ReactNode }) {
  const { workspace } = useSession();
  const edit = async (change: PlanChange) => {
    const problems = problemsOf(view.document, change, today());
    if (problems.length > 0) throw new Error(problems.join('; '));
    const saved = await endpoints.changePlan(workspace.slug, view.id, change);
    if (saved) onSaved(saved);
  };
  const refresh = async () => onSaved(await endpoints.plan(workspace.slug, view.id));
  return <PlanEditContext.Provider value={{ view, current: !readOnly, editable: !readOnly && canEdit(workspace.role), edit, refresh }}>{children}</PlanEditContext.Provider>;
}

export function usePlanEditing(): PlanEditing {
  const editing = useContext(PlanEditContext);
  if (!editing) throw new Error('usePlanEditing outside PlanEditProvider');
  return editing;
}

/** A form whose submit is one plan change; busy while it is saved, the refusal shown in it. */
export function ChangeForm(props: { label: string; submit: string; build: () => PlanChange; onDone?: () => void; onCancel?: () => void; children: ReactNode }) {
  const { t } = useTranslation();
  const { edit } = usePlanEditing();
  const { error, busy, run } = useBusyWrites();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      await edit(props.build());
      props.onDone?.();
    });
  };
  return (
    <form className="stack-form" aria-label={props.label} aria-busy={busy} onSubmit={submit}>
      {props.children}
      <FormButtons submit={props.submit} disabled={busy} onCancel={props.onCancel} cancel={t('planEdit.cancel')} />
      <FormError error={error} />
    </form>
  );
}

/** Edit and Remove buttons of one item; a refused removal shows in the card. */
export function RowActions({ name, onEdit, remove, onError }: { name: string; onEdit: () => void; remove: PlanChange; onError: (message: string | null) => void }) {
  const { t } = useTranslation();
  const { edit } = usePlanEditing();
  const drop = async () => {
    onError(null);
    try {
      await edit(remove);
    } catch (e) {
      onError(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <span className="nowrap">
      <button type="button" className="button-link" onClick={onEdit} aria-label={t('planEdit.editItem', { name })}>
        {t('planEdit.edit')}
      </button>
      <button type="button" className="button-link" onClick={() => void drop()} aria-label={t('planEdit.removeItem', { name })}>
        {t('planEdit.remove')}
      </button>
    </span>
  );
}

/** Which item of a list is open in its form: a key, NEW for a new one, or none. */
export const NEW = '\u0000new';
export function useItemForm() {
  const [open, setOpen] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  return { open, setOpen, close: () => setOpen(null), error, setError };
}

/** The button that opens a list's form for a new item, or that form. */
export function AddOrForm({ open, label, onOpen, form }: { open: string | null; label: string; onOpen: () => void; form: ReactNode }) {
  const { editable } = usePlanEditing();
  if (!editable) return null;
  return open === null ? (
    <button type="button" className="button-secondary" onClick={onOpen}>
      {label}
    </button>
  ) : (
    <>{form}</>
  );
}

/** Rows of (key, value) pairs: quarterly targets, forecast points, roles. */
export function RowsEditor<T>(props: { rows: T[]; onChange: (rows: T[]) => void; blank: T; addLabel: string; render: (row: T, set: (row: T) => void) => ReactNode }) {
  const { t } = useTranslation();
  const { rows, onChange } = props;
  return (
    <>
      {rows.map((row, i) => (
        <div className="form-row" key={i}>
          {props.render(row, (next) => onChange(rows.map((r, j) => (j === i ? next : r))))}
          <button type="button" className="button-link" onClick={() => onChange(rows.filter((_, j) => j !== i))}>
            {t('planEdit.removeRow')}
          </button>
        </div>
      ))}
      <div>
        <button type="button" className="button-secondary" onClick={() => onChange([...rows, props.blank])}>
          {props.addLabel}
        </button>
      </div>
    </>
  );
}

/** A labelled text input bound to one field of a draft. */
export function Field<D extends object>({ draft, set, name, label, ...input }: { draft: D; set: (d: D) => void; name: keyof D & string; label: string } & Omit<InputHTMLAttributes<HTMLInputElement>, 'name' | 'value' | 'onChange'>) {
  return (
    <label>
      {label}
      <input {...input} value={String(draft[name] ?? '')} onChange={(e) => set({ ...draft, [name]: e.target.value })} />
    </label>
  );
}

export function TextArea<D extends object>({ draft, set, name, label }: { draft: D; set: (d: D) => void; name: keyof D & string; label: string }) {
  return (
    <label>
      {label}
      <textarea rows={2} value={String(draft[name] ?? '')} onChange={(e) => set({ ...draft, [name]: e.target.value })} />
    </label>
  );
}
