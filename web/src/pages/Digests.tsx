/**
 * Reports → Digests: reports sent on a schedule (src/reports/digests/). Everyone sees the
 * digests and their delivery log; editors add, switch off and remove them. The server
 * validates the schedule, the zone and the recipients; its message shows in the form.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { endpoints } from '../api/endpoints.ts';
import type { Digest, Member } from '../api/types.ts';
import { useApi } from '../api/use-api.ts';
import { canEdit, useSession } from '../app/session.tsx';
import { Async, Empty } from '../components/Async.tsx';
import { FormError, useWrites } from '../components/FormError.tsx';
import { formatDateTime } from '../i18n/format.ts';
import { isReportLang } from '../../../src/core/i18n.ts';
import { REPORT_KINDS, type ReportKind } from '../../../src/reports/document.ts';
import { parseRecipients, recipientText } from './digest-recipients.ts';

/** The schedules most teams want; anything else is a cron expression. */
const PRESETS = { weekly: '0 8 * * 1', daily: '0 8 * * *', monthly: '0 8 1 * *', annual: '0 8 1 1 *' } as const;

export function Digests({ timeZone }: { timeZone: string }) {
  const { t, i18n } = useTranslation();
  const { workspace } = useSession();
  const ws = workspace.slug;
  const editable = canEdit(workspace.role);
  const digests = useApi(() => endpoints.digests(ws), `${ws}:digests`);
  const members = useApi(() => endpoints.members(ws), `${ws}:members`);
  const known: Member[] = members.status === 'ok' ? members.data.items : [];
  const { error, run } = useWrites();
  const uiLang = isReportLang(i18n.language) ? i18n.language : 'en';
  const [draft, setDraft] = useState({ name: '', kind: 'weekly' as ReportKind, cron: PRESETS.weekly as string, to: '' });

  const add = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      await endpoints.addDigest(ws, { name: draft.name.trim(), kind: draft.kind, cron: draft.cron.trim(), timeZone, recipients: parseRecipients(draft.to, known, uiLang) });
      setDraft({ ...draft, name: '', to: '' });
      digests.reload();
    });
  };
  const toggle = (d: Digest) =>
    run(async () => {
      await endpoints.setDigestEnabled(ws, d.id, !d.enabled);
      digests.reload();
    });
  const remove = (d: Digest) =>
    run(async () => {
      await endpoints.deleteDigest(ws, d.id);
      digests.reload();
    });

  return (
    <section className="card" aria-labelledby="digests-title">
      <h2 id="digests-title">{t('digests.title')}</h2>
      <p className="muted">{t('digests.intro')}</p>
      <Async state={digests}>
        {(data) =>
          data.items.length === 0 ? (
            <Empty>{t('digests.none')}</Empty>
          ) : (
            <ul className="plain-list" data-testid="digest-list">
              {data.items.map((d) => (
                <li key={d.id}>
                  <strong>{d.name}</strong> · {t(`reports.kind.${d.kind}`)} · <code>{d.cron}</code> ({d.timeZone})
                  <div className="muted small">
                    {d.enabled ? t('digests.next', { when: formatDateTime(i18n.language, d.nextRunAt) }) : t('settings.disabled')} · {d.recipients.map((r) => recipientText(r, known)).join(', ')}
                  </div>
                  {editable && (
                    <>
                      <button type="button" className="button-link" aria-label={t(d.enabled ? 'settings.switchOffNamed' : 'settings.switchOnNamed', { name: d.name })} onClick={() => void toggle(d)}>
                        {t(d.enabled ? 'settings.switchOff' : 'settings.switchOn')}
                      </button>{' '}
                      <button type="button" className="button-link" aria-label={t('digests.removeNamed', { name: d.name })} onClick={() => void remove(d)}>
                        {t('digests.remove')}
                      </button>
                    </>
                  )}
                </li>
              ))}
            </ul>
          )
        }
      </Async>
      {editable && (
        <form className="stack-form" onSubmit={add} aria-labelledby="add-digest-title">
          <h3 id="add-digest-title">{t('digests.add')}</h3>
          <div className="form-row">
            <label>
              {t('fields.name')}
              <input value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} required maxLength={120} />
            </label>
            <label>
              {t('digests.kind')}
              <select value={draft.kind} onChange={(e) => setDraft({ ...draft, kind: e.target.value as ReportKind })}>
                {REPORT_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {t(`reports.kind.${k}`)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('digests.schedule')}
              <select value={Object.values(PRESETS).includes(draft.cron as never) ? draft.cron : 'custom'} onChange={(e) => e.target.value !== 'custom' && setDraft({ ...draft, cron: e.target.value })}>
                {Object.entries(PRESETS).map(([name, cron]) => (
                  <option key={name} value={cron}>
                    {t(`digests.presets.${name as keyof typeof PRESETS}`)}
                  </option>
                ))}
                <option value="custom">{t('digests.presets.custom')}</option>
              </select>
            </label>
            <label>
              {t('digests.cron', { tz: timeZone })}
              <input value={draft.cron} onChange={(e) => setDraft({ ...draft, cron: e.target.value })} required />
            </label>
          </div>
          <label>
            {t('digests.recipients')}
            <textarea rows={3} value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} required placeholder={'ana@example.com#fr\nhttps://hooks.slack.com/…'} />
          </label>
          <button type="submit">{t('digests.add')}</button>
        </form>
      )}
      <FormError error={error} />
      <DeliveryLog />
    </section>
  );
}

function DeliveryLog() {
  const { t, i18n } = useTranslation();
  const ws = useSession().workspace.slug;
  const log = useApi(() => endpoints.digestDeliveries(ws), `${ws}:digest-deliveries`);
  return (
    <details>
      <summary>{t('digests.log')}</summary>
      <Async state={log}>
        {(data) =>
          data.items.length === 0 ? (
            <Empty>{t('digests.logEmpty')}</Empty>
          ) : (
            <ul className="plain-list small">
              {data.items.map((d) => (
                <li key={d.id}>
                  {formatDateTime(i18n.language, d.updatedAt)} · {d.reportDate} → {d.recipient}: <strong>{t(`digests.status.${d.status}`)}</strong>
                  {d.error && <span className="tone-bad"> — {d.error}</span>}
                  {d.retryAt && <span className="muted"> · {t('digests.retryAt', { when: formatDateTime(i18n.language, d.retryAt) })}</span>}
                </li>
              ))}
            </ul>
          )
        }
      </Async>
    </details>
  );
}
