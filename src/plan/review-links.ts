/**
 * A client's review link to one calendar item: no account needed, read and comment only.
 * The token is 256 random bits (unguessable, so as good as a signature) and only its
 * SHA-256 is stored, so the table cannot be replayed; a link expires, and can be revoked.
 * Approving by link is deliberately impossible: approval stays with a member the
 * workspace made an owner, whose decision is attributable; a client's word arrives as
 * a comment the approver reads.
 */
import { randomSecret, sha256 } from '../accounts/secrets.ts';
import { MurmurError } from '../core/errors.ts';
import { parseInput, ValidationError } from '../core/validation.ts';
import { z } from 'zod';
import type { Store } from '../store/store.ts';
import { NotFoundError } from '../store/workspaces.ts';
import { CommentSchema } from './approvals.ts';
import { toItem } from './calendar.ts';
import { calendarEvents, logCalendarEvent, type CalendarEvent } from './calendar-log.ts';
import { storable, type MediaAttachment } from '../core/post-rules.ts';

export const REVIEW_TOKEN_PREFIX = 'mrv_';
export const MAX_REVIEW_LINK_DAYS = 90;
const DAY_MS = 86_400_000;

export interface ReviewLink {
  id: number;
  itemId: number;
  createdBy: string;
  createdAt: number;
  expiresAt: number;
  revokedAt: number | null;
}

/** The link as created: the only time its token is seen. */
export interface CreatedReviewLink extends ReviewLink {
  token: string;
}

/** What a client sees: the post as it will go out and the comments so far. Nothing internal (owner, source, errors). */
export interface ReviewView {
  item: { channel: string; title: string; body: string; media: MediaAttachment[]; scheduledAt: number | null; status: string; approval: string };
  comments: { author: string; comment: string; createdAt: number }[];
  expiresAt: number;
}

/** The link cannot be used: unknown (or forged) 404, expired or revoked 410. */
export class ReviewLinkError extends MurmurError {
  override name = 'ReviewLinkError';
}

export const ReviewLinkInputSchema = z.object({ days: z.number().int().min(1).max(MAX_REVIEW_LINK_DAYS).default(7) }).strict();

type LinkRow = { id: number; item_id: number; created_by: string; created_at: number; expires_at: number; revoked_at: number | null };
const toLink = (r: LinkRow): ReviewLink => ({ id: r.id, itemId: r.item_id, createdBy: r.created_by, createdAt: r.created_at, expiresAt: r.expires_at, revokedAt: r.revoked_at });

export async function createReviewLink(store: Store, workspaceId: number, itemId: number, author: string, input: z.input<typeof ReviewLinkInputSchema> = {}, now = Date.now()): Promise<CreatedReviewLink> {
  const { days } = parseInput(ReviewLinkInputSchema, input, 'review link');
  const item = await store.db.selectFrom('calendar_items').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', itemId).executeTakeFirst();
  if (!item) throw new NotFoundError(`no calendar item #${itemId} in this workspace`);
  const token = `${REVIEW_TOKEN_PREFIX}${randomSecret()}`;
  const row = await store.db
    .insertInto('calendar_review_links')
    .values({ workspace_id: workspaceId, item_id: itemId, token_hash: sha256(token), created_by: author, created_at: now, expires_at: now + days * DAY_MS })
    .returningAll()
    .executeTakeFirstOrThrow();
  await logCalendarEvent(store, workspaceId, toItem(item, now), { kind: 'review-link', author, detail: `#${row.id} until ${new Date(row.expires_at).toISOString()}` }, now);
  return { ...toLink(row), token };
}

export async function listReviewLinks(store: Store, workspaceId: number, itemId: number): Promise<ReviewLink[]> {
  const rows = await store.db.selectFrom('calendar_review_links').selectAll().where('workspace_id', '=', workspaceId).where('item_id', '=', itemId).orderBy('id').execute();
  return rows.map(toLink);
}

export async function revokeReviewLink(store: Store, workspaceId: number, linkId: number, author: string, now = Date.now()): Promise<ReviewLink> {
  const row = await store.db.selectFrom('calendar_review_links').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', linkId).executeTakeFirst();
  if (!row) throw new NotFoundError(`no review link #${linkId} in this workspace`);
  if (row.revoked_at !== null) return toLink(row);
  await store.db.updateTable('calendar_review_links').set({ revoked_at: now }).where('id', '=', linkId).execute();
  const item = await store.db.selectFrom('calendar_items').selectAll().where('id', '=', row.item_id).executeTakeFirstOrThrow();
  await logCalendarEvent(store, workspaceId, toItem(item, now), { kind: 'review-link-revoked', author, detail: `#${row.id}` }, now);
  return toLink({ ...row, revoked_at: now });
}

async function validLink(store: Store, token: string, now: number) {
  // Same answer for a malformed token and an unknown one: nothing to learn by probing.
  const row = token.startsWith(REVIEW_TOKEN_PREFIX) && token.length < 200
    ? await store.db.selectFrom('calendar_review_links').selectAll().where('token_hash', '=', sha256(token)).executeTakeFirst()
    : undefined;
  if (!row) throw new ReviewLinkError('review_link_unknown', 404, 'this review link is not valid: check that it was copied whole');
  if (row.revoked_at !== null) throw new ReviewLinkError('review_link_revoked', 410, 'this review link was withdrawn: ask for a new one');
  if (row.expires_at <= now) throw new ReviewLinkError('review_link_expired', 410, `this review link expired on ${new Date(row.expires_at).toISOString().slice(0, 10)}: ask for a new one`);
  const item = await store.db.selectFrom('calendar_items').selectAll().where('id', '=', row.item_id).executeTakeFirstOrThrow();
  return { link: row, item: toItem(item, now) };
}

// The client sees the conversation, not the team's internal approval decisions.
const CLIENT_EVENTS = new Set(['client-comment', 'commented']);

export async function openReviewLink(store: Store, token: string, now = Date.now()): Promise<ReviewView> {
  const { link, item } = await validLink(store, token, now);
  const events: CalendarEvent[] = await calendarEvents(store, link.workspace_id, item.id);
  return {
    item: { channel: item.channel, title: item.title, body: item.body, media: item.media, scheduledAt: item.scheduledAt, status: item.status, approval: item.approval },
    comments: events.filter((e) => CLIENT_EVENTS.has(e.kind) && e.comment).map((e) => ({ author: e.kind === 'client-comment' ? e.author : 'team', comment: e.comment!, createdAt: e.createdAt })),
    expiresAt: link.expires_at,
  };
}

export const ClientCommentSchema = z.object({ name: storable(z.string().trim().min(1).max(100)), comment: CommentSchema }).strict();

/** A client's comment through the link, signed with the name they give (there is no account to check it against). */
export async function commentByReviewLink(store: Store, token: string, input: z.input<typeof ClientCommentSchema>, now = Date.now()): Promise<ReviewView> {
  const { name, comment } = parseInput(ClientCommentSchema, input, 'comment');
  const { link, item } = await validLink(store, token, now);
  if (item.status === 'published') throw new ValidationError('this post is already published; comments are closed');
  await logCalendarEvent(store, link.workspace_id, item, { kind: 'client-comment', author: `${name} (review link #${link.id})`, comment }, now);
  return openReviewLink(store, token, now);
}
