/**
 * HN Search (Algolia) hit → MentionInput. Hit fields from https://hn.algolia.com/api
 * (objectID, created_at_i, author, title, url, story_text, comment_text, points,
 * num_comments, story_id, parent_id, _tags).
 */
import { z } from 'zod';
import type { MentionInput } from '../../../core/mention.ts';
import { htmlToText } from '../html-text.ts';

export const hitSchema = z.object({
  objectID: z.string(),
  created_at_i: z.number(),
  author: z.string(),
  title: z.string().nullish(),
  url: z.string().nullish(),
  story_text: z.string().nullish(),
  comment_text: z.string().nullish(),
  points: z.number().nullish(),
  num_comments: z.number().nullish(),
  story_id: z.number().nullish(),
  parent_id: z.number().nullish(),
  story_title: z.string().nullish(),
  _tags: z.array(z.string()).optional(),
});
export type HackerNewsHit = z.infer<typeof hitSchema>;

export const itemUrl = (id: string | number) => `https://news.ycombinator.com/item?id=${id}`;

export function mapHackerNewsHit(hit: HackerNewsHit): MentionInput {
  const isComment = hit._tags?.includes('comment') ?? hit.comment_text != null;
  const text = isComment
    ? htmlToText(hit.comment_text)
    : [hit.title ?? '', htmlToText(hit.story_text), hit.url ?? ''].filter(Boolean).join('\n\n');
  return {
    source: 'hackernews',
    externalId: hit.objectID,
    url: itemUrl(hit.objectID),
    author: { handle: hit.author.toLowerCase(), displayName: null, followers: null },
    text,
    publishedAt: new Date(hit.created_at_i * 1000),
    engagement: { likes: hit.points ?? 0, shares: 0, replies: hit.num_comments ?? 0, views: null },
    // HN is English by convention but not by rule: no hint, detection decides.
    langHint: null,
    parentExternalId: isComment && hit.parent_id != null ? String(hit.parent_id) : null,
  };
}
