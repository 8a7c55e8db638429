/**
 * One function per API route the dashboard calls (see web/API-NEEDS.md). Pages import
 * these, never raw paths, so a route that moves on the server changes here only.
 */
import { buildUrl, getJson, sendFile, sendJson, setCsrfToken, type Query } from './client.ts';
import { shownLink, withShownLink } from './shown-link.ts';
import type {
  Advocacy,
  AlertRule,
  AlertRuleInput,
  Digest,
  DigestDelivery,
  DigestInput,
  Member,
  ApiToken,
  CalendarItem,
  MonthlyReview,
  PlanView,
  PlanVersionInfo,
  PlanDifference,
  PlanChange,
  PlanDocumentInput,
  CurvePoint,
  ImportedPlan,
  RecordedReview,
  KpiTrackPoint,
  ListedReview,
  Campaign,
  Experiment,
  ExperimentAnalysis,
  RoiReport,
  ApiTopic,
  CrisisItem,
  Influencer,
  MentionPage,
  Overview,
  ReportRef,
  ApiSource,
  SourcePatch,
  NewSource,
  SourceKind,
  SessionInfo,
  ShareOfVoiceAnswer,
  SpikesAnswer,
} from './types.ts';
import type { CrmImportResult } from '../../../src/roi/crm-csv.ts';
import type { UtmLink } from '../../../src/roi/links.ts';
import type { CampaignInput, CampaignPatch, LinkInput, LinkPatch } from '../../../src/roi/roi-schema.ts';

export type UtmLinkView = UtmLink & { shortUrl: string; publicUrlGuessed?: boolean };
/** Where the CRM posts conversions, and whether a signing secret is set (never the secret). */
export interface CrmWebhookStatus {
  url: string;
  /** The URL starts with the server's listen address: MURMUR_PUBLIC_URL is unset. */
  publicUrlGuessed: boolean;
  set: boolean;
  setAt: number | null;
  signatureHeader: string;
  timestampHeader: string;
}
/** A new signing secret, shown once, with where and how the CRM signs (POST …/crm/webhook/rotate). */
export type CrmWebhookSetup = Omit<CrmWebhookStatus, 'set' | 'setAt'> & { secret: string };
import type { ExperimentInput, ObservationInput, VerdictInput } from '../../../src/experiment/experiment-schema.ts';
import type { ExperimentSize, ExperimentSizeInput } from '../../../src/experiment/size-schema.ts';
import type { InboxFilters, InboxMention, InboxPage, TriageChange, ApiTriage, SentimentLabel, SentimentAdapterStatus, AdaptResult, TagFigures, TagRule } from './inbox-types.ts';

/** One topic over local days [first, last] in a time zone: what every watch route takes. */
export interface PeriodScope {
  topic: number;
  first: string;
  last: string;
  tz: string;
}

export interface DayScope {
  topic: number;
  date: string;
  tz: string;
}

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
  /** Only mentions with this tag (by hand or by a rule). */
  tag?: string;
  from?: string;
  to?: string;
  /** newest (default), reach, engagement, negative. */
  sort?: string;
  /** 'true': one row per post and its reposts. */
  collapse?: string;
  /** Only the members of this repost group. */
  group?: string;
}

