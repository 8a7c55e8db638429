/**
 * Tables of part 5, ROI: campaigns, UTM short links with daily click counters,
 * and CRM conversions. Nothing here stores a visitor's IP, user agent or a contact's
 * name or e-mail: clicks are counters, contacts are a keyed hash.
 */
import type { Generated } from 'kysely';

export interface CampaignsTable {
  id: Generated<number>;
  workspace_id: number;
  name: string;
  /** Normalised utm_campaign value; conversions map to the campaign through it. */
  utm_campaign: string;
  channel: string;
  cost_money: number;
  cost_hours: number;
  currency: string;
  start_at: number;
  end_at: number | null;
  /** Optional: the topic whose mentions measure the campaign's reach and engagement. */
  topic_id: number | null;
  /** Optional: the campaign hashtag (folded, without '#'). */
  hashtag: string | null;
  /** Platform-reported reach and engagement, when the user enters them. */
  reach_reported: number | null;
  engagement_reported: number | null;
  created_at: number;
  updated_at: number;
}

export interface UtmLinksTable {
  id: Generated<number>;
  workspace_id: number;
  campaign_id: number;
  /** Short code of the redirect link; unique across workspaces. */
  code: string;
  /** The full destination with utm_* parameters. */
  destination: string;
  utm_source: string;
  utm_medium: string;
  utm_campaign: string;
  utm_content: string | null;
  utm_term: string | null;
  created_at: number;
}

export interface LinkClicksTable {
  link_id: number;
  /** UTC midnight of the day, epoch ms. */
  day: number;
  clicks: number;
}

/** The last counted click of a visitor on a link; old rows are pruned as clicks come. */
export interface LinkVisitsTable {
  link_id: number;
  /** Salted SHA-256 of address and user agent: never the address itself. */
  visitor: string;
  counted_at: number;
}

export type ConversionStage = 'lead' | 'sale';

export interface ConversionsTable {
  id: Generated<number>;
  workspace_id: number;
  /** The CRM's event id: importing or receiving it again changes nothing. */
  event_id: string;
  stage: ConversionStage;
  occurred_at: number;
  /** Keyed hash of the CRM contact id: links a lead to its sale without personal data. */
  contact_key: string | null;
  revenue: number;
  currency: string;
  utm_source: string | null;
  utm_medium: string | null;
  utm_campaign: string | null;
  utm_content: string | null;
  /** JSON string[]: normalised utm_campaign values of earlier touches, oldest first. */
  touches: string;
  origin: 'csv' | 'webhook';
  created_at: number;
}

export interface RoiSettingsTable {
  workspace_id: number;
  /** HMAC-SHA256 secret of the CRM webhook, sealed (secret-box.ts; older rows may be plaintext); never printed in logs or exports. */
  crm_webhook_secret: string;
  updated_at: number;
}

export interface RoiTables {
  campaigns: CampaignsTable;
  utm_links: UtmLinksTable;
  link_clicks: LinkClicksTable;
  link_visits: LinkVisitsTable;
  conversions: ConversionsTable;
  roi_settings: RoiSettingsTable;
}
