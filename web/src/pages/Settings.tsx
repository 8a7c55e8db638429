import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { endpoints } from '../api/endpoints.ts';
import type { AlertKind, AlertRule, ApiTopic } from '../api/types.ts';
import { useApi } from '../api/use-api.ts';
import { clearWorkspaceFacts } from '../app/scope.tsx';
import { canEdit, useSession } from '../app/session.tsx';
import { Async, Empty } from '../components/Async.tsx';
import { errorText, FormButtons, FormError, useWrites } from '../components/FormError.tsx';
import { WideTable } from '../components/WideTable.tsx';
import { useQueryCheck } from '../components/QueryError.tsx';
import { formatDateTime, formatNumber } from '../i18n/format.ts';
import { AlertRuleSettings } from './AlertRuleSettings.tsx';
import { Connectors } from './Connectors.tsx';
import { CrmWebhookSecret } from './CrmWebhookSecret.tsx';
import { TopicEditForm, TopicFields } from './TopicEditForm.tsx';
import { ALERT_KINDS } from '../../../src/watch/alerts/kinds.ts';
import { ALERT_GRANULARITIES, ALERT_SEVERITIES, paramsSchema, ruleInputSchema, type AlertParams } from '../../../src/watch/alerts/rule-schema.ts';
import { REPORT_LANGS, isReportLang } from '../../../src/core/i18n.ts';
import { LOCALE_NAMES } from '../i18n/index.ts';
import { FieldIssues, useCheckedSubmit } from '../components/schema-issues.tsx';
import { numberOrUnset } from './experiment-draft.ts';

export function SettingsPage() {
  const { t } = useTranslation();
  // Tokens are an owner's business: the API refuses others, so the card is not shown to them.
  const { workspace } = useSession();
  const owner = workspace.role === 'owner';
  // One list of topics for the topics card and the alert rules' topic choice, so an edit shows in both.
  const topics = useApi(() => endpoints.topics(workspace.slug), `${workspace.slug}:topics`);
  return (
    <section aria-labelledby="settings-title">
      <h1 id="settings-title">{t('settings.title')}</h1>
      <Topics topics={topics} />
      <Connectors />
      <AlertRules topics={topics} />
      <Members />
      {owner && <Tokens />}
      {owner && <CrmWebhookSecret />}
    </section>
  );
}

type TopicList = ReturnType<typeof useApi<{ items: ApiTopic[] }>>;

