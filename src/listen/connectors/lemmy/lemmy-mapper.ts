/**
 * Lemmy PostView / CommentView → MentionInput. Field names from the API's types:
 * https://join-lemmy.org/api/interfaces/PostView.html
 * https://join-lemmy.org/api/interfaces/CommentView.html
 *
 * Ids are the polled instance's own (`https://<instance>/post/<id>`, `…/comment/<id>`):
 * a comment names its parent only by local id (its `path`), so local ids are what
 * links a reply to its parent. The url is the item's ActivityPub id, its page on
 * the instance it was written on.
 */
import { z } from 'zod';
import type { MentionInput } from '../../../core/mention.ts';

/** Lemmy before 0.19 wrote timestamps without a zone; they are UTC. */
export const lemmyTime = z
  .string()
  .transform((value) => Date.parse(/(Z|[+-]\d\d:?\d\d)$/i.test(value) ? value : `${value}Z`))
  .refine((t) => !Number.isNaN(t), 'not a date');

const personSchema = z.object({ id: z.number(), name: z.string(), display_name: z.string().nullish(), actor_id: z.string() });
const communitySchema = z.object({ id: z.number(), name: z.string(), title: z.string().nullish(), actor_id: z.string() });

export const postViewSchema = z.object({
  post: z.object({ id: z.number(), name: z.string(), url: z.string().nullish(), body: z.string().nullish(), published: lemmyTime, ap_id: z.string() }),
  creator: personSchema,
  community: communitySchema,
  counts: z.object({ comments: z.number(), score: z.number() }),
});
export type LemmyPostView = z.infer<typeof postViewSchema>;

export const commentViewSchema = z.object({
  comment: z.object({ id: z.number(), content: z.string(), published: lemmyTime, ap_id: z.string(), path: z.string(), post_id: z.number() }),
  creator: personSchema,
  post: z.object({ id: z.number(), name: z.string() }),
  community: communitySchema,
  counts: z.object({ score: z.number(), child_count: z.number() }),
});
export type LemmyCommentView = z.infer<typeof commentViewSchema>;

const hostOf = (actorId: string) => {
  try {
    return new URL(actorId).host.toLowerCase();
  } catch {
    return null;
  }
};

/** `name@home-instance`, as Lemmy writes users and communities across the federation. */
export function federatedName(name: string, actorId: string): string {
  const host = hostOf(actorId);
  return (host ? `${name}@${host}` : name).toLowerCase();
}

const author = (creator: LemmyPostView['creator']) => ({ handle: federatedName(creator.name, creator.actor_id), displayName: creator.display_name || null, followers: null });

/** The community closes the text as Lemmy links it (`!name@instance`): a mention has no community field, and so it can be searched. */
const communityLine = (community: LemmyPostView['community']) => `!${federatedName(community.name, community.actor_id)}`;

export const postId = (instanceHost: string, id: number) => `https://${instanceHost}/post/${id}`;
export const commentId = (instanceHost: string, id: number) => `https://${instanceHost}/comment/${id}`;

export function mapLemmyPost(view: LemmyPostView, instanceHost: string): MentionInput {
  const { post } = view;
  return {
    source: 'lemmy',
    externalId: postId(instanceHost, post.id),
    url: post.ap_id,
    author: author(view.creator),
    text: [post.name, post.body?.trim(), post.url, communityLine(view.community)].filter(Boolean).join('\n\n'),
    publishedAt: new Date(post.published),
    engagement: { likes: view.counts.score, shares: 0, replies: view.counts.comments, views: null },
    // `language_id` indexes the instance's own language table; detection decides.
    langHint: null,
    parentExternalId: null,
  };
}

/** `path` is `0.<ancestor ids>.<own id>`: the id before the comment's own is its parent comment; none means the post. */
export function commentParent(path: string, ownId: number): number | null {
  const ids = path.split('.').filter((part) => part !== '0' && part !== String(ownId));
  const parent = ids.at(-1);
  return parent ? Number(parent) : null;
}

export function mapLemmyComment(view: LemmyCommentView, instanceHost: string): MentionInput {
  const { comment } = view;
  const parent = commentParent(comment.path, comment.id);
  return {
    source: 'lemmy',
    externalId: commentId(instanceHost, comment.id),
    url: comment.ap_id,
    author: author(view.creator),
    text: [comment.content.trim(), communityLine(view.community)].join('\n\n'),
    publishedAt: new Date(comment.published),
    engagement: { likes: view.counts.score, shares: 0, replies: view.counts.child_count, views: null },
    langHint: null,
    parentExternalId: parent == null ? postId(instanceHost, comment.post_id) : commentId(instanceHost, parent),
  };
}
