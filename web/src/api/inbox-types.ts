/** What the inbox routes answer (src/server/routes/inbox.ts). */
import type { TriageState } from '../../../src/inbox/triage.ts';
import type { InboxView } from '../../../src/inbox/inbox-list.ts';
import type { ApiMention } from './types.ts';

export type { TriageState, InboxView };

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

export interface InboxItem {
  mention: ApiMention;
  triage: ApiTriage;
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
  limit?: number;
  offset?: number;
}