function Topics({ topics }: { topics: TopicList }) {
  const { t, i18n } = useTranslation();
  const { workspace } = useSession();
  const ws = workspace.slug;
  const [draft, setDraft] = useState({ name: '', query: '', role: 'brand' });
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const problem = useQueryCheck(ws, draft.query);
  const editable = canEdit(workspace.role);
  const [editing, setEditing] = useState<number | null>(null);

  const changed = () => {
    clearWorkspaceFacts();
    topics.reload();
  };
  const create = async (event: FormEvent) => {
    event.preventDefault();
    setMessage(null);
    try {
      const answer = await endpoints.createTopic(ws, { name: draft.name.trim(), query: draft.query, role: draft.role });
      setMessage({ kind: 'ok', text: t('settings.topicCreated', { name: answer?.topic.name ?? draft.name, matched: formatNumber(i18n.language, answer?.backfill?.matched ?? 0) }) });
      setDraft({ name: '', query: '', role: draft.role });
      changed();
    } catch (e) {
      setMessage({ kind: 'error', text: errorText(e) });
    }
  };
  const remove = async (id: number, name: string) => {
    if (!window.confirm(t('settings.confirmDeleteTopic', { name }))) return;
    try {
      await endpoints.deleteTopic(ws, id);
      changed();
    } catch (e) {
      setMessage({ kind: 'error', text: errorText(e) });
    }
  };

  return (
    <section className="card" aria-labelledby="topics-title">
      <h2 id="topics-title">{t('settings.topics')}</h2>
      <Async state={topics}>
        {(data) =>
          data.items.length === 0 ? (
            <Empty>{t('scope.noTopics')}</Empty>
          ) : (
            <WideTable
              headers={[{ label: t('fields.name') }, { label: t('fields.role') }, { label: t('settings.query') }, { label: t('nav.mentions'), numeric: true }]}
              actionsLabel={editable ? t('settings.actions') : undefined}
            >
              {data.items.map((topic) => (
                <tr key={topic.id}>
                  <th scope="row">{topic.name}</th>
                  <td>{t(`roles.${topic.role}`)}</td>
                  <td>
                    <code className="query-text">{topic.query}</code>
                  </td>
                  <td className="num">{formatNumber(i18n.language, topic.mentionCount)}</td>
                  {editable && (
                    <td className="nowrap">
                      <button type="button" className="button-link" aria-label={t('settings.editTopic', { name: topic.name })} onClick={() => setEditing(topic.id)}>
                        {t('planEdit.edit')}
                      </button>
                      <button type="button" className="button-link" onClick={() => void remove(topic.id, topic.name)}>
                        {t('settings.delete')}
                      </button>
                    </td>
                  )}
                </tr>
              ))}
            </WideTable>
          )
        }
      </Async>
      {editable && editing !== null && topics.status === 'ok' && topics.data.items.some((x) => x.id === editing) && (
        <TopicEditForm
          key={editing}
          ws={ws}
          topic={topics.data.items.find((x) => x.id === editing)!}
          onCancel={() => setEditing(null)}
          onDone={(text) => {
            setEditing(null);
            setMessage({ kind: 'ok', text });
            changed();
          }}
        />
      )}
      {editable && (
        <form className="stack-form" onSubmit={create}>
          <h3>{t('settings.addTopic')}</h3>
          <TopicFields draft={draft} setDraft={setDraft} problem={problem} errorId="topic-query-error" />
          <button type="submit" disabled={problem !== null}>
            {t('settings.addTopic')}
          </button>
          {message && (
            <p className={message.kind === 'ok' ? 'form-ok' : 'form-error'} role={message.kind === 'ok' ? 'status' : 'alert'}>
              {message.text}
            </p>
          )}
        </form>
      )}
    </section>
  );
}


/** A rule's channels as the form's one "send to" field shows them. */
const channelsText = (channels: AlertRule['channels']) => channels.map((c) => (c.type === 'webhook' ? c.url : c.type === 'email' ? c.to.join(', ') : '')).filter(Boolean).join(', ');

