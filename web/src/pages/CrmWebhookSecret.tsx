/**
 * Settings → CRM webhook (owners only, as `murmur conversions webhook-secret`): where the
 * CRM posts conversions, whether a signing secret is set and since when, and a button that
 * makes a new one. The new secret is shown once, with a copy button; the API never
 * returns it again (GET …/crm/webhook has no secret), so a reload hides it for good.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { endpoints } from '../api/endpoints.ts';
import { useApi } from '../api/use-api.ts';
import { useSession } from '../app/session.tsx';
import { Async } from '../components/Async.tsx';
import { CopyButton } from '../components/CopyButton.tsx';
import { FormError, useWrites } from '../components/FormError.tsx';
import { formatDateTime } from '../i18n/format.ts';

export function CrmWebhookSecret() {
  const { t, i18n } = useTranslation();
  const ws = useSession().workspace.slug;
  const status = useApi(() => endpoints.crmWebhook.status(ws), `${ws}:crm-webhook`);
  const [secret, setSecret] = useState<string | null>(null);
  const { error, run } = useWrites();
  const rotate = () =>
    run(async () => {
      const answer = await endpoints.crmWebhook.rotate(ws);
      setSecret(answer?.secret ?? null);
      status.reload();
    });
  return (
    <section className="card crm-webhook" aria-labelledby="crm-webhook-title">
      <h2 id="crm-webhook-title">{t('crmWebhook.title')}</h2>
      <p className="help">{t('crmWebhook.help')}</p>
      <Async state={status}>
        {(s) => (
          <>
            <p>
              {t('crmWebhook.address')} <code>{s.url}</code> <CopyButton text={s.url} label={t('crmWebhook.copyAddress')} failed={t('crmWebhook.copyFailed')} />
            </p>
            <p data-testid="crm-webhook-state">{s.set ? t('crmWebhook.set', { date: formatDateTime(i18n.language, s.setAt) }) : t('crmWebhook.notSet')}</p>
            <p className="muted small">{t('crmWebhook.signing', { signature: s.signatureHeader, timestamp: s.timestampHeader })}</p>
            {s.set && <p className="muted small">{t('crmWebhook.rotateWarning')}</p>}
            <button type="button" onClick={() => void rotate()}>
              {s.set ? t('crmWebhook.rotate') : t('crmWebhook.create')}
            </button>
          </>
        )}
      </Async>
      <FormError error={error} />
      {secret && (
        <p className="token-once" role="status">
          {t('crmWebhook.once')} <code data-testid="crm-webhook-secret">{secret}</code> <CopyButton text={secret} label={t('crmWebhook.copySecret')} failed={t('crmWebhook.copyFailed')} />
        </p>
      )}
    </section>
  );
}
