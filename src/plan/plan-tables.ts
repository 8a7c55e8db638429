/**
 * Tables of part 3, Plan. The plan itself is a versioned JSON document (goal, team,
 * personas, channels, KPIs, action plan): each change appends a row to
 * `plan_versions`, so every earlier version and its author stay readable.
 * The editorial calendar is a table of its own because the publisher updates it.
 */
import type { Generated } from 'kysely';

export interface PlansTable {
  id: Generated<number>;
  workspace_id: number;
  name: string;
  /** The version number of the newest row in plan_versions. */
  current_version: number;
  created_at: number;
  updated_at: number;
}

export interface PlanVersionsTable {
  id: Generated<number>;
  plan_id: number;
  version: number;
  /** JSON PlanDocument. */
  document: string;
  author: string;
  /** What changed, in words ("set goal", "added KPI mentions-q1"). */
  change: string;
  created_at: number;
}

export type CalendarStatus = 'idea' | 'draft' | 'approved' | 'scheduled' | 'published' | 'failed';

export interface CalendarItemsTable {
  id: Generated<number>;
  workspace_id: number;
  plan_id: number | null;
  channel: string;
  title: string;
  body: string;
  owner: string;
  /** Epoch ms; null while the item is only an idea. */
  scheduled_at: number | null;
  status: CalendarStatus;
  /** Which connector account / source publishes it (the publisher decides its meaning). */
  source_id: number | null;
  publish_attempts: Generated<number>;
  published_url: string | null;
  publish_error: string | null;
  /** Lets the publisher retry without posting twice. */
  idempotency_key: string;
  /** none | pending | approved | rejected (src/plan/approvals.ts). */
  approval: Generated<ApprovalState>;
  /** JSON MediaAttachment[] (src/plan/post-rules.ts): every picture carries its alt text. */
  media: Generated<string>;
  created_at: number;
  updated_at: number;
}

export type ApprovalState = 'none' | 'pending' | 'approved' | 'rejected';

/** Per workspace: whether a post must be approved before it is scheduled or published. */
export interface CalendarSettingsTable {
  workspace_id: number;
  require_approval: number;
  updated_at: number;
}

/** Every change to a calendar item: edits, submissions, approvals, reschedules, comments. */
export interface CalendarItemEventsTable {
  id: Generated<number>;
  workspace_id: number;
  item_id: number;
  kind: string;
  /** A member's e-mail, or "review link #n" for a client's comment. */
  author: string;
  comment: string | null;
  created_at: number;
}

/** A picture a calendar item uploaded to a network, so a retry reuses it (see publish-uploads.ts). */
export interface CalendarItemUploadsTable {
  id: Generated<number>;
  workspace_id: number;
  item_id: number;
  /** Which account, network and picture (URL and alt text) the upload was for. */
  upload_key: string;
  /** What the network answered: a Mastodon media id, a Bluesky blob ref as JSON. */
  remote: string;
  created_at: number;
}

/** A client's read-and-comment link to one item; only the token's SHA-256 is kept. */
export interface CalendarReviewLinksTable {
  id: Generated<number>;
  workspace_id: number;
  item_id: number;
  token_hash: string;
  created_by: string;
  created_at: number;
  expires_at: number;
  revoked_at: number | null;
}

/** Values the user enters for KPIs bound to a metric Murmur cannot measure itself. */
export interface KpiEntriesTable {
  id: Generated<number>;
  workspace_id: number;
  plan_id: number;
  kpi_id: string;
  measured_at: number;
  value: number;
  author: string;
  created_at: number;
}

export interface PlanReviewsTable {
  id: Generated<number>;
  workspace_id: number;
  plan_id: number;
  /** 'YYYY-MM' of the month reviewed. */
  month: string;
  /** The plan version the review measured against. */
  plan_version: number;
  /** JSON MonthlyReview (KPIs plan-vs-actual, tasks per person). */
  result: string;
  /** JSON string[] of the decisions taken. */
  decisions: string;
  author: string;
  created_at: number;
}

export interface PlanTables {
  plans: PlansTable;
  plan_versions: PlanVersionsTable;
  calendar_items: CalendarItemsTable;
  kpi_entries: KpiEntriesTable;
  plan_reviews: PlanReviewsTable;
  calendar_settings: CalendarSettingsTable;
  calendar_item_events: CalendarItemEventsTable;
  calendar_item_uploads: CalendarItemUploadsTable;
  calendar_review_links: CalendarReviewLinksTable;
}
