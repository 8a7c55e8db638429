/**
 * Plan → the action plan: steps with one owner each and a due date; editors add, edit,
 * assign, move through the statuses and remove them, each a new plan version.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Empty } from '../components/Async.tsx';
import { FormError } from '../components/FormError.tsx';
import { formatDate } from '../i18n/format.ts';
import { TASK_STATUSES, type Task } from '../../../src/plan/plan-schema.ts';
import { AddOrForm, ChangeForm, Field, NEW, RowActions, today, useItemForm, usePlanEditing } from './plan-editing.tsx';
import { taskDraft, taskOf, type TaskDraft } from './plan-edits.ts';

export function TasksCard() {
  const { t, i18n } = useTranslation();
  const { view, editable, edit } = usePlanEditing();
  const form = useItemForm();
  const now = today();
  const tasks = [...view.document.tasks].sort((a, b) => a.due.localeCompare(b.due));
  const setStatus = async (task: Task, status: Task['status']) => {
    form.setError(null);
    try {
      await edit({ op: 'set-task-status', task: task.id, status });
    } catch (e) {
      form.setError(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <div className="card table-wrap">
      <h2>{t('plan.tasks')}</h2>
      {tasks.length === 0 ? (
        <Empty />
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('fields.title')}</th>
              <th scope="col">{t('fields.owner')}</th>
              <th scope="col">{t('fields.due')}</th>
              <th scope="col">{t('fields.status')}</th>
              {editable && <th scope="col">{t('settings.actions')}</th>}
            </tr>
          </thead>
          <tbody>
            {tasks.map((task) => {
              const late = task.status !== 'done' && task.due < now;
              return (
                <tr key={task.id}>
                  <th scope="row">
                    {task.title}
                    {task.channel && <div className="muted small">{task.channel}</div>}
                  </th>
                  <td>{task.owner}</td>
                  <td className={late ? 'tone-bad nowrap' : 'nowrap'}>
                    {formatDate(i18n.language, `${task.due}T12:00:00`)}
                    {late && <div className="small">{t('plan.late')}</div>}
                  </td>
                  <td>
                    {editable ? (
                      <select aria-label={t('planEdit.statusOf', { title: task.title })} value={task.status} onChange={(e) => void setStatus(task, e.target.value as Task['status'])}>
                        {TASK_STATUSES.map((status) => (
                          <option key={status} value={status}>
                            {t(`plan.taskStatus.${status}`)}
                          </option>
                        ))}
                      </select>
                    ) : (
                      t(`plan.taskStatus.${task.status}`)
                    )}
                    {task.doneOn && <div className="muted small">{formatDate(i18n.language, `${task.doneOn}T12:00:00`)}</div>}
                  </td>
                  {editable && (
                    <td>
                      <RowActions name={task.title} onEdit={() => form.setOpen(task.id)} remove={{ op: 'remove-task', task: task.id }} onError={form.setError} />
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <FormError error={form.error} />
      <AddOrForm open={form.open} label={t('planEdit.addTask')} onOpen={() => form.setOpen(NEW)} form={<TaskForm key={form.open ?? ''} task={view.document.tasks.find((task) => task.id === form.open)} onClose={form.close} />} />
    </div>
  );
}

function TaskForm({ task, onClose }: { task?: Task; onClose: () => void }) {
  const { t } = useTranslation();
  const { view } = usePlanEditing();
  const [draft, setDraft] = useState<TaskDraft>(taskDraft(task));
  const build = () => (task ? { op: 'update-task' as const, task: task.id, value: taskOf(draft, today(), task) } : { op: 'add-task' as const, task: taskOf(draft, today()) });
  return (
    <ChangeForm label={t('planEdit.task')} submit={task ? t('planEdit.save') : t('planEdit.addTask')} build={build} onDone={onClose} onCancel={onClose}>
      <div className="form-row">
        <Field draft={draft} set={setDraft} name="id" label={t('planEdit.shortId')} placeholder="newsletter-1" />
        <Field draft={draft} set={setDraft} name="title" label={t('fields.title')} />
      </div>
      <div className="form-row">
        <label>
          {t('fields.owner')}
          <select value={draft.owner} onChange={(e) => setDraft({ ...draft, owner: e.target.value })}>
            <option value="">—</option>
            {view.document.team.map((m) => (
              <option key={m.name} value={m.name}>
                {m.name}
              </option>
            ))}
          </select>
        </label>
        <Field draft={draft} set={setDraft} name="due" label={t('fields.due')} type="date" />
        <Field draft={draft} set={setDraft} name="channel" label={t('fields.channel')} list="plan-task-channels" />
        <datalist id="plan-task-channels">
          {view.document.channels.map((c) => (
            <option key={c.channel} value={c.channel} />
          ))}
        </datalist>
        <label>
          {t('fields.status')}
          <select value={draft.status} onChange={(e) => setDraft({ ...draft, status: e.target.value as Task['status'] })}>
            {TASK_STATUSES.map((status) => (
              <option key={status} value={status}>
                {t(`plan.taskStatus.${status}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
    </ChangeForm>
  );
}
