/**
 * Report digests: a report (daily, weekly, monthly or annual, on a topic) sent on a
 * schedule to workspace members, e-mail addresses or chat webhooks, each in its own
 * language. Addresses and webhook URLs (which carry tokens) are sealed at rest; a digest
 * sent only to members holds nothing secret and needs no key (the demo's).
 */
import { z } from 'zod';
import { MurmurError } from '../../core/errors.ts';
import { digestRecipientsAad, openStoredSecret, sealSecret, secretKeyFromEnv } from '../../listen/connectors/secret-box.ts';
import type { Store } from '../../store/store.ts';
import { NotFoundError } from '../../core/errors.ts';
import { isTimeZone } from '../../watch/params.ts';
import { REPORT_KINDS, type ReportKind } from '../document.ts';
import { REPORT_LANGS } from '../../core/i18n.ts';
import { cronProblem, nextRunAfter } from './schedule.ts';

export class DigestError extends MurmurError {
  override name = 'DigestError';
  constructor(message: string) {
    super('invalid_digest', 400, message);
  }
}

const lang = z.enum(REPORT_LANGS).default('en');
export const recipientSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('member'), userId: z.number().int().positive(), lang }),
  z.object({ type: z.literal('email'), to: z.email(), lang }),
  z.object({ type: z.literal('webhook'), url: z.url({ protocol: /^https?$/ }), lang }),
]);
export type DigestRecipient = z.infer<typeof recipientSchema>;

export const digestInputSchema = z
  .object({
    name: z.string().trim().min(1).max(120),
    kind: z.enum(REPORT_KINDS as [ReportKind, ...ReportKind[]]),
    /** Null: the workspace's first brand topic, as reports default. */
    topicId: z.number().int().positive().nullable().default(null),
    /** Five-field cron in `timeZone`; "0 8 * * 1" is Monday 08:00. */
    cron: z.string().trim().min(9).max(100),
    timeZone: z.string().max(64).default('UTC').refine(isTimeZone, 'unknown IANA time zone (e.g. Europe/Paris)'),
    recipients: z.array(recipientSchema).min(1, 'a digest needs at least one recipient').max(50),
    enabled: z.boolean().default(true),
  })
  .superRefine((d, ctx) => {
    const problem = isTimeZone(d.timeZone) ? cronProblem(d.cron, d.timeZone) : null;
    if (problem) ctx.addIssue({ code: 'custom', path: ['cron'], message: problem });
  });
export type DigestInput = z.input<typeof digestInputSchema>;

export interface Digest {
  id: number;
  workspaceId: number;
  name: string;
  kind: ReportKind;
  topicId: number | null;
  cron: string;
  timeZone: string;
  recipients: DigestRecipient[];
  enabled: boolean;
  nextRunAt: number;
  createdAt: number;
}

type Row = { id: number; workspace_id: number; name: string; kind: string; topic_id: number | null; cron: string; time_zone: string; recipients: string; enabled: number; next_run_at: number; created_at: number };

function fromRow(row: Row): Digest {
  const workspaceId = Number(row.workspace_id);
  return {
    id: Number(row.id),
    workspaceId,
    name: row.name,
    kind: row.kind as ReportKind,
    topicId: row.topic_id == null ? null : Number(row.topic_id),
    cron: row.cron,
    timeZone: row.time_zone,
    recipients: z.array(recipientSchema).parse(JSON.parse(openStoredSecret(row.recipients, digestRecipientsAad(workspaceId)))),
    enabled: row.enabled === 1,
    nextRunAt: Number(row.next_run_at),
    createdAt: Number(row.created_at),
  };
}

function storedRecipients(recipients: DigestRecipient[], workspaceId: number): string {
  const json = JSON.stringify(recipients);
  return recipients.every((r) => r.type === 'member') ? json : sealSecret(json, secretKeyFromEnv(), digestRecipientsAad(workspaceId));
}

/** The label a delivery is logged under: an address or a webhook's host, never its path (the token). */
export function recipientLabel(recipient: DigestRecipient): string {
  if (recipient.type === 'member') return `member:${recipient.userId}`;
  if (recipient.type === 'email') return `email:${recipient.to}`;
  return `webhook:${new URL(recipient.url).host}`;
}

/** The digest as shown to whoever may not see webhook URLs (their path is the token): the host only. */
export function withMaskedWebhooks(digest: Digest): Digest {
  return { ...digest, recipients: digest.recipients.map((r) => (r.type === 'webhook' ? { ...r, url: `${new URL(r.url).origin}/…` } : r)) };
}