/** Alert rules: what to watch on which topic, and the webhook or email addresses it goes to. */
function AlertRules({ topics }: { topics: TopicList }) {
  const { t, i18n } = useTranslation();
  const { workspace } = useSession();
  const ws = workspace.slug;
  const rules = useApi(() => endpoints.alertRules(ws), `${ws}:alert-rules`);
  // The finer settings start at the schema's own defaults (the dashboard's language for the alert's words).
  const shape = paramsSchema.shape;
  const empty = {
    name: '',
    kind: 'negative-spike' as AlertKind,
    topicId: '',
    to: '',
    granularity: shape.granularity.parse(undefined),
    minSeverity: shape.minSeverity.parse(undefined),
    minReach: String(shape.minReach.parse(undefined)),
    lang: isReportLang(i18n.language) ? i18n.language : shape.lang.parse(undefined),
  };
  const [draft, setDraft] = useState(empty);
  // The rule being edited: the form fills with it and saves it in place.
  const [editing, setEditing] = useState<AlertRule | null>(null);
  const { error, run } = useWrites();
  const { issues, error: saveError, submit } = useCheckedSubmit();
  const editable = canEdit(workspace.role);
  const labelOf = (path: string) => {
    const field = { name: 'fields.name', kind: 'fields.kind', topicId: 'scope.topic', channels: 'settings.alertTo', 'params.granularity': 'settings.alertGranularity', 'params.minSeverity': 'settings.alertMinSeverity', 'params.minReach': 'settings.alertMinReach', 'params.lang': 'settings.alertLang' }[path.replace(/\[\d+\].*$/, '')];
    return field ? t(field as never) : path;
  };
  const topicName = (id: number) => (topics.status === 'ok' ? topics.data.items.find((x) => x.id === id)?.name : undefined) ?? `#${id}`;
  const edit = (rule: AlertRule) => {
    setEditing(rule);
    const { granularity, minSeverity, minReach, lang } = rule.params;
    setDraft({ name: rule.name, kind: rule.kind, topicId: String(rule.topicId), to: channelsText(rule.channels), granularity, minSeverity, minReach: String(minReach), lang });
  };
  const stopEditing = () => {
    setEditing(null);
    setDraft({ ...empty, kind: draft.kind, topicId: draft.topicId });
  };
  // The finer settings as the API takes them; a cleared reach falls back to the schema's default.
  const fineParams = (): Partial<AlertParams> => {
    const minReach = numberOrUnset(draft.minReach);
    return { granularity: draft.granularity, minSeverity: draft.minSeverity, lang: draft.lang, ...(minReach === undefined ? {} : { minReach }) };
  };

  const add = (event: FormEvent) => {
    event.preventDefault();
    const to = draft.to.trim();
    // One field for every channel: a URL is a Slack-compatible webhook, anything else e-mail addresses, nothing the dashboard.
    const channel = to === '' ? { type: 'dashboard' as const } : /^https?:\/\//.test(to) ? { type: 'webhook' as const, url: to } : { type: 'email' as const, to: to.split(/[\s,;]+/).filter(Boolean) };
    const rule = { name: draft.name.trim(), kind: draft.kind, topicId: Number(draft.topicId) };
    if (editing) {
      // Channels typed over are replaced; left as shown (even several from the CLI) they are kept.
      const channels = draft.to === channelsText(editing.channels) ? editing.channels : [channel];
      const input = { ...rule, params: { ...editing.params, ...fineParams() }, channels, enabled: editing.enabled };
      submit(ruleInputSchema, input, async () => {
        await endpoints.updateAlertRule(ws, editing.id, input);
        stopEditing();
        rules.reload();
      });
    } else {
      // No timeZone: the rule counts in the workspace's zone, as every other view does.
      const input = { ...rule, params: fineParams(), channels: [channel] };
      submit(ruleInputSchema, input, async () => {
        await endpoints.addAlertRule(ws, input);
        setDraft({ ...draft, name: '', to: '' });
        rules.reload();
      });
    }
  };
  const remove = (id: number) =>
    run(async () => {
      await endpoints.deleteAlertRule(ws, id);
      rules.reload();
    });
  const toggle = (id: number, enabled: boolean) =>
    run(async () => {
      await endpoints.setAlertRuleEnabled(ws, id, enabled);
      rules.reload();
    });

  return (
    <section className="card" aria-labelledby="alerts-title">
      <h2 id="alerts-title">{t('settings.alerts')}</h2>
      <Async state={rules}>
        {(data) =>
          data.items.length === 0 ? (
            <Empty />
          ) : (
            <ul className="plain-list">
              {data.items.map((rule) => (
                <li key={rule.id}>
                  <strong>{rule.name}</strong> · {t(`alertKinds.${rule.kind}`)} · {topicName(rule.topicId)}
                  {!rule.enabled && <span className="muted small"> · {t('settings.disabled')}</span>}
                  <AlertRuleSettings rule={rule} />
                  {editable && (
                    <>
                      <button
                        type="button"
                        className="button-link"
                        aria-label={t(rule.enabled ? 'settings.switchOffNamed' : 'settings.switchOnNamed', { name: rule.name })}
                        onClick={() => void toggle(rule.id, !rule.enabled)}
                      >
                        {t(rule.enabled ? 'settings.switchOff' : 'settings.switchOn')}
                      </button>
                      <button type="button" className="button-link" aria-label={t('settings.editAlertNamed', { name: rule.name })} onClick={() => edit(rule)}>
                        {t('planEdit.edit')}
                      </button>
                      <button type="button" className="button-link" onClick={() => void remove(rule.id)}>
                        {t('settings.delete')}
                      </button>
                    </>
                  )}
                </li>
              ))}
            </ul>
          )
        }
      </Async>
      {editable && topics.status === 'ok' && topics.data.items.length > 0 && (
        <form className="stack-form" aria-label={editing ? t('settings.editAlertNamed', { name: editing.name }) : t('settings.addAlert')} onSubmit={add}>
          <h3>{editing ? t('settings.editAlertNamed', { name: editing.name }) : t('settings.addAlert')}</h3>
          <label>
            {t('fields.name')}
            <input value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} required maxLength={120} />
          </label>
          <div className="form-row">
            <label>
              {t('fields.kind')}
              <select value={draft.kind} onChange={(e) => setDraft({ ...draft, kind: e.target.value as AlertKind })}>
                {ALERT_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {t(`alertKinds.${k}`)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('scope.topic')}
              <select value={draft.topicId} onChange={(e) => setDraft({ ...draft, topicId: e.target.value })} required>
                <option value="" disabled>
                  –
                </option>
                {topics.data.items.map((x) => (
                  <option key={x.id} value={String(x.id)}>
                    {x.name}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <div className="form-row">
            <label>
              {t('settings.alertGranularity')}
              <select value={draft.granularity} onChange={(e) => setDraft({ ...draft, granularity: e.target.value as AlertParams['granularity'] })}>
                {ALERT_GRANULARITIES.map((g) => (
                  <option key={g} value={g}>
                    {t(`settings.alertGranularities.${g}`)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('settings.alertMinSeverity')}
              <select value={draft.minSeverity} onChange={(e) => setDraft({ ...draft, minSeverity: e.target.value as AlertParams['minSeverity'] })}>
                {ALERT_SEVERITIES.map((s) => (
                  <option key={s} value={s}>
                    {t(`severity.${s}`)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('settings.alertMinReach')}
              <input inputMode="numeric" value={draft.minReach} onChange={(e) => setDraft({ ...draft, minReach: e.target.value })} />
            </label>
            <label>
              {t('settings.alertLang')}
              <select value={draft.lang} onChange={(e) => setDraft({ ...draft, lang: e.target.value as AlertParams['lang'] })}>
                {REPORT_LANGS.map((l) => (
                  <option key={l} value={l}>
                    {LOCALE_NAMES[l]}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <label>
            {t('settings.alertTo')}
            <input value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} placeholder="https://hooks.slack.com/… · ana@example.com" />
          </label>
          <FieldIssues issues={issues} labelOf={labelOf} />
          <FormButtons submit={editing ? t('settings.saveAlert') : t('settings.addAlert')} onCancel={editing ? stopEditing : undefined} cancel={t('planEdit.cancel')} />
          <FormError error={saveError ?? error} />
        </form>
      )}
    </section>
  );
}

/** Members and their roles; an owner adds people (a new account gets the password given here). */
function Members() {
  const { t, i18n } = useTranslation();
  const { workspace } = useSession();
  const ws = workspace.slug;
  const members = useApi(() => endpoints.members(ws), `${ws}:members`);
  const [draft, setDraft] = useState({ email: '', role: 'viewer', password: '' });
  const { error, run } = useWrites();
  const owner = workspace.role === 'owner';

  const add = async (event: FormEvent) => {
    event.preventDefault();
    await run(async () => {
      await endpoints.addMember(ws, { email: draft.email.trim(), role: draft.role, ...(draft.password ? { password: draft.password } : {}) });
      setDraft({ email: '', role: draft.role, password: '' });
      members.reload();
    });
  };

  return (
    <section className="card" aria-labelledby="members-title">
      <h2 id="members-title">{t('settings.members')}</h2>
      <Async state={members}>
        {(data) => (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('fields.email')}</th>
                  <th scope="col">{t('fields.name')}</th>
                  <th scope="col">{t('fields.role')}</th>
                  <th scope="col">{t('fields.since')}</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((m) => (
                  <tr key={m.userId}>
                    <th scope="row">{m.email}</th>
                    <td>{m.name ?? '–'}</td>
                    <td>{t(`memberRoles.${m.role}`)}</td>
                    <td>{formatDateTime(i18n.language, m.since)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Async>
      {owner && (
        <form className="inline-form" onSubmit={add}>
          <label>
            {t('fields.email')}
            <input type="email" value={draft.email} onChange={(e) => setDraft({ ...draft, email: e.target.value })} required maxLength={320} />
          </label>
          <label>
            {t('fields.role')}
            <select value={draft.role} onChange={(e) => setDraft({ ...draft, role: e.target.value })}>
              {(['viewer', 'editor', 'owner'] as const).map((r) => (
                <option key={r} value={r}>
                  {t(`memberRoles.${r}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('settings.initialPassword')}
            <input type="password" autoComplete="new-password" minLength={10} value={draft.password} onChange={(e) => setDraft({ ...draft, password: e.target.value })} />
          </label>
          <button type="submit">{t('settings.addMember')}</button>
          <FormError error={error} />
        </form>
      )}
    </section>
  );
}

/** API tokens: the secret is shown once, right after it is made; revoking is immediate. */
function Tokens() {
  const { t, i18n } = useTranslation();
  const { workspace } = useSession();
  const ws = workspace.slug;
  const tokens = useApi(() => endpoints.tokens.list(ws), `${ws}:tokens`);
  const [name, setName] = useState('');
  const [role, setRole] = useState('viewer');
  const [created, setCreated] = useState<string | null>(null);
  const { error, run } = useWrites();

  const create = async (event: FormEvent) => {
    event.preventDefault();
    await run(async () => {
      const answer = await endpoints.tokens.create(ws, name.trim(), role);
      setCreated(answer?.token ?? null);
      setName('');
      tokens.reload();
    });
  };
  const revoke = (id: number) =>
    run(async () => {
      await endpoints.tokens.revoke(ws, id);
      tokens.reload();
    });

  return (
    <section className="card" aria-labelledby="tokens-title">
      <h2 id="tokens-title">{t('settings.tokens')}</h2>
      <Async state={tokens}>
        {(data) =>
          data.items.length === 0 ? (
            <Empty />
          ) : (
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('fields.name')}</th>
                    <th scope="col">{t('fields.prefix')}</th>
                    <th scope="col">{t('fields.role')}</th>
                    <th scope="col">{t('fields.lastUsedAt')}</th>
                    <th scope="col">{t('fields.status')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.items.map((token) => (
                    <tr key={token.id}>
                      <th scope="row">{token.name}</th>
                      <td>
                        <code>{token.prefix}…</code>
                      </td>
                      <td>{t(`memberRoles.${token.role}`)}</td>
                      <td>{formatDateTime(i18n.language, token.lastUsedAt)}</td>
                      <td>
                        {token.revokedAt ? (
                          <span className="muted">{t('fields.revokedAt')}</span>
                        ) : (
                          <button type="button" className="button-link" onClick={() => void revoke(token.id)}>
                            {t('settings.revoke')}
                          </button>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </Async>
      <form className="inline-form" onSubmit={create}>
        <label>
          {t('settings.tokenName')}
          <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={100} />
        </label>
        <label>
          {t('fields.role')}
          <select value={role} onChange={(e) => setRole(e.target.value)}>
            {(['viewer', 'editor', 'owner'] as const).map((r) => (
              <option key={r} value={r}>
                {t(`memberRoles.${r}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">{t('settings.createToken')}</button>
      </form>
      <FormError error={error} />
      {created && (
        <p className="token-once" role="status">
          {t('settings.tokenOnce')} <code>{created}</code>
        </p>
      )}
    </section>
  );
}
