/**
 * YouTube resources → MentionInput: a video from search.list (completed by videos.list
 * where it answered) and the top-level comment of a comment thread.
 * https://developers.google.com/youtube/v3/docs/search#resource
 * https://developers.google.com/youtube/v3/docs/videos#resource
 * https://developers.google.com/youtube/v3/docs/commentThreads#resource
 * https://developers.google.com/youtube/v3/docs/comments#resource
 */
import { z } from 'zod';
import type { MentionInput } from '../../../core/mention.ts';
import { decodeEntities } from '../html-text.ts';

const time = z.string().refine((v) => !Number.isNaN(Date.parse(v)), 'not a date');
/** Counts are strings of digits in the API (they can exceed 2^53 in principle). */
const count = z.string().regex(/^\d+$/).transform(Number).nullish();

export const searchResultSchema = z.object({
  id: z.object({ kind: z.string(), videoId: z.string().optional() }),
  snippet: z.object({ publishedAt: time, channelId: z.string(), title: z.string(), description: z.string().nullish(), channelTitle: z.string().nullish() }),
});
export type SearchResult = z.infer<typeof searchResultSchema>;
export type VideoResult = SearchResult & { id: { videoId: string } };

export const videoSchema = z.object({
  id: z.string(),
  snippet: z.object({ title: z.string(), description: z.string().nullish(), defaultLanguage: z.string().nullish(), defaultAudioLanguage: z.string().nullish() }).optional(),
  statistics: z.object({ viewCount: count, likeCount: count, commentCount: count }).partial().optional(),
});
export type Video = z.infer<typeof videoSchema>;

export const commentThreadSchema = z.object({
  id: z.string(),
  snippet: z.object({
    videoId: z.string(),
    totalReplyCount: z.number().nullish(),
    topLevelComment: z.object({
      id: z.string(),
      snippet: z.object({
        authorDisplayName: z.string(),
        authorChannelUrl: z.string().nullish(),
        authorChannelId: z.object({ value: z.string() }).nullish(),
        textDisplay: z.string().nullish(),
        textOriginal: z.string().nullish(),
        likeCount: z.number().nullish(),
        publishedAt: time,
      }),
    }),
  }),
});
export type CommentThread = z.infer<typeof commentThreadSchema>;

export const watchUrl = (videoId: string) => `https://www.youtube.com/watch?v=${encodeURIComponent(videoId)}`;

/** `defaultAudioLanguage` is what is spoken; `zxx` means no linguistic content. */
const langOf = (video: Video | undefined) => {
  const lang = video?.snippet?.defaultAudioLanguage ?? video?.snippet?.defaultLanguage ?? null;
  return lang && lang !== 'zxx' ? lang : null;
};

export function mapVideo(result: VideoResult, video: Video | undefined): MentionInput {
  // search.list escapes HTML in its snippet and cuts the description; videos.list has it whole.
  const title = video?.snippet?.title ?? decodeEntities(result.snippet.title);
  const description = (video?.snippet ? video.snippet.description : decodeEntities(result.snippet.description ?? ''))?.trim();
  const stats = video?.statistics;
  return {
    source: 'youtube',
    externalId: result.id.videoId,
    url: watchUrl(result.id.videoId),
    // Channel ids are case-sensitive: kept as they are.
    author: { handle: result.snippet.channelId, displayName: result.snippet.channelTitle ? decodeEntities(result.snippet.channelTitle) : null, followers: null },
    text: description ? `${title}\n\n${description}` : title,
    publishedAt: new Date(result.snippet.publishedAt),
    engagement: { likes: stats?.likeCount ?? 0, shares: 0, replies: stats?.commentCount ?? 0, views: stats?.viewCount ?? null },
    langHint: langOf(video),
    parentExternalId: null,
  };
}

export function mapCommentThread(thread: CommentThread): MentionInput {
  const comment = thread.snippet.topLevelComment;
  const s = comment.snippet;
  // The @handle where the channel has one; else its id (stable, unlike the display name).
  const handle = /\/@([^/?#]+)/.exec(s.authorChannelUrl ?? '')?.[1]?.toLowerCase() ?? s.authorChannelId?.value ?? s.authorDisplayName;
  return {
    source: 'youtube',
    externalId: comment.id,
    url: `${watchUrl(thread.snippet.videoId)}&lc=${encodeURIComponent(comment.id)}`,
    author: { handle, displayName: s.authorDisplayName, followers: null },
    text: s.textOriginal ?? decodeEntities(s.textDisplay ?? ''),
    publishedAt: new Date(s.publishedAt),
    engagement: { likes: s.likeCount ?? 0, shares: 0, replies: thread.snippet.totalReplyCount ?? 0, views: null },
    langHint: null,
    parentExternalId: thread.snippet.videoId,
  };
}
