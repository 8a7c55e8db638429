/**
 * The CRM webhook. The CRM signs each delivery:
 *
 *   X-Murmur-Timestamp: <unix seconds>
 *   X-Murmur-Signature: sha256=<hex HMAC-SHA256(secret, "<timestamp>.<raw body>")>
 *
 * (the scheme Stripe and Slack use). Signing the timestamp with the body and refusing
 * deliveries outside a five-minute window stops a captured request from being replayed
 * later; inside the window a replay is harmless because events are idempotent by id.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { crmSecretAad, openStoredSecret, sealSecret, secretKeyFromEnv } from '../listen/connectors/secret-box.ts';
import { ValidationError, zodIssues } from '../core/validation.ts';
import type { Store } from '../store/store.ts';
import { ConversionEventSchema, storeConversions, type ConversionEvent, type StoreResult } from './conversions.ts';

export const SIGNATURE_HEADER = 'x-murmur-signature';
export const TIMESTAMP_HEADER = 'x-murmur-timestamp';
export const REPLAY_WINDOW_MS = 5 * 60_000;
/** Bigger deliveries should be split or sent as a CSV import. */
export const MAX_WEBHOOK_EVENTS = 1000;

export type WebhookVerdict = { ok: true } | { ok: false; status: 400 | 401; error: string };

type Headers = Record<string, string | string[] | undefined>;

function header(headers: Headers, name: string): string | undefined {
  const found = Object.entries(headers).find(([k]) => k.toLowerCase() === name)?.[1];
  return Array.isArray(found) ? found[0] : found;
}

export function signCrmPayload(secret: string, timestampSeconds: number, rawBody: string | Buffer): string {
  const mac = createHmac('sha256', secret);
  mac.update(`${timestampSeconds}.`);
  mac.update(rawBody);
  return `sha256=${mac.digest('hex')}`;
}

/** Checks signature and freshness before anything is parsed. The route answers `status` on failure. */
export function verifyCrmWebhook(headers: Headers, rawBody: string | Buffer, secret: string, now = Date.now()): WebhookVerdict {
  const timestamp = header(headers, TIMESTAMP_HEADER);
  const signature = header(headers, SIGNATURE_HEADER);
  if (!timestamp || !signature) return { ok: false, status: 401, error: `missing ${!timestamp ? TIMESTAMP_HEADER : SIGNATURE_HEADER} header` };
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, status: 400, error: `${TIMESTAMP_HEADER} must be unix seconds` };
  const expected = Buffer.from(signCrmPayload(secret, Number(timestamp), rawBody));
  const given = Buffer.from(signature.trim());
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, status: 401, error: 'signature does not match' };
  // Checked after the signature, so an attacker learns nothing about the clock from unsigned requests.
  if (Math.abs(now - Number(timestamp) * 1000) > REPLAY_WINDOW_MS)
    return { ok: false, status: 401, error: 'timestamp outside the 5-minute window (replayed or clock skew)' };
  return { ok: true };
}

const DeliverySchema = z.union([
  z.object({ events: z.array(z.unknown()).min(1).max(MAX_WEBHOOK_EVENTS) }).strict(),
  z
    .record(z.string(), z.unknown())
    .refine((o) => !('events' in o))
    .transform((event) => ({ events: [event] })),
]);

export interface IngestResult extends StoreResult {
  /** Events refused, with the path of the bad field. The valid ones are stored. */
  rejected: { index: number; errors: string[] }[];
}

/** Stores the events of a verified delivery: `{ "events": [...] }` or one event object. */
export async function ingestCrmEvents(store: Store, workspaceId: number, body: unknown, now = Date.now()): Promise<IngestResult> {
  const delivery = DeliverySchema.safeParse(body);
  if (!delivery.success) throw new ValidationError(`expected {"events": [...]} with 1 to ${MAX_WEBHOOK_EVENTS} events, or one event object`);
  const valid: ConversionEvent[] = [];
  const rejected: IngestResult['rejected'] = [];
  delivery.data.events.forEach((raw, index) => {
    const parsed = ConversionEventSchema.safeParse(raw);
    if (parsed.success) valid.push(parsed.data);
    else rejected.push({ index, errors: zodIssues(parsed.error, `events[${index}]`) });
  });
  const stored = await storeConversions(store, workspaceId, valid, 'webhook', now);
  return { ...stored, rejected };
}

/** The workspace's webhook secret in clear, or null before one is made. */
export async function storedCrmWebhookSecret(store: Store, workspaceId: number, key?: Buffer): Promise<string | null> {
  const row = await store.db.selectFrom('roi_settings').select('crm_webhook_secret').where('workspace_id', '=', workspaceId).executeTakeFirst();
  return row ? openStoredSecret(row.crm_webhook_secret, crmSecretAad(workspaceId), key) : null;
}

/** Whether the workspace has a webhook secret, and since when: what may be shown after it was given once. */
export async function crmWebhookSecretStatus(store: Store, workspaceId: number): Promise<{ set: boolean; setAt: number | null }> {
  const row = await store.db.selectFrom('roi_settings').select('updated_at').where('workspace_id', '=', workspaceId).executeTakeFirst();
  return { set: row !== undefined, setAt: row ? Number(row.updated_at) : null };
}

/**
 * Makes the workspace's webhook secret, replacing any earlier one (the CRM must then be
 * updated). Its answer is the only place the secret is ever given: afterwards only
 * `crmWebhookSecretStatus` is shown. Stored sealed with MURMUR_SECRET_KEY like connector
 * tokens (refused without the key).
 */
export async function rotateCrmWebhookSecret(store: Store, workspaceId: number, options: { key?: Buffer } = {}, now = Date.now()): Promise<string> {
  const secret = `whsec_${randomBytes(24).toString('base64url')}`;
  const sealed = sealSecret(secret, options.key ?? secretKeyFromEnv(), crmSecretAad(workspaceId));
  await store.db
    .insertInto('roi_settings')
    .values({ workspace_id: workspaceId, crm_webhook_secret: sealed, updated_at: now })
    .onConflict((oc) => oc.column('workspace_id').doUpdateSet({ crm_webhook_secret: sealed, updated_at: now }))
    .execute();
  return secret;
}
