/**
 * CRM conversions (leads and sales) from a CSV export or the signed webhook. Both
 * paths validate events with one schema and store them idempotently by event id:
 * importing the same export twice, or a CRM retrying a delivery, changes nothing.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { storableTextProblem } from '../core/storable-text.ts';
import { parseInput, toEpoch } from '../core/validation.ts';
import type { Store } from '../store/store.ts';
import { chunks } from '../store/mentions.ts';
import type { ConversionStage } from './roi-tables.ts';
import { optionalUtm, parseUtm } from './utm.ts';

const STAGE_ALIASES: Record<string, ConversionStage> = {
  lead: 'lead', mql: 'lead', sql: 'lead', signup: 'lead', 'sign-up': 'lead', opportunity: 'lead',
  sale: 'sale', purchase: 'sale', order: 'sale', won: 'sale', 'closed won': 'sale', 'closed-won': 'sale', customer: 'sale',
};

const optionalText = z
  .union([z.string(), z.null()])
  .optional()
  .transform((v) => (v == null || v.trim() === '' ? null : v.trim()));

export const ConversionEventSchema = z
  .object({
    eventId: z.string().trim().min(1, 'every event needs its CRM id').max(200),
    stage: z.string().transform((s, ctx) => {
      const stage = STAGE_ALIASES[s.trim().toLowerCase()];
      if (!stage) ctx.addIssue({ code: 'custom', message: `unknown stage "${s}": use lead or sale (or mql, sql, opportunity, won, purchase…)`, params: { problem: 'unknown_stage' } });
      return stage ?? 'lead';
    }),
    occurredAt: z.union([z.iso.datetime({ offset: true }), z.iso.date(), z.number().int().positive()], {
      error: 'expected a date (2026-03-05), an ISO timestamp (2026-03-05T16:30:00Z) or epoch milliseconds',
    }),
    /** The CRM's contact id; stored only as a hash that links a lead to its sale. */
    contactId: optionalText,
    revenue: z.coerce.number().finite().min(0, 'revenue cannot be negative').default(0),
    currency: z.string().regex(/^[A-Z]{3}$/, 'expected an ISO 4217 code such as EUR').default('EUR'),
    utmSource: optionalText,
    utmMedium: optionalText,
    utmCampaign: optionalText,
    utmContent: optionalText,
    /** The landing URL, when the CRM keeps it rather than the utm_* fields. */
    landingUrl: optionalText,
    /** Earlier campaign touches of this contact (utm_campaign values), oldest first. */
    touchpoints: z.array(z.string()).default([]),
  })
  .strict()
  // Checked here, not by the database: one bad field would fail the whole batch on PostgreSQL.
  .superRefine((event, ctx) => {
    for (const [field, value] of Object.entries(event)) {
      for (const text of [value].flat()) {
        const problem = typeof text === 'string' ? storableTextProblem(text) : null;
        if (problem) ctx.addIssue({ code: 'custom', path: [field], message: problem, params: { problem: 'unstorable_text' } });
      }
    }
  });
export type ConversionEventInput = z.input<typeof ConversionEventSchema>;
export type ConversionEvent = z.output<typeof ConversionEventSchema>;

/**
 * A one-way, workspace-scoped key for a contact id: enough to join a contact's lead
 * and sale, never displayed, and no e-mail or name is kept.
 */
export function contactKey(workspaceId: number, contactId: string): string {
  return createHash('sha256').update(`murmur-contact\u0000${workspaceId}\u0000${contactId.trim().toLowerCase()}`).digest('hex').slice(0, 32);
}

export interface StoreResult {
  inserted: number;
  /** Events already stored (same event id): skipped, not counted twice. */
  duplicates: number;
}

export async function storeConversions(
  store: Store,
  workspaceId: number,
  events: ConversionEvent[],
  origin: 'csv' | 'webhook',
  now = Date.now(),
): Promise<StoreResult> {
  let inserted = 0;
  // The same id twice in one batch counts once, like a second import would.
  const unique = [...new Map(events.map((e) => [e.eventId, e])).values()];
  for (const batch of chunks(unique, 500)) {
    const rows = batch.map((e) => {
      const landing = e.landingUrl ? parseUtm(e.landingUrl) : null;
      return {
        workspace_id: workspaceId,
        event_id: e.eventId,
        stage: e.stage,
        occurred_at: toEpoch(e.occurredAt),
        contact_key: e.contactId ? contactKey(workspaceId, e.contactId) : null,
        revenue: e.revenue,
        currency: e.currency,
        utm_source: optionalUtm(e.utmSource) ?? landing?.utm_source ?? null,
        utm_medium: optionalUtm(e.utmMedium) ?? landing?.utm_medium ?? null,
        utm_campaign: optionalUtm(e.utmCampaign) ?? landing?.utm_campaign ?? null,
        utm_content: optionalUtm(e.utmContent) ?? landing?.utm_content ?? null,
        touches: JSON.stringify(e.touchpoints.map(optionalUtm).filter((t): t is string => t !== null)),
        origin,
        created_at: now,
      };
    });
    const result = await store.db
      .insertInto('conversions')
      .values(rows)
      .onConflict((oc) => oc.columns(['workspace_id', 'event_id']).doNothing())
      .returning('id')
      .execute();
    inserted += result.length;
  }
  return { inserted, duplicates: events.length - inserted };
}

/**
 * What `storeConversions` would do, storing nothing: how many events are new and how many
 * are already stored or repeated. `seen` carries the ids of earlier batches of the same
 * file, which a real import would have stored by then.
 */
export async function previewConversions(store: Store, workspaceId: number, events: ConversionEvent[], seen: Set<string>): Promise<StoreResult> {
  const fresh: string[] = [];
  for (const e of events) {
    if (seen.has(e.eventId)) continue;
    seen.add(e.eventId);
    fresh.push(e.eventId);
  }
  let stored = 0;
  for (const batch of chunks(fresh, 500)) {
    const rows = await store.db.selectFrom('conversions').select('event_id').where('workspace_id', '=', workspaceId).where('event_id', 'in', batch).execute();
    stored += rows.length;
  }
  const inserted = fresh.length - stored;
  return { inserted, duplicates: events.length - inserted };
}

/** Validates one event, naming the bad field; `where` prefixes the path (e.g. `events[3]`). */
export function parseConversionEvent(input: unknown, where = ''): ConversionEvent {
  return parseInput(ConversionEventSchema, input, 'conversion event', where);
}
