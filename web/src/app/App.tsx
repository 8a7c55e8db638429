import { lazy, Suspense, useCallback, useEffect, useMemo, useState, type ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { setCsrfToken, setUnauthorizedHandler, UnauthorizedError } from '../api/client.ts';
import { auth } from '../api/endpoints.ts';
import type { SessionInfo } from '../api/types.ts';
import { ErrorBox, Loading } from '../components/Async.tsx';
import { OverviewPage } from '../pages/Overview.tsx';
import { SignInPage } from '../pages/SignIn.tsx';
import { preloadCharts } from '../charts/Chart.tsx';
import { Layout } from './Layout.tsx';
import type { PageKey } from './pages.ts';
import { PAGES } from './pages.ts';
import { navigate, useLocation } from './router.tsx';
import { SessionContext, type SessionContextValue } from './session.tsx';

// Pages other than the overview load on first visit, so the first screen parses less script.
const CalendarPage = lazy(() => import('../pages/Calendar.tsx').then((m) => ({ default: m.CalendarPage })));
const CampaignsPage = lazy(() => import('../pages/Campaigns.tsx').then((m) => ({ default: m.CampaignsPage })));
const CrisisPage = lazy(() => import('../pages/Crisis.tsx').then((m) => ({ default: m.CrisisPage })));
const ExperimentsPage = lazy(() => import('../pages/Experiments.tsx').then((m) => ({ default: m.ExperimentsPage })));
const InboxPage = lazy(() => import('../pages/Inbox.tsx').then((m) => ({ default: m.InboxPage })));
const MentionsPage = lazy(() => import('../pages/Mentions.tsx').then((m) => ({ default: m.MentionsPage })));
const PeoplePage = lazy(() => import('../pages/People.tsx').then((m) => ({ default: m.PeoplePage })));
const PlanPage = lazy(() => import('../pages/Plan.tsx').then((m) => ({ default: m.PlanPage })));
const ReportsPage = lazy(() => import('../pages/Reports.tsx').then((m) => ({ default: m.ReportsPage })));
const SettingsPage = lazy(() => import('../pages/Settings.tsx').then((m) => ({ default: m.SettingsPage })));
const ShareOfVoicePage = lazy(() => import('../pages/ShareOfVoice.tsx').then((m) => ({ default: m.ShareOfVoicePage })));
const SpikesPage = lazy(() => import('../pages/Spikes.tsx').then((m) => ({ default: m.SpikesPage })));

const PAGE_COMPONENTS: Record<PageKey, ComponentType> = {
  overview: OverviewPage,
  crisis: CrisisPage,
  inbox: InboxPage,
  mentions: MentionsPage,
  spikes: SpikesPage,
  people: PeoplePage,
  shareOfVoice: ShareOfVoicePage,
  reports: ReportsPage,
  plan: PlanPage,
  calendar: CalendarPage,
  experiments: ExperimentsPage,
  campaigns: CampaignsPage,
  settings: SettingsPage,
};

const WORKSPACE_KEY = 'murmur.workspace';

type SessionState = { status: 'checking' } | { status: 'signed-out' } | { status: 'signed-in'; session: SessionInfo } | { status: 'error'; error: Error };

export function App() {
  const { t } = useTranslation();
  const { path, search } = useLocation();
  const [state, setState] = useState<SessionState>({ status: 'checking' });
  const [workspaceSlug, setWorkspaceSlug] = useState<string | null>(() => localStorage.getItem(WORKSPACE_KEY));

  const check = useCallback(() => {
    setState({ status: 'checking' });
    auth.me().then(
      (session) => {
        if (session) preloadCharts();
        setState(session ? { status: 'signed-in', session } : { status: 'signed-out' });
      },
      (error: unknown) =>
        setState(error instanceof UnauthorizedError ? { status: 'signed-out' } : { status: 'error', error: error instanceof Error ? error : new Error(String(error)) }),
    );
  }, []);

  useEffect(() => {
    check();
    setUnauthorizedHandler(() => setState({ status: 'signed-out' }));
    return () => setUnauthorizedHandler(null);
  }, [check]);

  const page = PAGES.find((p) => p.path === path);
  useEffect(() => {
    const title = page ? t(`nav.${page.key}`) : t('auth.signIn');
    document.title = `${title} · Murmur`;
  }, [page, t]);

  const context = useMemo<SessionContextValue | null>(() => {
    if (state.status !== 'signed-in') return null;
    const { session } = state;
    const workspace = session.workspaces.find((w) => w.slug === workspaceSlug) ?? session.workspaces[0];
    if (!workspace) return null;
    return {
      session,
      workspace,
      setWorkspace: (slug) => {
        localStorage.setItem(WORKSPACE_KEY, slug);
        setWorkspaceSlug(slug);
      },
      signOut: () => {
        void auth.logout().catch(() => undefined).finally(() => {
          setCsrfToken(null);
          setState({ status: 'signed-out' });
        });
      },
    };
  }, [state, workspaceSlug]);

  if (state.status === 'checking') return <Loading />;
  if (state.status === 'error') return <ErrorBox error={state.error} onRetry={check} />;
  if (state.status === 'signed-out' || !context) {
    if (state.status === 'signed-in' && !context) return <ErrorBox error={new Error(t('auth.noWorkspace'))} />;
    return (
      <SignInPage
        onSignedIn={(session) => {
          preloadCharts();
          setState({ status: 'signed-in', session });
          const next = search.get('next');
          // The page asked for stays, with its query: a shared link to a filtered list opens that list.
          navigate(next && next.startsWith('/') && !next.startsWith('//') ? next : path === '/signin' ? '/' : `${path}${location.search}`, { replace: true });
        }}
      />
    );
  }

  const Page = page ? PAGE_COMPONENTS[page.key] : null;
  return (
    <SessionContext.Provider value={context}>
      <Layout path={path}>
        {/* Keyed by workspace so switching it starts every page afresh. */}
        <Suspense fallback={<Loading />}>{Page ? <Page key={context.workspace.slug} /> : <NotFound />}</Suspense>
      </Layout>
    </SessionContext.Provider>
  );
}

function NotFound() {
  const { t } = useTranslation();
  return (
    <section>
      <h1>{t('common.pageNotFound')}</h1>
    </section>
  );
}
