/**
 * Replying to a mention from Murmur, with the workspace's publishing account for the
 * mention's network (the same account rule and publishers as the calendar:
 * scheduler/publish-due.ts, connectors/publisher.ts), threaded under the mention.
 *
 * Never twice: a reply is one row per idempotency key (the client makes one per reply it
 * composes). Submitting the key again returns the stored reply instead of posting; a send
 * is claimed by compare-and-set (two submits cannot send at once); and every send passes
 * the key on to the network (Mastodon's Idempotency-Key, Bluesky's record key), so a
 * retry after an unknown outcome (a timeout, a 429) finds the post already made.
 * Optionally a reply waits for approval by another member before it is sent.
 */
import { MurmurError } from '../../core/errors.ts';
import type { Selectable } from 'kysely';
import { HttpClient, RateLimitedError, type FetchLike } from '../connectors/http.ts';
import type { Network } from '../connectors/connector.ts';
import { PermanentPublishError } from '../connectors/publisher.ts';
import { publishers } from '../connectors/registry.ts';
import { publishingSourceFor } from '../scheduler/publish-due.ts';
import { sourceSettings } from '../sources.ts';
import { getMentionsByIds } from '../../store/mentions.ts';
import type { Store } from '../../store/store.ts';
import { NotFoundError } from '../../store/workspaces.ts';
import type { MentionRepliesTable } from './reply-tables.ts';

export const REPLY_STATUSES = ['awaiting_approval', 'sending', 'retrying', 'sent', 'failed'] as const;
export type ReplyStatus = (typeof REPLY_STATUSES)[number];

export interface Reply {
  id: number;
  mentionId: number;
  sourceId: number;
  idempotencyKey: string;
  text: string;
  status: ReplyStatus;
  url: string | null;
  externalId: string | null;
  error: string | null;
  retryAt: Date | null;
  attempts: number;
  requestedBy: string;
  requestedAt: Date;
  approvedBy: string | null;
  approvedAt: Date | null;
  sentAt: Date | null;
}

export class ReplyError extends MurmurError {
  override name = 'ReplyError';
  constructor(message: string) {
    super('invalid_reply', 400, message);
  }
}

/** The key was used for a reply to another mention. */
export class ConflictError extends MurmurError {
  override name = 'ConflictError';
  constructor(message: string) {
    super('reply_key_conflict', 409, message);
  }
}

export interface ReplyInput {
  text: string;
  /** Made once per reply composed, and sent again with every submit of it. */
  idempotencyKey: string;
  /** The publishing account; default: the workspace's only one for the mention's network. */
  sourceId?: number | null;
  /** Wait for another member's approval before sending. */
  approval?: boolean;
}

export interface SendOptions {
  fetch?: FetchLike;
  /** The key that seals connector secrets (default: MURMUR_SECRET_KEY). */
  key?: Buffer;
  requestTimeoutMs?: number;
}

export interface ReplyOutcome {
  reply: Reply;
  /** The key had been submitted before: this is the stored reply (sent again only if it was waiting to retry). */
  duplicate: boolean;
}

const REPLY_NETWORKS = new Set<string>(Object.keys(publishers));
const MAX_KEY = 200;
const MAX_TEXT = 5000;
/** A send claimed this long ago and never finished (its process died): a submit may send again. */
const STALE_SEND_MS = 2 * 60_000;

function fromRow(row: Selectable<MentionRepliesTable>): Reply {
  const date = (ms: number | null) => (ms === null ? null : new Date(Number(ms)));
  return {
    id: row.id,
    mentionId: row.mention_id,
    sourceId: row.source_id,
    idempotencyKey: row.idempotency_key,
    text: row.text,
    status: row.status as ReplyStatus,
    url: row.url,
    externalId: row.external_id,
    error: row.error,
    retryAt: date(row.retry_at),
    attempts: row.attempts,
    requestedBy: row.requested_by,
    requestedAt: new Date(Number(row.requested_at)),
    approvedBy: row.approved_by,
    approvedAt: date(row.approved_at),
    sentAt: date(row.sent_at),
  };
}

async function byKey(store: Store, workspaceId: number, key: string) {
  return store.db.selectFrom('mention_replies').selectAll().where('workspace_id', '=', workspaceId).where('idempotency_key', '=', key).executeTakeFirst();
}

