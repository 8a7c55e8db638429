import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { listsEndpoints, type ApiMute, type MuteKind } from '../api/lists-endpoints.ts';
import { formatDateTime } from '../i18n/format.ts';
import { ErrorBox } from './Async.tsx';

const KINDS: MuteKind[] = ['author', 'site', 'term'];

/**
 * The mutes of the topic being listed: what they are, who set them and why, an Unmute
 * button each, and a form to add one (editors). `onChange` reloads the list, whose
 * mentions and total the change moves.
 */
export function TopicMutes({ ws, topicId, editable, version, onChange }: { ws: string; topicId: string; editable: boolean; version: number; onChange: () => void }) {
  const { t, i18n } = useTranslation();
  const [mutes, setMutes] = useState<ApiMute[] | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [kind, setKind] = useState<MuteKind>('author');
  const [value, setValue] = useState('');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    listsEndpoints.mutes(ws, topicId).then(
      (page) => live && setMutes(page.items),
      (e: unknown) => live && setError(e instanceof Error ? e : new Error(String(e))),
    );
    return () => {
      live = false;
    };
  }, [ws, topicId, version]);

  const run = (change: Promise<unknown>) => {
    setBusy(true);
    setError(null);
    change.then(
      () => {
        setBusy(false);
        setValue('');
        setReason('');
        onChange();
      },
      (e: unknown) => {
        setBusy(false);
        setError(e instanceof Error ? e : new Error(String(e)));
      },
    );
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (value.trim()) run(listsEndpoints.mute(ws, topicId, { kind, value, reason: reason || undefined }));
  };

  return (
    <section className="topic-mutes" aria-labelledby="mutes-title" data-testid="topic-mutes">
      <h2 id="mutes-title">{t('mutes.title')}</h2>
      {error && <ErrorBox error={error} />}
      {mutes && mutes.length === 0 && <p className="muted">{t('mutes.none')}</p>}
      {mutes && mutes.length > 0 && (
        <ul>
          {mutes.map((m) => (
            <li key={m.id}>
              <span className="badge">{t(`mutes.kind.${m.kind}`)}</span> <strong>{m.value}</strong>
              {m.reason && <span className="muted"> — {m.reason}</span>}
              <span className="muted"> · {t('mutes.by', { who: m.createdBy, when: formatDateTime(i18n.language, m.createdAt) })}</span>
              {editable && (
                <button type="button" className="button-secondary" disabled={busy} onClick={() => run(listsEndpoints.unmute(ws, topicId, m.id))}>
                  {t('mutes.unmute')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {editable && (
        <form className="mute-form" onSubmit={submit}>
          <label>
            {t('mutes.kindLabel')}
            <select value={kind} onChange={(e) => setKind(e.target.value as MuteKind)}>
              {KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`mutes.kind.${k}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('mutes.value')}
            <input value={value} onChange={(e) => setValue(e.target.value)} required />
          </label>
          <label>
            {t('mutes.reason')}
            <input value={reason} onChange={(e) => setReason(e.target.value)} />
          </label>
          <button type="submit" disabled={busy}>
            {t('mutes.mute')}
          </button>
        </form>
      )}
    </section>
  );
}

/** On a row of a topic's list: mute its author in that topic at once. */
export function MuteAuthorButton({ ws, topicId, handle, onChange }: { ws: string; topicId: string; handle: string; onChange: () => void }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  return (
    <button
      type="button"
      className="button-secondary mute-author"
      disabled={busy}
      onClick={() => {
        setBusy(true);
        listsEndpoints.mute(ws, topicId, { kind: 'author', value: handle }).then(onChange, () => setBusy(false));
      }}
    >
      {t('mutes.muteAuthor', { handle })}
    </button>
  );
}
