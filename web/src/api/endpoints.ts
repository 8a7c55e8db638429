/**
 * One function per API route the dashboard calls (see web/API-NEEDS.md). Pages import
 * these, never raw paths, so a route that moves on the server changes here only.
 */
import { getJson, sendJson, setCsrfToken, type Query } from './client.ts';
import type {
  ApiTopic,
  AuthorStats,
  CrisisItem,
  MentionPage,
  Overview,
  ReportRef,
  Row,
  SessionInfo,
  ShareOfVoice,
  Spike,
} from './types.ts';

const API = '/api/v1';

/** Workspace-scoped path. */
export const wsPath = (workspace: string, path: string) => `${API}/workspaces/${encodeURIComponent(workspace)}${path}`;

async function remember(session: SessionInfo | null): Promise<SessionInfo | null> {
  if (!session) return null;
  if (session.csrfToken) setCsrfToken(session.csrfToken);
  else {
    const csrf = await getJson<{ token?: string; csrfToken?: string }>(`${API}/auth/csrf`).catch(() => null);
    setCsrfToken(csrf?.token ?? csrf?.csrfToken ?? null);
  }
  return session;
}

export const auth = {
  login: async (email: string, password: string) =>
    remember(await sendJson<SessionInfo>('POST', `${API}/auth/login`, { email, password })),
  me: async () => remember(await getJson<SessionInfo>(`${API}/auth/me`)),
  logout: () => sendJson<null>('POST', `${API}/auth/logout`),
};

export interface MentionFilters {
  q?: string;
  topic?: string;
  lang?: string;
  sentiment?: string;
  source?: string;
  from?: string;
  to?: string;
}

export const endpoints = {
  topics: (ws: string) => getJson<{ items: ApiTopic[] }>(wsPath(ws, '/topics')),
  mentions: (ws: string, filters: MentionFilters, cursor?: string | null, limit = 50) =>
    getJson<MentionPage>(wsPath(ws, '/mentions'), { ...filters, cursor, limit } as Query),
  /** Parses a topic query without running it: the problem and its 1-based position, if any. */
  checkQuery: (ws: string, q: string) =>
    getJson<{ valid: boolean; message: string | null; position: number | null }>(wsPath(ws, '/query/check'), { q }),
  overview: (ws: string, tz: string) => getJson<Overview>(wsPath(ws, '/overview'), { tz }),
  crisis: (ws: string) => getJson<{ items: CrisisItem[] }>(wsPath(ws, '/crisis')),
  spikes: (ws: string, query: Query) => getJson<{ spikes: Spike[] }>(wsPath(ws, '/spikes'), query),
  authors: (ws: string, kind: 'advocates' | 'detractors' | 'influencers', query: Query) =>
    getJson<{ authors: AuthorStats[] }>(wsPath(ws, '/authors'), { kind, ...query }),
  shareOfVoice: (ws: string, query: Query) => getJson<ShareOfVoice>(wsPath(ws, '/share-of-voice'), query),
  reports: (ws: string) => getJson<{ reports: ReportRef[] }>(wsPath(ws, '/reports')),
  reportUrl: (ws: string, kind: string, format: 'html' | 'pdf', date?: string) =>
    `${wsPath(ws, `/reports/${encodeURIComponent(kind)}`)}?format=${format}${date ? `&date=${encodeURIComponent(date)}` : ''}`,
  /** Lists shown as tables: plan sections, experiments, campaigns, settings. */
  list: (ws: string, path: string) => getJson<Record<string, Row[] | Row>>(wsPath(ws, path)),
  tokens: {
    create: (ws: string, name: string) => sendJson<{ token: string } & Row>('POST', wsPath(ws, '/tokens'), { name }),
    revoke: (ws: string, id: string | number) => sendJson<null>('DELETE', wsPath(ws, `/tokens/${encodeURIComponent(String(id))}`)),
  },
};
