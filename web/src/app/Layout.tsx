import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { changeLocale, isLocale, LOCALE_CODES, LOCALE_NAMES } from '../i18n/index.ts';
import { PAGES } from './pages.ts';
import { Link } from './router.tsx';
import { useSession } from './session.tsx';

export function LanguagePicker() {
  const { t, i18n } = useTranslation();
  return (
    <label className="language-picker">
      <span className="visually-hidden">{t('common.language')}</span>
      <select
        data-testid="language"
        value={i18n.language}
        onChange={(event) => isLocale(event.target.value) && void changeLocale(event.target.value)}
        aria-label={t('common.language')}
      >
        {LOCALE_CODES.map((code) => (
          <option key={code} value={code} lang={code}>
            {LOCALE_NAMES[code]}
          </option>
        ))}
      </select>
    </label>
  );
}

export function Layout({ path, children }: { path: string; children: ReactNode }) {
  const { t } = useTranslation();
  const { session, workspace, setWorkspace, signOut } = useSession();
  const [menuOpen, setMenuOpen] = useState(false);
  const current = PAGES.find((p) => p.path === path) ?? PAGES[0];
  const main = useRef<HTMLElement>(null);
  const firstRender = useRef(true);
  // After a client-side navigation, keyboard and screen-reader users land on the new page.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    main.current?.focus();
  }, [path]);

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('common.skipToContent')}
      </a>
      <header className="topbar">
        <button
          type="button"
          className="menu-button"
          aria-expanded={menuOpen}
          aria-controls="nav"
          onClick={() => setMenuOpen((open) => !open)}
        >
          <span aria-hidden="true">☰</span>
          <span className="visually-hidden">{t('common.menu')}</span>
        </button>
        <Link href="/" className="brand">
          Murmur
        </Link>
        {session.workspaces.length > 1 ? (
          <label className="workspace-picker">
            <span className="visually-hidden">{t('common.workspace')}</span>
            <select value={workspace.slug} onChange={(event) => setWorkspace(event.target.value)} aria-label={t('common.workspace')}>
              {session.workspaces.map((w) => (
                <option key={w.slug} value={w.slug}>
                  {w.name}
                </option>
              ))}
            </select>
          </label>
        ) : (
          <span className="workspace-name">{workspace.name}</span>
        )}
        <span className="spacer" />
        <LanguagePicker />
        <span className="user" title={session.user.email}>
          {session.user.name || session.user.email}
        </span>
        <button type="button" className="button-secondary" onClick={signOut}>
          {t('auth.signOut')}
        </button>
      </header>
      <nav id="nav" className={menuOpen ? 'nav open' : 'nav'} aria-label={t('common.mainMenu')}>
        <ul>
          {PAGES.map((page) => (
            <li key={page.path}>
              <Link href={page.path} aria-current={page.path === current.path ? 'page' : undefined} onClick={() => setMenuOpen(false)}>
                {t(`nav.${page.key}`)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" className="main" tabIndex={-1} ref={main}>
        {children}
      </main>
    </div>
  );
}
