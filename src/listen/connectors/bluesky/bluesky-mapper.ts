/**
 * Bluesky PostView → MentionInput. Shapes from app.bsky.feed.defs#postView and the
 * app.bsky.feed.post record: https://docs.bsky.app/docs/api/app-bsky-feed-search-posts
 * and https://github.com/bluesky-social/atproto/blob/main/lexicons/app/bsky/feed/post.json
 */
import { z } from 'zod';
import type { MentionInput } from '../../../core/mention.ts';

const isoDate = z.string().refine((v) => !Number.isNaN(Date.parse(v)), 'not a date');
const strongRef = z.object({ uri: z.string(), cid: z.string().optional() });

export const postRecordSchema = z.object({
  text: z.string(),
  createdAt: isoDate,
  langs: z.array(z.string()).optional(),
  reply: z.object({ root: strongRef, parent: strongRef }).optional(),
  embed: z
    .object({
      $type: z.string().optional(),
      record: z.union([strongRef, z.object({ record: strongRef })]).optional(),
    })
    .optional(),
});

export const postViewSchema = z.object({
  uri: z.string().startsWith('at://'),
  cid: z.string(),
  author: z.object({
    did: z.string(),
    handle: z.string(),
    displayName: z.string().nullish(),
    followersCount: z.number().optional(),
  }),
  record: postRecordSchema,
  replyCount: z.number().optional(),
  repostCount: z.number().optional(),
  likeCount: z.number().optional(),
  quoteCount: z.number().optional(),
  indexedAt: isoDate,
});
export type PostView = z.infer<typeof postViewSchema>;

/** `at://did/app.bsky.feed.post/rkey` → the bsky.app web URL. */
export function bskyPostUrl(uri: string, handle: string): string | null {
  const match = /^at:\/\/[^/]+\/app\.bsky\.feed\.post\/([^/]+)$/.exec(uri);
  return match ? `https://bsky.app/profile/${handle}/post/${match[1]}` : null;
}

/** The AppView sorts search results by `sortAt`: createdAt, unless the record claims a time after it was indexed. */
export function sortAt(post: PostView): number {
  return Math.min(Date.parse(post.record.createdAt), Date.parse(post.indexedAt));
}

function quotedUri(post: PostView): string | null {
  const record = post.record.embed?.record;
  if (!record) return null;
  return 'uri' in record ? record.uri : record.record.uri;
}

export function mapBlueskyPost(post: PostView): MentionInput {
  return {
    source: 'bluesky',
    externalId: post.uri,
    url: bskyPostUrl(post.uri, post.author.handle),
    author: {
      handle: post.author.handle.toLowerCase(),
      displayName: post.author.displayName || null,
      // ProfileViewBasic has no follower count; keep null (unknown), never 0.
      followers: post.author.followersCount ?? null,
    },
    text: post.record.text,
    publishedAt: new Date(post.record.createdAt),
    engagement: {
      likes: post.likeCount ?? 0,
      shares: (post.repostCount ?? 0) + (post.quoteCount ?? 0),
      replies: post.replyCount ?? 0,
      views: null,
    },
    langHint: post.record.langs?.[0] ?? null,
    parentExternalId: post.record.reply?.parent.uri ?? quotedUri(post),
  };
}