/** Asks for a reply: stored, then sent at once unless it waits for approval. */
export async function requestReply(store: Store, workspaceId: number, mentionId: number, input: ReplyInput, who: string, now: number, options: SendOptions = {}): Promise<ReplyOutcome> {
  const key = input.idempotencyKey.trim();
  if (key === '' || key.length > MAX_KEY) throw new ReplyError(`idempotencyKey must be 1 to ${MAX_KEY} characters`);
  const text = input.text.trim();
  if (text === '') throw new ReplyError('text: the reply is empty');
  if (text.length > MAX_TEXT) throw new ReplyError(`text: the reply is ${text.length} characters; at most ${MAX_TEXT}`);

  const known = await byKey(store, workspaceId, key);
  if (known) return again(store, known, mentionId, now, options);

  const [mention] = await getMentionsByIds(store, [mentionId]);
  if (!mention || mention.workspaceId !== workspaceId) throw new NotFoundError(`no mention ${mentionId} in this workspace`);
  if (!REPLY_NETWORKS.has(mention.source)) throw new ReplyError(`mention ${mentionId} came from ${mention.source}: Murmur replies on ${[...REPLY_NETWORKS].join(' and ')} only`);
  const source = await publishingSourceFor(store, workspaceId, mention.source, input.sourceId);
  if (typeof source === 'string') throw new ReplyError(source);
  if (source.network !== mention.source) throw new ReplyError(`source ${source.id} posts to ${source.network}; mention ${mentionId} is on ${mention.source}`);

  let row: Selectable<MentionRepliesTable>;
  try {
    row = await store.db
      .insertInto('mention_replies')
      .values({
        workspace_id: workspaceId,
        mention_id: mentionId,
        source_id: source.id,
        idempotency_key: key,
        text,
        status: input.approval ? 'awaiting_approval' : 'sending',
        url: null,
        external_id: null,
        error: null,
        retry_at: null,
        attempts: 0,
        requested_by: who,
        requested_at: now,
        approved_by: null,
        approved_at: null,
        sent_at: null,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  } catch (error) {
    // The same key submitted twice at once: the other submit stored it first.
    const stored = await byKey(store, workspaceId, key);
    if (stored) return again(store, stored, mentionId, now, options);
    throw error;
  }
  if (input.approval) return { reply: fromRow(row), duplicate: false };
  return { reply: await send(store, row, now, options), duplicate: false };
}

/** A key submitted again: the stored reply, sent again only when it was waiting to retry. */
async function again(store: Store, row: Selectable<MentionRepliesTable>, mentionId: number, now: number, options: SendOptions): Promise<ReplyOutcome> {
  if (row.mention_id !== mentionId) throw new ConflictError(`idempotencyKey "${row.idempotency_key}" was used for a reply to mention ${row.mention_id}: make a new key for a new reply`);
  const due = row.status === 'retrying' ? row.retry_at === null || Number(row.retry_at) <= now : row.status === 'sending' && Number(row.updated_at) + STALE_SEND_MS <= now;
  if (due) return { reply: await send(store, row, now, options), duplicate: true };
  return { reply: fromRow(row), duplicate: true };
}

/** Approves a reply waiting for it (by a member other than its author) and sends it. */
export async function approveReply(store: Store, workspaceId: number, replyId: number, who: string, now: number, options: SendOptions = {}): Promise<Reply> {
  const row = await store.db.selectFrom('mention_replies').selectAll().where('id', '=', replyId).where('workspace_id', '=', workspaceId).executeTakeFirst();
  if (!row) throw new NotFoundError(`no reply ${replyId} in this workspace`);
  if (row.status !== 'awaiting_approval') throw new ReplyError(`reply ${replyId} is ${row.status.replace('_', ' ')}, not awaiting approval`);
  if (row.requested_by === who) throw new ReplyError(`reply ${replyId} was written by ${who}: another member approves it`);
  const approved = await store.db
    .updateTable('mention_replies')
    .set({ status: 'sending', approved_by: who, approved_at: now, updated_at: now })
    .where('id', '=', replyId)
    .where('status', '=', 'awaiting_approval')
    .returningAll()
    .executeTakeFirst();
  if (!approved) return fromRow((await store.db.selectFrom('mention_replies').selectAll().where('id', '=', replyId).executeTakeFirstOrThrow()));
  return send(store, approved, now, options);
}

/** One send of a stored reply: claimed first, so only one submit sends at a time. */
async function send(store: Store, row: Selectable<MentionRepliesTable>, now: number, options: SendOptions): Promise<Reply> {
  const claimed = await store.db
    .updateTable('mention_replies')
    .set({ status: 'sending', attempts: row.attempts + 1, updated_at: now })
    .where('id', '=', row.id)
    .where('attempts', '=', row.attempts)
    .where('status', 'in', ['sending', 'retrying'])
    .returningAll()
    .executeTakeFirst();
  if (!claimed) return fromRow(await store.db.selectFrom('mention_replies').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow());
  const finish = async (values: Partial<Selectable<MentionRepliesTable>>) =>
    fromRow(await store.db.updateTable('mention_replies').set({ ...values, updated_at: now }).where('id', '=', row.id).returningAll().executeTakeFirstOrThrow());
  try {
    const [mention] = await getMentionsByIds(store, [row.mention_id]);
    const source = await publishingSourceFor(store, row.workspace_id, mention!.source, row.source_id);
    if (typeof source === 'string') throw new PermanentPublishError(source);
    const { config, secrets } = sourceSettings(source, options.key);
    const http = new HttpClient({ fetch: options.fetch, timeoutMs: options.requestTimeoutMs });
    const result = await publishers[source.network as Network]!.publish(
      {
        text: row.text,
        // Distinct from calendar items' keys, stable across every send of this reply.
        idempotencyKey: `murmur-reply-${row.workspace_id}-${row.idempotency_key}`,
        scheduledAt: new Date(Number(row.requested_at)),
        replyTo: { externalId: mention!.externalId, authorHandle: mention!.author.handle },
      },
      { config, secrets },
      http,
    );
    return finish({ status: 'sent', url: result.url, external_id: result.externalId, error: null, retry_at: null, sent_at: now });
  } catch (error) {
    const message = (error instanceof Error ? error.message : String(error)).slice(0, 1000);
    if (error instanceof PermanentPublishError) return finish({ status: 'failed', error: message, retry_at: null });
    // Rate limited, or an outcome unknown (timeout, 5xx): submitting the key again sends it again, safely.
    return finish({ status: 'retrying', error: message, retry_at: error instanceof RateLimitedError ? error.retryAt : null });
  }
}

/** The replies to a mention, oldest first. */
export async function listReplies(store: Store, workspaceId: number, mentionId: number): Promise<Reply[]> {
  const rows = await store.db.selectFrom('mention_replies').selectAll().where('workspace_id', '=', workspaceId).where('mention_id', '=', mentionId).orderBy('id').execute();
  return rows.map(fromRow);
}
