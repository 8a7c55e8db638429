import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client.ts';
import { auth } from '../api/endpoints.ts';
import type { SessionInfo } from '../api/types.ts';
import { LanguagePicker } from '../app/Layout.tsx';

export function SignInPage({ onSignedIn }: { onSignedIn: (session: SessionInfo) => void }) {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const session = await auth.login(email.trim(), password);
      // Some servers answer the login without the workspace list: ask who we are.
      const full = session?.workspaces ? session : await auth.me();
      if (full) onSignedIn(full);
    } catch (e) {
      setError(e instanceof ApiError && e.status === 401 ? t('auth.wrongCredentials') : e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="signin" id="main">
      <form className="card signin-card" onSubmit={submit} aria-labelledby="signin-title">
        <div className="signin-top">
          <span className="brand">Murmur</span>
          <LanguagePicker />
        </div>
        <h1 id="signin-title">{t('auth.signIn')}</h1>
        <label>
          {t('auth.email')}
          <input type="email" name="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} required autoFocus />
        </label>
        <label>
          {t('auth.password')}
          <input type="password" name="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
        </label>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {busy ? t('common.loading') : t('auth.signIn')}
        </button>
        <p className="help">{t('auth.demoHint')}</p>
      </form>
    </main>
  );
}