export async function addDigest(store: Store, workspaceId: number, input: DigestInput, now = Date.now()): Promise<Digest> {
  const parsed = digestInputSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new DigestError(`invalid digest: ${issue.path.join('.') || 'digest'}: ${issue.message}`);
  }
  const d = parsed.data;
  if (d.topicId != null) {
    const topic = await store.db.selectFrom('topics').select('id').where('workspace_id', '=', workspaceId).where('id', '=', d.topicId).executeTakeFirst();
    if (!topic) throw new DigestError(`invalid digest: topicId: no topic ${d.topicId} in this workspace`);
  }
  const members = d.recipients.filter((r) => r.type === 'member').map((r) => r.userId);
  if (members.length) {
    const found = await store.db.selectFrom('workspace_members').select('user_id').where('workspace_id', '=', workspaceId).where('user_id', 'in', members).execute();
    const known = new Set(found.map((m) => Number(m.user_id)));
    const stranger = members.find((id) => !known.has(id));
    if (stranger !== undefined) throw new DigestError(`invalid digest: recipients: user ${stranger} is not a member of this workspace`);
  }
  const exists = await store.db.selectFrom('report_digests').select('id').where('workspace_id', '=', workspaceId).where('name', '=', d.name).executeTakeFirst();
  if (exists) throw new DigestError(`a digest named "${d.name}" already exists`);
  const row = await store.db
    .insertInto('report_digests')
    .values({
      workspace_id: workspaceId,
      name: d.name,
      kind: d.kind,
      topic_id: d.topicId,
      cron: d.cron,
      time_zone: d.timeZone,
      recipients: storedRecipients(d.recipients, workspaceId),
      enabled: d.enabled ? 1 : 0,
      next_run_at: nextRunAfter(d.cron, d.timeZone, now),
      created_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return fromRow(row);
}

export async function listDigests(store: Store, workspaceId: number): Promise<Digest[]> {
  const rows = await store.db.selectFrom('report_digests').selectAll().where('workspace_id', '=', workspaceId).orderBy('id').execute();
  return rows.map(fromRow);
}

export async function findDigest(store: Store, workspaceId: number, ref: number | string): Promise<Digest> {
  const digest = (await listDigests(store, workspaceId)).find((d) => d.id === Number(ref) || d.name === String(ref));
  if (!digest) throw new NotFoundError(`no digest "${ref}" in this workspace`);
  return digest;
}

/** Switches a digest on or off; switching on schedules its next run from `now`, so no backlog is sent. */
export async function setDigestEnabled(store: Store, workspaceId: number, ref: number | string, enabled: boolean, now = Date.now()): Promise<Digest> {
  const digest = await findDigest(store, workspaceId, ref);
  const row = await store.db
    .updateTable('report_digests')
    .set({ enabled: enabled ? 1 : 0, ...(enabled && !digest.enabled ? { next_run_at: nextRunAfter(digest.cron, digest.timeZone, now) } : {}) })
    .where('id', '=', digest.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  return fromRow(row);
}

export async function removeDigest(store: Store, workspaceId: number, ref: number | string): Promise<Digest> {
  const digest = await findDigest(store, workspaceId, ref);
  await store.db.deleteFrom('report_digests').where('id', '=', digest.id).execute();
  return digest;
}

export interface DigestDelivery {
  id: number;
  digestId: number;
  reportDate: string;
  recipient: string;
  status: 'pending' | 'sending' | 'sent' | 'failed';
  attempts: number;
  error: string | null;
  retryAt: number | null;
  updatedAt: number;
}

/** The delivery log, newest first. */
export async function listDigestDeliveries(store: Store, workspaceId: number, limit = 100): Promise<DigestDelivery[]> {
  const rows = await store.db.selectFrom('report_digest_deliveries').selectAll().where('workspace_id', '=', workspaceId).orderBy('id', 'desc').limit(limit).execute();
  return rows.map((r) => ({
    id: Number(r.id),
    digestId: Number(r.digest_id),
    reportDate: r.report_date,
    recipient: r.recipient,
    status: r.status as DigestDelivery['status'],
    attempts: Number(r.attempts),
    error: r.error,
    retryAt: r.retry_at == null ? null : Number(r.retry_at),
    updatedAt: Number(r.updated_at),
  }));
}