export const endpoints = {
  /** The workspace, the caller's role and the time zone its days are counted in. */
  workspace: (ws: string) => getJson<{ slug: string; name: string; role: string; timeZone: string }>(wsPath(ws, '')),
  topics: (ws: string) => getJson<{ items: ApiTopic[] }>(wsPath(ws, '/topics')),
  mentions: (ws: string, filters: MentionFilters, cursor?: string | null, limit = 50) =>
    getJson<MentionPage>(wsPath(ws, '/mentions'), { ...filters, cursor, limit } as Query),
  /** Parses a topic query without running it: the problem and its 1-based position, if any. */
  checkQuery: (ws: string, q: string) =>
    getJson<{ valid: boolean; message: string | null; position: number | null }>(wsPath(ws, '/query/check'), { q }),
  overview: (ws: string, scope: DayScope) => getJson<Overview>(wsPath(ws, '/watch/overview'), { ...scope }),
  crisis: (ws: string, scope: PeriodScope) => getJson<{ items: CrisisItem[] }>(wsPath(ws, '/watch/crisis'), { ...scope }),
  dismissCrisisItem: (ws: string, topic: number, key: string, reason: string) => sendJson<unknown>('POST', wsPath(ws, '/watch/crisis/dismissals'), { topic: String(topic), key, reason }),
  restoreCrisisItem: (ws: string, topic: number, key: string) => sendJson<null>('DELETE', buildUrl(wsPath(ws, '/watch/crisis/dismissals'), { topic: String(topic), key })),
  spikes: (ws: string, scope: PeriodScope & { metric?: 'mentions' | 'negative'; granularity?: 'day' | 'hour' }) =>
    getJson<SpikesAnswer>(wsPath(ws, '/watch/spikes'), { ...scope }),
  advocacy: (ws: string, scope: PeriodScope) => getJson<Advocacy>(wsPath(ws, '/watch/advocacy'), { ...scope }),
  influencers: (ws: string, scope: PeriodScope) => getJson<{ items: Influencer[] }>(wsPath(ws, '/watch/influencers'), { ...scope }),
  shareOfVoice: (ws: string, scope: Omit<PeriodScope, 'topic'> & { every?: 'day' | 'week' }) =>
    getJson<ShareOfVoiceAnswer>(wsPath(ws, '/watch/share-of-voice'), { ...scope }),
  reports: (ws: string) => getJson<{ items: ReportRef[] }>(wsPath(ws, '/reports')),
  /** Where a report document is: opened in a tab (html) or downloaded (pdf). */
  reportUrl: (ws: string, kind: string, params: { topic: number; date: string; tz: string; lang: string; format: 'html' | 'pdf' }) =>
    buildUrl(wsPath(ws, `/reports/${encodeURIComponent(kind)}`), params),
  roi: (ws: string, query: { by: 'campaign' | 'channel'; attribution: 'last' | 'linear' }) => getJson<RoiReport>(wsPath(ws, '/roi'), query),
  campaigns: (ws: string) => getJson<{ items: Campaign[] }>(wsPath(ws, '/campaigns')),
  createCampaign: (ws: string, input: CampaignInput) => sendJson<Campaign>('POST', wsPath(ws, '/campaigns'), input),
  updateCampaign: (ws: string, id: number, patch: CampaignPatch) => sendJson<Campaign>('PATCH', wsPath(ws, `/campaigns/${id}`), patch),
  /** UTM links with their clicks and the short URL that counts them. */
  links: (ws: string) =>
    getJson<{ items: UtmLinkView[]; publicUrlGuessed?: boolean }>(wsPath(ws, '/links')).then((answer) => ({
      items: answer.items.map((link) => ({ ...link, shortUrl: shownLink(link.shortUrl, answer.publicUrlGuessed) })),
    })),
  createLink: (ws: string, input: LinkInput) => sendJson<UtmLinkView>('POST', wsPath(ws, '/links'), input).then((link) => withShownLink(link, 'shortUrl')),
  updateLink: (ws: string, id: number, patch: LinkPatch) => sendJson<UtmLinkView>('PATCH', wsPath(ws, `/links/${id}`), patch).then((link) => withShownLink(link, 'shortUrl')),
  deleteLink: (ws: string, id: number) => sendJson<null>('DELETE', wsPath(ws, `/links/${id}`)),
  /** A CRM export: previewed (`dryRun`: nothing stored) or imported, idempotently by event id. */
  importConversions: (ws: string, csv: Blob, dryRun: boolean) => sendFile<CrmImportResult>(wsPath(ws, '/conversions/import'), { dryRun: String(dryRun) }, csv, 'text/csv'),
  experiments: (ws: string) => getJson<{ items: Experiment[] }>(wsPath(ws, '/experiments')),
  experimentSize: (ws: string, input: ExperimentSizeInput) => getJson<ExperimentSize>(wsPath(ws, '/experiments/size'), input as Query),
  experimentAnalysis: (ws: string, id: number) => getJson<ExperimentAnalysis>(wsPath(ws, `/experiments/${id}/analysis`)),
  /** The public feedback page as the server builds it ($MURMUR_PUBLIC_URL; `publicUrlGuessed` when unset). */
  experimentFeedbackLink: (ws: string, id: number) =>
    getJson<{ formUrl: string; publicUrlGuessed: boolean }>(wsPath(ws, `/experiments/${id}/feedback`)).then((answer) => withShownLink(answer, 'formUrl')!),
  createExperiment: (ws: string, input: ExperimentInput) => sendJson<Experiment>('POST', wsPath(ws, '/experiments'), input),
  addObservation: (ws: string, id: number, input: ObservationInput) => sendJson<null>('POST', wsPath(ws, `/experiments/${id}/observations`), input),
  decideExperiment: (ws: string, id: number, input: VerdictInput) => sendJson<{ experiment: Experiment }>('POST', wsPath(ws, `/experiments/${id}/verdict`), input),
  plans: (ws: string) => getJson<{ items: Array<{ id: number; name: string; version: number; updatedAt: number }> }>(wsPath(ws, '/plans')),
  plan: (ws: string, id: number) => getJson<PlanView>(wsPath(ws, `/plans/${id}`)),
  planAt: (ws: string, id: number, version: number) => getJson<PlanView>(wsPath(ws, `/plans/${id}`), { version }),
  createPlan: (ws: string, plan: PlanDocumentInput) => sendJson<PlanView>('POST', wsPath(ws, '/plans'), plan),
  /** Every edit of a plan is one change: the answer is the new version. */
  changePlan: (ws: string, id: number, change: PlanChange) => sendJson<PlanView>('POST', wsPath(ws, `/plans/${id}/changes`), { change }),
  planHistory: (ws: string, id: number) => getJson<{ items: PlanVersionInfo[] }>(wsPath(ws, `/plans/${id}/history`)),
  planDiff: (ws: string, id: number, from: number, to: number) => getJson<{ from: number; to: number; changes: PlanDifference[] }>(wsPath(ws, `/plans/${id}/diff`), { from, to }),
  kpiCurve: (ws: string, id: number, kpi: string) => getJson<{ items: CurvePoint[] }>(wsPath(ws, `/plans/${id}/kpis/${encodeURIComponent(kpi)}/curve`)),
  /** Month by month: expected (the curve) next to actual, actual null for months not over. */
  kpiTrack: (ws: string, id: number, kpi: string, from: string, to: string) =>
    getJson<{ points: KpiTrackPoint[] }>(wsPath(ws, `/plans/${id}/kpis/${encodeURIComponent(kpi)}/track`), { from, to }),
  enterKpiValue: (ws: string, id: number, kpi: string, entry: { value: number; on?: string }) =>
    sendJson<{ kpi: string; value: number; measuredAt: number }>('POST', wsPath(ws, `/plans/${id}/kpis/${encodeURIComponent(kpi)}/entries`), entry),
  importPlan: (ws: string, text: string, format: 'json' | 'yaml') => sendJson<ImportedPlan>('POST', wsPath(ws, '/plans/import'), { text, format }),
  recordReview: (ws: string, id: number, review: { month: string; decisions: string[]; changes: PlanChange[] }) =>
    sendJson<RecordedReview>('POST', wsPath(ws, `/plans/${id}/reviews`), review),
  planReviews: (ws: string, id: number) => getJson<{ items: ListedReview[] }>(wsPath(ws, `/plans/${id}/reviews`)),
  reviewsDue: (ws: string) => getJson<{ items: Array<{ planId: number; name: string; month: string }> }>(wsPath(ws, '/plans/reviews-due')),
  planExportUrl: (ws: string, id: number, format: 'json' | 'yaml') => buildUrl(wsPath(ws, `/plans/${id}/export`), { format }),
  planReview: (ws: string, id: number, month: string) => getJson<MonthlyReview>(wsPath(ws, `/plans/${id}/review`), { month }),
  calendar: (ws: string, plan: number) => getJson<{ items: CalendarItem[] }>(wsPath(ws, '/calendar'), { plan }),
  sources: (ws: string) => getJson<{ items: ApiSource[] }>(wsPath(ws, '/sources')),
  sourceKinds: (ws: string) => getJson<{ items: SourceKind[] }>(wsPath(ws, '/sources/kinds')),
  addSource: (ws: string, source: NewSource) => sendJson<ApiSource>('POST', wsPath(ws, '/sources'), source),
  updateSource: (ws: string, id: number, patch: SourcePatch) => sendJson<ApiSource>('PATCH', wsPath(ws, `/sources/${id}`), patch),
  createTopic: (ws: string, topic: { name: string; query: string; role: string }) =>
    sendJson<{ topic: ApiTopic; backfill: { scanned: number; matched: number } | null }>('POST', wsPath(ws, '/topics'), topic),
  updateTopic: (ws: string, id: number, patch: { name?: string; query?: string; role?: string }) =>
    sendJson<{ topic: ApiTopic; backfill: { scanned: number; matched: number } | null }>('PATCH', wsPath(ws, `/topics/${id}`), patch),
  deleteTopic: (ws: string, id: number) => sendJson<null>('DELETE', wsPath(ws, `/topics/${id}`)),
  digests: (ws: string) => getJson<{ items: Digest[] }>(wsPath(ws, '/digests')),
  addDigest: (ws: string, digest: DigestInput) => sendJson<Digest>('POST', wsPath(ws, '/digests'), digest),
  setDigestEnabled: (ws: string, id: number, enabled: boolean) => sendJson<Digest>('PATCH', wsPath(ws, `/digests/${id}`), { enabled }),
  deleteDigest: (ws: string, id: number) => sendJson<null>('DELETE', wsPath(ws, `/digests/${id}`)),
  digestDeliveries: (ws: string) => getJson<{ items: DigestDelivery[] }>(wsPath(ws, '/digests/deliveries')),
  alertRules: (ws: string) => getJson<{ items: AlertRule[] }>(wsPath(ws, '/alerts/rules')),
  addAlertRule: (ws: string, rule: AlertRuleInput) => sendJson<AlertRule>('POST', wsPath(ws, '/alerts/rules'), rule),
  updateAlertRule: (ws: string, id: number, rule: AlertRuleInput) => sendJson<AlertRule>('PUT', wsPath(ws, `/alerts/rules/${id}`), rule),
  deleteAlertRule: (ws: string, id: number) => sendJson<null>('DELETE', wsPath(ws, `/alerts/rules/${id}`)),
  setAlertRuleEnabled: (ws: string, id: number, enabled: boolean) => sendJson<AlertRule>('PATCH', wsPath(ws, `/alerts/rules/${id}`), { enabled }),
  members: (ws: string) => getJson<{ items: Member[] }>(wsPath(ws, '/members')),
  addMember: (ws: string, member: { email: string; role: string; name?: string; password?: string }) => sendJson<Member>('POST', wsPath(ws, '/members'), member),
  inbox: {
    list: (ws: string, filters: InboxFilters) => getJson<InboxPage>(wsPath(ws, '/inbox'), { ...filters } as Query),
    get: (ws: string, id: number) => getJson<InboxMention>(wsPath(ws, `/inbox/${id}`)),
    /** One or many mentions at once (the bulk bar sends the selection). */
    triage: (ws: string, ids: number[], change: TriageChange) => sendJson<{ items: ApiTriage[] }>('POST', wsPath(ws, '/inbox/triage'), { ids, ...change }),
    /** A person's sentiment for one or many mentions: it wins over the model everywhere. */
    correctSentiment: (ws: string, ids: number[], label: SentimentLabel) => sendJson<{ items: unknown[] }>('POST', wsPath(ws, '/inbox/sentiment'), { ids, label }),
    correctionsUrl: (ws: string, format: 'csv' | 'jsonl') => buildUrl(wsPath(ws, '/nlp/corrections'), { format }),
    /** Where the browser downloads every page of a view, with each mention's triage (the session cookie signs the request). */
    exportUrl: (ws: string, filters: Omit<InboxFilters, 'limit' | 'offset'>, format: 'csv' | 'xlsx') => buildUrl(wsPath(ws, '/inbox/export'), { ...filters, format } as Query),
    tag: (ws: string, ids: number[], change: { add?: string[]; remove?: string[] }) => sendJson<{ added: number; removed: number }>('POST', wsPath(ws, '/inbox/tags'), { ids, ...change }),
    tagRules: (ws: string) => getJson<{ items: TagRule[] }>(wsPath(ws, '/tags/rules')),
    addTagRule: (ws: string, rule: { tag: string; query: string }) => sendJson<{ rule: TagRule; backfill: { scanned: number; matched: number } }>('POST', wsPath(ws, '/tags/rules'), rule),
    removeTagRule: (ws: string, id: number) => sendJson<null>('DELETE', wsPath(ws, `/tags/rules/${id}`)),
    tagFigures: (ws: string, period: { from: string; to: string }) => getJson<{ items: TagFigures[] }>(wsPath(ws, '/watch/tags'), period),
  },
  nlp: {
    /** What the workspace's sentiment adapter learned from (docs/nlp.md). */
    adapter: (ws: string) => getJson<SentimentAdapterStatus>(wsPath(ws, '/nlp/adapter')),
    adapt: (ws: string) => sendJson<AdaptResult>('POST', wsPath(ws, '/nlp/adapt'), {}),
  },
  crmWebhook: {
    status: (ws: string) => getJson<CrmWebhookStatus>(wsPath(ws, '/crm/webhook')).then((answer) => withShownLink(answer, 'url')!),
    /** The new secret: the only answer that carries it. */
    rotate: (ws: string) => sendJson<CrmWebhookSetup>('POST', wsPath(ws, '/crm/webhook/rotate')).then((answer) => withShownLink(answer, 'url')),
  },
  tokens: {
    list: (ws: string) => getJson<{ items: ApiToken[] }>(wsPath(ws, '/tokens')),
    create: (ws: string, name: string, role: string) => sendJson<ApiToken & { token: string }>('POST', wsPath(ws, '/tokens'), { name, role }),
    revoke: (ws: string, id: string | number) => sendJson<null>('DELETE', wsPath(ws, `/tokens/${encodeURIComponent(String(id))}`)),
  },
};
