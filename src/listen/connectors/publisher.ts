/**
 * Publishing a calendar item, or a reply to a mention, to a network. A publisher must be safe to call again
 * with the same idempotency key after a failure whose outcome is unknown (timeout,
 * crash): the network must not end up with two posts.
 */
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
