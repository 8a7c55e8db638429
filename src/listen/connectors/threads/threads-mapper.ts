/**
 * Threads media objects from keyword search → MentionInput.
 * https://developers.facebook.com/docs/threads/keyword-search
 * https://developers.facebook.com/docs/threads/threads-media#fields
 */
import { z } from 'zod';
import type { MentionInput } from '../../../core/mention.ts';

export const threadsMediaSchema = z.object({
  id: z.string().min(1),
  text: z.string().nullish(),
  media_type: z.string().nullish(),
  permalink: z.string().nullish(),
  /** ISO 8601 with a `+0000` offset. */
  timestamp: z.string().refine((t) => !Number.isNaN(Date.parse(t)), 'not a date'),
  username: z.string().min(1),
  is_reply: z.boolean().nullish(),
  replied_to: z.object({ id: z.string() }).nullish(),
  is_quote_post: z.boolean().nullish(),
  has_replies: z.boolean().nullish(),
});
export type ThreadsMedia = z.infer<typeof threadsMediaSchema>;

/** The fields asked for: what the mapper reads, nothing more. */
export const THREADS_FIELDS = 'id,text,media_type,permalink,timestamp,username,is_reply,replied_to,is_quote_post,has_replies';

export function mapThreadsMedia(media: ThreadsMedia): MentionInput {
  return {
    source: 'threads',
    externalId: media.id,
    url: media.permalink && /^https?:\/\//.test(media.permalink) ? media.permalink : null,
    author: { handle: media.username.toLowerCase(), displayName: null, followers: null },
    text: media.text ?? '',
    publishedAt: new Date(media.timestamp),
    // Search results carry no counts; like and reply counts are insights of one's own posts only.
    engagement: { likes: 0, shares: 0, replies: 0, views: null },
    langHint: null,
    parentExternalId: media.is_reply ? (media.replied_to?.id ?? null) : null,
  };
}
