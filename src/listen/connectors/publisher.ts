/**
 * Publishing a calendar item, or a reply to a mention, to a network. A publisher must be safe to call again
 * with the same idempotency key after a failure whose outcome is unknown (timeout,
 * crash): the network must not end up with two posts.
 */
import type { MediaAttachment } from '../../core/post-rules.ts';
import type { HttpClient } from './http.ts';

export interface PublishRequest {
  text: string;
  /** Stable across retries of the same calendar item. */
  idempotencyKey: string;
  /** When the item was scheduled; Bluesky records carry it as createdAt. */
  scheduledAt: Date;
  language?: string | null;
  /** Post as a reply to this post, threaded (a mention being answered). */
  replyTo?: ReplyTarget;
  /** Pictures with their alt text, uploaded before the post (at most once: see `uploads`). */
  pictures?: MediaAttachment[];
  /** What earlier attempts of this item uploaded to this account; without it every attempt uploads. */
  uploads?: UploadLedger;
  /** Waits between polls of a picture the network is still processing (tests pass one that does not wait). */
  wait?: (ms: number) => Promise<void>;
}

/** The post a reply answers, as Murmur stored it. */
export interface ReplyTarget {
  /** The stored external id: a Mastodon status URI, a Bluesky at:// URI. */
  externalId: string;
  /** Its author's handle (Mastodon replies name the author, so they are notified). */
  authorHandle: string;
}

export interface PublishResult {
  url: string;
  externalId: string;
}

export interface Publisher<Config, Secrets> {
  publish(request: PublishRequest, source: { config: Config; secrets: Secrets }, http: HttpClient): Promise<PublishResult>;
}

/** The publish failed in a way retrying cannot fix (no credentials, text too long…). */
export class PermanentPublishError extends Error {
  override name = 'PermanentPublishError';
}

/** What a network answered for an uploaded picture, kept across attempts. */
export interface UploadLedger {
  find(key: string): Promise<string | null>;
  remember(key: string, remote: string): Promise<void>;
  /** The network no longer has that upload (it removes unattached ones after a while): the next use uploads again. */
  forget(key: string): Promise<void>;
  forgetAll(): Promise<void>;
}
