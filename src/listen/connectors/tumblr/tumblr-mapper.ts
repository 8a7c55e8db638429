/**
 * Tumblr legacy post → MentionInput. Fields common to every post type and those of
 * each type (text: title/body; photo, video, audio: caption; quote: text/source;
 * link: title/url/description; chat: title/body; answer: question/answer):
 * https://github.com/tumblr/docs/blob/master/api.md#posts--retrieve-published-posts
 * Posts in the Neue Post Format (`type: blocks`) are read through their `summary`.
 */
import { z } from 'zod';
import type { MentionInput } from '../../../core/mention.ts';
import { htmlToText } from '../html-text.ts';

const html = z.string().nullish();

export const tumblrPostSchema = z.object({
  id_string: z.string(),
  blog_name: z.string(),
  blog: z.object({ title: z.string().nullish() }).partial().nullish(),
  post_url: z.string(),
  type: z.string(),
  timestamp: z.number(),
  /** On a "featured" tag, the order and the `before` cursor use this time instead. */
  featured_timestamp: z.number().nullish(),
  tags: z.array(z.string()).default([]),
  note_count: z.number().nullish(),
  summary: z.string().nullish(),
  /** Only on reblogs: the reblogged post, `https://<blog>.tumblr.com/post/<id>/…`. */
  parent_post_url: z.string().nullish(),
  title: html,
  body: html,
  caption: html,
  text: html,
  source: html,
  url: z.string().nullish(),
  description: html,
  question: html,
  answer: html,
});
export type TumblrPost = z.infer<typeof tumblrPostSchema>;

/** The post's time in Tumblr's order for this tag (seconds). */
export const tumblrTime = (post: TumblrPost) => post.featured_timestamp ?? post.timestamp;

function bodyOf(post: TumblrPost): string[] {
  switch (post.type) {
    case 'text':
    case 'chat':
      return [htmlToText(post.title), htmlToText(post.body)];
    case 'quote':
      return [htmlToText(post.text), htmlToText(post.source)];
    case 'link':
      return [htmlToText(post.title), post.url ?? '', htmlToText(post.description)];
    case 'answer':
      return [htmlToText(post.question), htmlToText(post.answer)];
    case 'photo':
    case 'video':
    case 'audio':
      return [htmlToText(post.caption)];
    default:
      return [];
  }
}

export function mapTumblrPost(post: TumblrPost): MentionInput {
  const parts = bodyOf(post).map((part) => part.trim()).filter(Boolean);
  if (parts.length === 0 && post.summary) parts.push(post.summary.trim());
  // Tags are why the post was found; Tumblr allows spaces in them, a hashtag does not.
  const tags = post.tags.map((t) => `#${t.replace(/\s+/g, '')}`).filter((t) => t.length > 1);
  if (tags.length) parts.push(tags.join(' '));
  return {
    source: 'tumblr',
    externalId: post.id_string,
    url: post.post_url,
    author: { handle: post.blog_name.toLowerCase(), displayName: post.blog?.title || null, followers: null },
    text: parts.join('\n\n'),
    publishedAt: new Date(post.timestamp * 1000),
    // Notes are likes, reblogs and replies together; Tumblr gives no split without OAuth.
    engagement: { likes: post.note_count ?? 0, shares: 0, replies: 0, views: null },
    langHint: null,
    parentExternalId: post.parent_post_url ? (/\/post\/(\d+)/.exec(post.parent_post_url)?.[1] ?? null) : null,
  };
}
