import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client.ts';
import { endpoints } from '../api/endpoints.ts';
import { canEdit, useSession } from '../app/session.tsx';
import { ListSection } from '../components/ListSection.tsx';

export function SettingsPage() {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="settings-title">
      <h1 id="settings-title">{t('settings.title')}</h1>
      <ListSection
        title={t('settings.topics')}
        path="/topics"
        listKey="topics"
        columns={[
          { key: 'name', label: t('fields.name') },
          { key: 'role', label: t('fields.role') },
          { key: 'query', label: t('settings.query') },
        ]}
      />
      <div className="grid-2">
        <ListSection title={t('settings.connectors')} path="/sources" listKey="items" />
        <ListSection title={t('settings.alerts')} path="/alerts/rules" listKey="rules" />
      </div>
      <ListSection title={t('settings.members')} path="/members" listKey="members" />
      <Tokens />
    </section>
  );
}

/** Personal API tokens: the secret is shown once, right after it is made. */
function Tokens() {
  const { t } = useTranslation();
  const { workspace } = useSession();
  const [name, setName] = useState('');
  const [created, setCreated] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [generation, setGeneration] = useState(0);

  const create = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      const answer = await endpoints.tokens.create(workspace.slug, name.trim());
      setCreated(answer?.token ?? null);
      setName('');
      setGeneration((g) => g + 1);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  };

  return (
    <div className="tokens">
      <ListSection key={generation} title={t('settings.tokens')} path="/tokens" listKey="tokens" />
      {canEdit(workspace.role) && (
        <form className="card inline-form" onSubmit={create}>
          <label>
            {t('settings.tokenName')}
            <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={100} />
          </label>
          <button type="submit">{t('settings.createToken')}</button>
          {error && (
            <p className="form-error" role="alert">
              {error}
            </p>
          )}
          {created && (
            <p className="token-once" role="status">
              {t('settings.tokenOnce')} <code>{created}</code>
            </p>
          )}
        </form>
      )}
    </div>
  );
}
