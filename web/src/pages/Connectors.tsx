/**
 * Settings → Connectors: what Murmur reads and how each source is doing. Editors rename a
 * source, change its options (the connector's JSON options, validated by the server),
 * its polling interval and its secrets, pause or resume it, and add a source of any kind
 * (AddSource, built from the kinds the server describes). A poll's note (YouTube waiting
 * for its quota) shows beside its status.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { endpoints } from '../api/endpoints.ts';
import type { ApiSource } from '../api/types.ts';
import { useApi } from '../api/use-api.ts';
import { canEdit, useSession } from '../app/session.tsx';
import { Async, Empty } from '../components/Async.tsx';
import { errorText, FormError, useWrites } from '../components/FormError.tsx';
import { WideTable } from '../components/WideTable.tsx';
import { formatDateTime } from '../i18n/format.ts';
import { AddSource } from './AddSource.tsx';

export function Connectors() {
  const { t, i18n } = useTranslation();
  const { workspace } = useSession();
  const ws = workspace.slug;
  const sources = useApi(() => endpoints.sources(ws), `${ws}:sources`);
  const [editing, setEditing] = useState<number | null>(null);
  const { error, run } = useWrites();
  const editable = canEdit(workspace.role);
  const toggle = (source: ApiSource) =>
    run(async () => {
      await endpoints.updateSource(ws, source.id, { enabled: !source.enabled });
      sources.reload();
    });
  const edited = sources.status === 'ok' ? sources.data.items.find((s) => s.id === editing) : undefined;

  return (
    <section className="card" aria-labelledby="connectors-title">
      <h2 id="connectors-title">{t('settings.connectors')}</h2>
      <Async state={sources}>
        {(data) =>
          data.items.length === 0 ? (
            <Empty>{t('settings.noConnectors')}</Empty>
          ) : (
            <WideTable
              headers={(['name', 'network', 'description', 'status', 'lastSuccessAt', 'lastError'] as const).map((key) => ({ label: t(`fields.${key}`) }))}
              actionsLabel={editable ? t('settings.actions') : undefined}
            >
              {data.items.map((source) => (
                <tr key={source.id}>
                  <th scope="row">{source.name}</th>
                  <td>{source.network}</td>
                  <td>{source.description}</td>
                  <td>
                    {source.enabled ? t(`sourceStatus.${source.status}`) : t('settings.paused')}
                    {typeof source.lastResult?.note === 'string' && <small className="source-note">{source.lastResult.note}</small>}
                  </td>
                  <td>{formatDateTime(i18n.language, source.lastSuccessAt)}</td>
                  <td>{source.lastError ?? '–'}</td>
                  {editable && (
                    <td>
                      <button type="button" className="button-link" aria-label={t('settings.editNamed', { name: source.name })} onClick={() => setEditing(source.id)}>
                        {t('settings.edit')}
                      </button>
                      <button
                        type="button"
                        className="button-link"
                        aria-label={t(source.enabled ? 'settings.pauseNamed' : 'settings.resumeNamed', { name: source.name })}
                        onClick={() => void toggle(source)}
                      >
                        {t(source.enabled ? 'settings.pause' : 'settings.resume')}
                      </button>
                    </td>
                  )}
                </tr>
              ))}
            </WideTable>
          )
        }
      </Async>
      <FormError error={error} />
      {editable && edited && (
        <SourceForm
          key={edited.id}
          ws={ws}
          source={edited}
          onDone={(saved) => {
            setEditing(null);
            if (saved) sources.reload();
          }}
        />
      )}
      {editable && <AddSource ws={ws} onAdded={() => sources.reload()} />}
    </section>
  );
}

/** The options as JSON the user can edit; the server validates them against the connector. */
function parseOptions(text: string, t: (key: 'settings.optionsInvalid', vars: { error: string }) => string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new Error(t('settings.optionsInvalid', { error: errorText(e) }));
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error(t('settings.optionsInvalid', { error: 'not an object' }));
  return value as Record<string, unknown>;
}

function SourceForm({ ws, source, onDone }: { ws: string; source: ApiSource; onDone: (saved: boolean) => void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState({ name: source.name, minutes: String(source.intervalMs / 60_000), options: JSON.stringify(source.config, null, 2) });
  // Secrets are never sent back by the server: an empty field keeps the stored one.
  const [secrets, setSecrets] = useState<Record<string, string>>({});
  const { error, run } = useWrites();
  const save = async (event: FormEvent) => {
    event.preventDefault();
    await run(async () => {
      const config = parseOptions(draft.options, t);
      const given = Object.fromEntries(Object.entries(secrets).filter(([, value]) => value !== ''));
      await endpoints.updateSource(ws, source.id, {
        name: draft.name.trim(),
        config,
        intervalSeconds: Math.round(Number(draft.minutes) * 60),
        ...(Object.keys(given).length > 0 ? { secrets: given } : {}),
      });
      onDone(true);
    });
  };
  return (
    <form className="stack-form" onSubmit={save} aria-labelledby="connector-form-title">
      <h3 id="connector-form-title">{t('settings.editConnector', { name: source.name })}</h3>
      <div className="form-row">
        <label>
          {t('fields.name')}
          <input value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} required maxLength={120} />
        </label>
        <label>
          {t('settings.interval')}
          <input type="number" min={0.5} step={0.5} value={draft.minutes} onChange={(e) => setDraft({ ...draft, minutes: e.target.value })} required />
        </label>
      </div>
      <label>
        {t('settings.options')}
        <textarea className="query-input" rows={6} spellCheck={false} value={draft.options} onChange={(e) => setDraft({ ...draft, options: e.target.value })} required />
      </label>
      {Object.keys(source.secrets).map((name) => (
        <label key={name}>
          {t('settings.newSecret', { name })}
          <input type="password" autoComplete="new-password" value={secrets[name] ?? ''} onChange={(e) => setSecrets({ ...secrets, [name]: e.target.value })} />
        </label>
      ))}
      <div className="form-row">
        <button type="submit">{t('settings.save')}</button>
        <button type="button" className="button-link" onClick={() => onDone(false)}>
          {t('settings.cancel')}
        </button>
      </div>
      <FormError error={error} />
    </form>
  );
}
