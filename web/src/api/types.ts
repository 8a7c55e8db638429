/**
 * The shapes the dashboard reads from the API. Domain types come from src/core so the
 * two sides cannot drift; only what JSON changes (dates become strings) is restated.
 */
import type { Author, Engagement, Sentiment, TopicRole } from '../../../src/core/mention.ts';

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

export interface DayFigures {
  mentions: number;
  negative?: number;
  authors?: number;
  netSentiment?: number;
  reach?: number;
}

export interface Alert {
  id?: number | string;
  kind?: string;
  title?: string;
  message?: string;
  severity?: string | number;
  at?: Instant;
}

export interface CrisisItem {
  kind: 'spike' | 'post' | (string & {});
  severity?: number | string;
  title?: string;
  summary?: string;
  at?: Instant;
  posts?: ApiMention[];
}

export interface Overview {
  today: DayFigures;
  normal: DayFigures;
  hourly?: Array<{ t: Instant; count: number; negative?: number; normal?: number }>;
  alerts?: Alert[];
  crisis?: CrisisItem[];
}

export interface SpikeCause {
  dimension: string;
  value: string;
  share: number;
}

export interface Spike {
  start: Instant;
  peak: Instant;
  end: Instant;
  direction?: 'rise' | 'drop';
  metric?: string;
  severity?: number | string;
  observed?: number;
  expected?: number;
  summary?: string;
  causes?: SpikeCause[];
  posts?: ApiMention[];
}

export interface AuthorStats {
  handle: string;
  displayName?: string | null;
  followers?: number | null;
  sources?: string[];
  mentions: number;
  reach?: number;
  engagement?: number;
  score?: number;
}

export interface ShareOfVoice {
  topics: Array<{ topicId: number; name: string; role?: TopicRole; mentions: number; reach?: number; share: number }>;
  series?: Array<{ t: Instant; counts: Record<string, number> }>;
}

export interface ReportRef {
  kind: string;
  title?: string;
  date?: string;
}

/** Lists whose items the dashboard shows as generic tables (plan, experiments, settings). */
export type Row = Record<string, unknown>;
