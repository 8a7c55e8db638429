/**
 * Reddit things → MentionInput. Listing and thing shapes from https://www.reddit.com/dev/api/
 * (Listing: `{kind: "Listing", data: {after, before, children}}`; links are `t3`,
 * comments `t1`, with the fields of reddit's JSON as served with `raw_json=1`).
 */
import { z } from 'zod';
import type { MentionInput } from '../../../core/mention.ts';

const REDDIT = 'https://www.reddit.com';

export const linkSchema = z.object({
  id: z.string(),
  name: z.string(),
  title: z.string(),
  selftext: z.string().nullish(),
  author: z.string(),
  subreddit: z.string(),
  permalink: z.string(),
  url: z.string().nullish(),
  created_utc: z.number(),
  score: z.number().nullish(),
  num_comments: z.number().nullish(),
  num_crossposts: z.number().nullish(),
  crosspost_parent: z.string().nullish(),
});
export type RedditLink = z.infer<typeof linkSchema>;

export interface RedditComment {
  id: string;
  name: string;
  body: string;
  author: string;
  permalink: string;
  created_utc: number;
  score?: number | null;
  parent_id: string;
  replies?: unknown;
}

export const commentSchema: z.ZodType<RedditComment> = z.object({
  id: z.string(),
  name: z.string(),
  body: z.string(),
  author: z.string(),
  permalink: z.string(),
  created_utc: z.number(),
  score: z.number().nullish(),
  parent_id: z.string(),
  replies: z.unknown().optional(),
});

export const listingSchema = z.object({
  kind: z.literal('Listing'),
  data: z.object({
    after: z.string().nullish(),
    children: z.array(z.object({ kind: z.string(), data: z.unknown() })),
  }),
});

/** `[deleted]` authors stay visible as such rather than as an empty handle. */
const handleOf = (author: string) => author.toLowerCase();

export function mapRedditLink(link: RedditLink): MentionInput {
  const body = link.selftext?.trim();
  return {
    source: 'reddit',
    externalId: link.name,
    url: `${REDDIT}${link.permalink}`,
    author: { handle: handleOf(link.author), displayName: null, followers: null },
    text: body ? `${link.title}\n\n${body}` : link.title,
    publishedAt: new Date(link.created_utc * 1000),
    engagement: { likes: link.score ?? 0, shares: link.num_crossposts ?? 0, replies: link.num_comments ?? 0, views: null },
    langHint: null,
    parentExternalId: link.crosspost_parent ?? null,
  };
}

export function mapRedditComment(comment: RedditComment, replyCount: number): MentionInput {
  return {
    source: 'reddit',
    externalId: comment.name,
    url: `${REDDIT}${comment.permalink}`,
    author: { handle: handleOf(comment.author), displayName: null, followers: null },
    text: comment.body,
    publishedAt: new Date(comment.created_utc * 1000),
    engagement: { likes: comment.score ?? 0, shares: 0, replies: replyCount, views: null },
    langHint: null,
    parentExternalId: comment.parent_id,
  };
}

/** Walks a comment tree (`replies` is "" or a Listing), skipping `more` stubs and malformed nodes. */
export function flattenComments(children: { kind: string; data: unknown }[]): MentionInput[] {
  const out: MentionInput[] = [];
  const visit = (nodes: { kind: string; data: unknown }[]) => {
    for (const node of nodes) {
      if (node.kind !== 't1') continue;
      const parsed = commentSchema.safeParse(node.data);
      if (!parsed.success) continue;
      const replies = parsed.data.replies;
      const childNodes =
        typeof replies === 'object' && replies !== null && 'data' in replies
          ? (((replies as { data: { children?: { kind: string; data: unknown }[] } }).data.children) ?? [])
          : [];
      out.push(mapRedditComment(parsed.data, childNodes.filter((c) => c.kind === 't1').length));
      visit(childNodes);
    }
  };
  visit(children);
  return out;
}
