/**
 * The shapes the dashboard reads from the API. Domain types come from src/core so the
 * two sides cannot drift; only what JSON changes (dates become strings) is restated.
 */
import type { Author, Engagement, Sentiment, TopicRole } from '../../../src/core/mention.ts';
import type { SourceView } from '../../../src/listen/sources.ts';

/** A timestamp as JSON carries it: ISO string or epoch milliseconds. */
export type Instant = string | number;

export type Role = 'owner' | 'editor' | 'viewer';

export interface WorkspaceRef {
  slug: string;
  name: string;
  role: Role;
}

export interface SessionInfo {
  user: { email: string; name?: string | null };
  workspaces: WorkspaceRef[];
  csrfToken?: string;
}

export interface ApiMention {
  id: number;
  source: string;
  externalId: string;
  url: string | null;
  author: Author;
  text: string;
  publishedAt: Instant;
  lang: string | null;
  sentiment: Sentiment | null;
  engagement: Engagement;
  hashtags?: string[];
  topicIds?: number[];
  /** With collapse=true: the repost group this row stands for. */
  group?: { key: string; members: number };
}

export interface MentionPage {
  items: ApiMention[];
  nextCursor: string | null;
  total?: number;
}

export interface ApiTopic {
  id: number;
  name: string;
  query: string;
  role: TopicRole;
  mentionCount?: number;
}

// Watch answers are the loaders' results as JSON (src/watch/loaders.ts); epoch ms stay numbers.
import type { CrisisItem } from '../../../src/watch/crisis.ts';
import type { ExplainedSpike, HistoryState } from '../../../src/watch/loaders.ts';
import type { SeriesBucket } from '../../../src/watch/series.ts';
import type { KpiComparison } from '../../../src/watch/baseline.ts';
import type { AdvocacyResult } from '../../../src/watch/advocates.ts';
import type { Influencer } from '../../../src/watch/influencers.ts';
import type { ShareOfVoice } from '../../../src/watch/share-of-voice.ts';
import type { Post } from '../../../src/watch/read/model.ts';
import type { Topic } from '../../../src/core/mention.ts';
import type { SentAlert } from '../../../src/watch/alerts/evaluate.ts';
export type { CrisisItem, ExplainedSpike, SeriesBucket, KpiComparison, AdvocacyResult, Influencer, Post };
export type { AuthorStance } from '../../../src/watch/advocates.ts';
export type { KpiName } from '../../../src/watch/baseline.ts';
export type { VoiceShare } from '../../../src/watch/share-of-voice.ts';

export interface Overview {
  date: string;
  kpis: KpiComparison[];
  /** The day's not-sure share (0–1) beside net sentiment; null when no mention has a sentiment. */
  notSureShare: number | null;
  hourly: SeriesBucket[];
  /** Median mentions per local hour on normal days, 24 values. */
  normalHourly?: number[];
  crisis: CrisisItem[];
  alerts?: Alert[];
}

export interface SpikesAnswer {
  series: SeriesBucket[];
  /** Learning (too little history for any verdict) or ready. */
  history: HistoryState;
  items: ExplainedSpike[];
}

export type Advocacy = AdvocacyResult & { posts?: Record<string, Post[]> };

/** Dates in JSON: Topic's Date fields arrive as strings. */
export type ShareOfVoiceAnswer = ShareOfVoice & { topics: Array<Omit<Topic, 'createdAt' | 'updatedAt'>> };

/** An alert sent (or that failed to send) on the overview's day. */
export type Alert = Pick<SentAlert, 'id' | 'ruleId' | 'channel' | 'status' | 'title' | 'sentAt'>;

export interface ReportRef {
  kind: string;
  title?: string;
  date?: string;
}

/** A connector source as the API returns it: the library's view, its dates as JSON strings. */
export type ApiSource = Omit<SourceView, 'lastPolledAt' | 'lastSuccessAt' | 'nextPollAt'> & {
  lastPolledAt: string | null;
  lastSuccessAt: string | null;
  nextPollAt: string;
};

export type { SourceKind } from '../../../src/listen/source-kinds.ts';

/** A source to add (POST /sources): `config` and `secrets` as the kind's JSON Schema describes them. */
export interface NewSource {
  network: string;
  name?: string;
  config: Record<string, unknown>;
  secrets?: Record<string, string>;
  intervalSeconds?: number;
}

/** What an edit of a source may change (PATCH /sources/{id}). */
export interface SourcePatch {
  name?: string;
  config?: Record<string, unknown>;
  secrets?: Record<string, string>;
  intervalSeconds?: number;
  enabled?: boolean;
}

// Plan, experiments and ROI answers: the library types as JSON.
export type { RoiReport, RoiRow } from '../../../src/roi/report.ts';
export type { Campaign } from '../../../src/roi/campaigns.ts';
export type { Experiment } from '../../../src/experiment/experiments.ts';
export type { ExperimentAnalysis } from '../../../src/experiment/analysis.ts';
export type { PlanView, PlanVersionInfo } from '../../../src/plan/plans.ts';
export type { PlanDifference } from '../../../src/plan/diff.ts';
export type { CurvePoint } from '../../../src/plan/forecast.ts';
export type { ImportedPlan } from '../../../src/plan/transfer.ts';
export type { PlanChange, PlanDocumentInput } from '../../../src/plan/plan-schema.ts';
export type { MonthlyReview, KpiReview, KpiTrackPoint, RecordedReview } from '../../../src/plan/review.ts';
export type ListedReview = Awaited<ReturnType<typeof import('../../../src/plan/review.ts').listReviews>>[number];
export type { CalendarItem } from '../../../src/plan/calendar.ts';

export interface ApiToken {
  id: number;
  name: string;
  prefix: string;
  role: Role;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
}

export interface Member {
  userId: number;
  email: string;
  name: string | null;
  role: Role;
  since: string;
}
export type { AlertRule, AlertRuleInput, AlertKind } from '../../../src/watch/alerts/rules.ts';
export type { KpiMetric } from '../../../src/plan/metrics.ts';
export type { Digest, DigestDelivery, DigestInput, DigestRecipient } from '../../../src/reports/digests/digests.ts';
