/**
 * Plan → strategy: the goal, the one thing, the start date, the team with its roles, the
 * personas and the channel plan; each shown, and editable by editors one change at a time.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Empty } from '../components/Async.tsx';
import { FormError } from '../components/FormError.tsx';
import { GOAL_TYPES, type ChannelPlan, type Goal, type Member, type Persona } from '../../../src/plan/plan-schema.ts';
import { AddOrForm, ChangeForm, Field, NEW, RowActions, RowsEditor, TextArea, useItemForm, usePlanEditing } from './plan-editing.tsx';
import { channelDraft, memberDraft, memberOf, personaDraft, personaOf, type RoleDraft } from './plan-edits.ts';

const PERSONA_TEXTS = ['demographics', 'psychographics', 'behaviour', 'values', 'challenges'] as const;

export function GoalCard() {
  const { t } = useTranslation();
  const { view, editable, current } = usePlanEditing();
  const plan = view.document;
  const [editing, setEditing] = useState(false);
  return (
    <div className="card">
      <div className="card-head">
        <h2>{t('plan.goal')}</h2>
        <span className="muted small" data-testid={current ? 'plan-current-version' : undefined} data-version={view.version}>
          {t('plan.version', { version: view.version })} · {t('planEdit.startsOn')} {plan.startsOn}
        </span>
      </div>
      {plan.goal ? (
        <>
          <p>
            <span className="badge">{t(`plan.goalType.${plan.goal.type}`)}</span> <strong>{plan.goal.statement}</strong>
          </p>
          <p className="muted">{plan.goal.justification}</p>
        </>
      ) : (
        <Empty>{t('planEdit.noGoal')}</Empty>
      )}
      {plan.differentiator && (
        <p>
          <strong>{t('plan.differentiator')}:</strong> {plan.differentiator}
        </p>
      )}
      {editable &&
        (editing ? (
          <>
            <GoalForm goal={plan.goal} />
            <DifferentiatorForm />
            <StartForm />
            <button type="button" className="button-link" onClick={() => setEditing(false)}>
              {t('planEdit.close')}
            </button>
          </>
        ) : (
          <button type="button" className="button-secondary" onClick={() => setEditing(true)}>
            {t('planEdit.editGoal')}
          </button>
        ))}
    </div>
  );
}

function GoalForm({ goal }: { goal: Goal | null }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState({ type: goal?.type ?? 'awareness', statement: goal?.statement ?? '', justification: goal?.justification ?? '' });
  return (
    <ChangeForm label={t('plan.goal')} submit={t('planEdit.saveGoal')} build={() => ({ op: 'set-goal', goal: draft })}>
      <label>
        {t('planEdit.goalType')}
        <select value={draft.type} onChange={(e) => setDraft({ ...draft, type: e.target.value as Goal['type'] })}>
          {GOAL_TYPES.map((type) => (
            <option key={type} value={type}>
              {t(`plan.goalType.${type}`)}
            </option>
          ))}
        </select>
      </label>
      <Field draft={draft} set={setDraft} name="statement" label={t('planEdit.statement')} />
      <TextArea draft={draft} set={setDraft} name="justification" label={t('planEdit.justification')} />
    </ChangeForm>
  );
}

function DifferentiatorForm() {
  const { t } = useTranslation();
  const { view } = usePlanEditing();
  const [draft, setDraft] = useState({ differentiator: view.document.differentiator });
  return (
    <ChangeForm label={t('plan.differentiator')} submit={t('planEdit.saveDifferentiator')} build={() => ({ op: 'set-differentiator', differentiator: draft.differentiator })}>
      <TextArea draft={draft} set={setDraft} name="differentiator" label={t('plan.differentiator')} />
    </ChangeForm>
  );
}

function StartForm() {
  const { t } = useTranslation();
  const { view } = usePlanEditing();
  const [draft, setDraft] = useState({ startsOn: view.document.startsOn });
  return (
    <ChangeForm label={t('planEdit.startsOn')} submit={t('planEdit.saveStart')} build={() => ({ op: 'set-start', startsOn: draft.startsOn })}>
      <Field draft={draft} set={setDraft} name="startsOn" label={t('planEdit.startsOn')} type="date" />
    </ChangeForm>
  );
}

export function TeamCard() {
  const { t } = useTranslation();
  const { view, editable } = usePlanEditing();
  const form = useItemForm();
  const team = view.document.team;
  return (
    <div className="card table-wrap">
      <h2>{t('plan.team')}</h2>
      {team.length === 0 ? (
        <Empty />
      ) : (
        <table>
          <tbody>
            {team.map((m) => (
              <tr key={m.name}>
                <th scope="row">
                  {m.name}
                  <div className="muted small">{m.department}</div>
                </th>
                <td>{m.roles.map((r) => `${r.role}${r.channel ? ` · ${r.channel}` : ''}${r.task ? ` · ${r.task}` : ''}`).join('; ')}</td>
                {editable && (
                  <td>
                    <RowActions name={m.name} onEdit={() => form.setOpen(m.name)} remove={{ op: 'remove-member', member: m.name }} onError={form.setError} />
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <FormError error={form.error} />
      <AddOrForm open={form.open} label={t('planEdit.addMember')} onOpen={() => form.setOpen(NEW)} form={<MemberForm key={form.open ?? ''} member={team.find((m) => m.name === form.open)} onClose={form.close} />} />
    </div>
  );
}

function MemberForm({ member, onClose }: { member?: Member; onClose: () => void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(memberDraft(member));
  const build = () => (member ? { op: 'update-member' as const, member: member.name, value: memberOf(draft) } : { op: 'add-member' as const, member: memberOf(draft) });
  return (
    <ChangeForm label={t('planEdit.member')} submit={member ? t('planEdit.save') : t('planEdit.addMember')} build={build} onDone={onClose} onCancel={onClose}>
      <div className="form-row">
        <Field draft={draft} set={setDraft} name="name" label={t('fields.name')} />
        <Field draft={draft} set={setDraft} name="department" label={t('planEdit.department')} />
      </div>
      <fieldset>
        <legend>{t('planEdit.roles')}</legend>
        <RowsEditor<RoleDraft>
          rows={draft.roles}
          onChange={(roles) => setDraft({ ...draft, roles })}
          blank={{ on: 'channel', target: '', role: '' }}
          addLabel={t('planEdit.addRole')}
          render={(role, set) => (
            <>
              <label>
                {t('planEdit.roleOn')}
                <select value={role.on} onChange={(e) => set({ ...role, on: e.target.value as RoleDraft['on'] })}>
                  <option value="channel">{t('planEdit.roleOnChannel')}</option>
                  <option value="task">{t('planEdit.roleOnTask')}</option>
                </select>
              </label>
              <Field draft={role} set={set} name="target" label={t('planEdit.roleTarget')} />
              <Field draft={role} set={set} name="role" label={t('planEdit.roleName')} />
            </>
          )}
        />
      </fieldset>
    </ChangeForm>
  );
}

export function PersonasCard() {
  const { t } = useTranslation();
  const { view, editable } = usePlanEditing();
  const form = useItemForm();
  const personas = view.document.personas;
  return (
    <div className="card">
      <h2>{t('plan.personas')}</h2>
      {personas.length === 0 ? (
        <Empty />
      ) : (
        personas.map((p) => (
          <details key={p.name}>
            <summary>
              {p.name} {p.channels.length > 0 && <span className="muted">· {p.channels.join(', ')}</span>}
            </summary>
            <dl className="persona">
              {PERSONA_TEXTS.map((k) =>
                p[k] ? (
                  <div key={k}>
                    <dt>{t(`plan.persona.${k}`)}</dt>
                    <dd>{p[k]}</dd>
                  </div>
                ) : null,
              )}
            </dl>
            {editable && <RowActions name={p.name} onEdit={() => form.setOpen(p.name)} remove={{ op: 'remove-persona', persona: p.name }} onError={form.setError} />}
          </details>
        ))
      )}
      <FormError error={form.error} />
      <AddOrForm open={form.open} label={t('planEdit.addPersona')} onOpen={() => form.setOpen(NEW)} form={<PersonaForm key={form.open ?? ''} persona={personas.find((p) => p.name === form.open)} onClose={form.close} />} />
    </div>
  );
}

function PersonaForm({ persona, onClose }: { persona?: Persona; onClose: () => void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(personaDraft(persona));
  const build = () => (persona ? { op: 'update-persona' as const, persona: persona.name, value: personaOf(draft) } : { op: 'add-persona' as const, persona: personaOf(draft) });
  return (
    <ChangeForm label={t('planEdit.persona')} submit={persona ? t('planEdit.save') : t('planEdit.addPersona')} build={build} onDone={onClose} onCancel={onClose}>
      <Field draft={draft} set={setDraft} name="name" label={t('fields.name')} />
      {PERSONA_TEXTS.map((k) => (
        <TextArea key={k} draft={draft} set={setDraft} name={k} label={t(`plan.persona.${k}`)} />
      ))}
      <Field draft={draft} set={setDraft} name="channels" label={t('planEdit.personaChannels')} />
    </ChangeForm>
  );
}

export function ChannelsCard() {
  const { t } = useTranslation();
  const { view, editable } = usePlanEditing();
  const form = useItemForm();
  const channels = view.document.channels;
  return (
    <div className="card table-wrap">
      <h2>{t('plan.channels')}</h2>
      {channels.length === 0 ? (
        <Empty />
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('fields.channel')}</th>
              <th scope="col">{t('plan.reason')}</th>
              <th scope="col">{t('plan.personas')}</th>
              <th scope="col">{t('plan.successMetric')}</th>
              {editable && <th scope="col">{t('settings.actions')}</th>}
            </tr>
          </thead>
          <tbody>
            {channels.map((c) => (
              <tr key={c.channel}>
                <th scope="row">{c.channel}</th>
                <td>
                  {c.reason}
                  {c.contentPlan && <div className="muted small">{c.contentPlan}</div>}
                  {c.resources && <div className="muted small">{c.resources}</div>}
                </td>
                <td>{c.personas.join(', ')}</td>
                <td>{c.successMetric}</td>
                {editable && (
                  <td>
                    <RowActions name={c.channel} onEdit={() => form.setOpen(c.channel)} remove={{ op: 'remove-channel', channel: c.channel }} onError={form.setError} />
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <FormError error={form.error} />
      <AddOrForm open={form.open} label={t('planEdit.addChannel')} onOpen={() => form.setOpen(NEW)} form={<ChannelForm key={form.open ?? ''} channel={channels.find((c) => c.channel === form.open)} onClose={form.close} />} />
    </div>
  );
}

function ChannelForm({ channel, onClose }: { channel?: ChannelPlan; onClose: () => void }) {
  const { t } = useTranslation();
  const { view } = usePlanEditing();
  const [draft, setDraft] = useState(channelDraft(channel));
  const build = () => (channel ? { op: 'update-channel' as const, channel: channel.channel, value: draft } : { op: 'add-channel' as const, channel: draft });
  const toggle = (name: string, on: boolean) => setDraft({ ...draft, personas: on ? [...draft.personas, name] : draft.personas.filter((p) => p !== name) });
  return (
    <ChangeForm label={t('planEdit.channel')} submit={channel ? t('planEdit.save') : t('planEdit.addChannel')} build={build} onDone={onClose} onCancel={onClose}>
      <div className="form-row">
        <Field draft={draft} set={setDraft} name="channel" label={t('fields.channel')} />
        <Field draft={draft} set={setDraft} name="successMetric" label={t('plan.successMetric')} />
      </div>
      <TextArea draft={draft} set={setDraft} name="reason" label={t('plan.reason')} />
      {view.document.personas.length > 0 && (
        <fieldset>
          <legend>{t('planEdit.servesPersonas')}</legend>
          {view.document.personas.map((p) => (
            <label key={p.name} className="inline-field">
              <input type="checkbox" checked={draft.personas.includes(p.name)} onChange={(e) => toggle(p.name, e.target.checked)} />
              {p.name}
            </label>
          ))}
        </fieldset>
      )}
      <TextArea draft={draft} set={setDraft} name="contentPlan" label={t('planEdit.contentPlan')} />
      <TextArea draft={draft} set={setDraft} name="resources" label={t('planEdit.resources')} />
    </ChangeForm>
  );
}
