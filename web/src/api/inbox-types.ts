/** What the inbox routes answer (src/server/routes/inbox.ts). */
import type { TriageState } from '../../../src/inbox/triage.ts';
import type { InboxView } from '../../../src/inbox/inbox-list.ts';
import type { ApiMention } from './types.ts';

export type { TriageState, InboxView };
import type { MentionTag } from '../../../src/inbox/tags.ts';
export type { MentionTag, TagFigures } from '../../../src/inbox/tags.ts';
export type { SentimentLabel } from '../../../src/core/mention.ts';
import type { AdapterStatus } from '../../../src/nlp/adapt.ts';
export type { AdaptResult } from '../../../src/nlp/adapt.ts';

/** GET /nlp/adapter (src/server/routes/nlp.ts). */
export type SentimentAdapterStatus = AdapterStatus & { pending: boolean };

export interface ApiTriage {
  mentionId: number;
  state: TriageState;
  assigneeId: number | null;
  notes: string;
  updatedAt: string | null;
  updatedBy: number | null;
}

export interface TriageEvent {
  userId: number | null;
  field: string;
  from: string | null;
  to: string | null;
  at: string;
}

export interface TagRule {
  id: number;
  tag: string;
  query: string;
  createdAt: string;
  updatedAt: string;
}

export interface InboxItem {
  mention: ApiMention;
  triage: ApiTriage;
  tags: MentionTag[];
  priority: number | null;
}

export interface InboxPage {
  items: InboxItem[];
  total: number;
}

export interface InboxMention {
  mention: ApiMention;
  triage: ApiTriage;
  history: TriageEvent[];
}

export interface TriageChange {
  state?: TriageState;
  assigneeId?: number | null;
  notes?: string;
}

export interface InboxFilters {
  view: InboxView;
  state?: TriageState;
  topic?: string;
  tag?: string;
  limit?: number;
  offset?: number;
}
