/**
 * YouTube Data API v3 answers shaped as its reference documents them:
 * - search.list → `{kind: "youtube#searchListResponse", etag, nextPageToken, prevPageToken,
 *   regionCode, pageInfo: {totalResults, resultsPerPage}, items: [searchResult]}`, a result
 *   `{kind: "youtube#searchResult", etag, id: {kind, videoId}, snippet: {publishedAt, channelId,
 *   title, description, thumbnails, channelTitle, liveBroadcastContent, publishTime}}` (titles
 *   HTML-escaped, descriptions cut): https://developers.google.com/youtube/v3/docs/search/list
 *   and https://developers.google.com/youtube/v3/docs/search#resource
 * - videos.list → `{kind: "youtube#videoListResponse", items: [{kind: "youtube#video", id,
 *   snippet: {…, defaultAudioLanguage}, statistics: {viewCount, likeCount, favoriteCount,
 *   commentCount}}]}` (counts are strings): https://developers.google.com/youtube/v3/docs/videos#resource
 * - commentThreads.list → `{kind: "youtube#commentThreadListResponse", nextPageToken, pageInfo,
 *   items: [{kind: "youtube#commentThread", id, snippet: {channelId, videoId, topLevelComment:
 *   {kind: "youtube#comment", id, snippet: {authorDisplayName, authorProfileImageUrl,
 *   authorChannelUrl, authorChannelId: {value}, textDisplay, textOriginal, likeCount,
 *   publishedAt, updatedAt}}, canReply, totalReplyCount, isPublic}}]}`:
 *   https://developers.google.com/youtube/v3/docs/commentThreads#resource and
 *   https://developers.google.com/youtube/v3/docs/comments#resource
 * - errors `{error: {code, message, errors: [{message, domain, reason}], status}}`: 403
 *   `quotaExceeded` (domain youtube.quota), 403 `commentsDisabled`, 404 `videoNotFound`,
 *   400 `API_KEY_INVALID`: https://developers.google.com/youtube/v3/docs/errors and
 *   https://developers.google.com/youtube/v3/docs/core_errors
 * - quota: 10,000 units a day by default, search.list 100, videos.list and
 *   commentThreads.list 1, reset at midnight Pacific Time:
 *   https://developers.google.com/youtube/v3/getting-started#quota and
 *   https://developers.google.com/youtube/v3/determine_quota_cost
 */
export interface VideoFixture {
  id: string;
  channelId: string;
  channelTitle: string;
  channelHandle: string;
  title: string;
  description: string;
  publishedAt: string;
  lang: string | null;
  views: number;
  likes: number;
  comments: CommentFixture[];
  commentsDisabled?: boolean;
}

export interface CommentFixture {
  id: string;
  author: string;
  channelId: string;
  text: string;
  likes: number;
  replies: number;
  publishedAt: string;
}

/** 12:00 in California (PST, UTC−8): half the quota day has gone. */
export const NOW = Date.parse('2026-11-22T20:00:00Z');
const at = (hoursAgo: number) => new Date(NOW - hoursAgo * 3600_000).toISOString().replace('.000Z', 'Z');

export function video(id: string, hoursAgo: number, title: string, options: Partial<VideoFixture> = {}): VideoFixture {
  return {
    id,
    channelId: options.channelId ?? 'UCbrewly0000000000000000',
    channelTitle: options.channelTitle ?? 'Brewly Coffee',
    channelHandle: options.channelHandle ?? '@brewlycoffee',
    title,
    description: options.description ?? `${title} — full description.`,
    publishedAt: at(hoursAgo),
    lang: options.lang ?? 'en',
    views: options.views ?? 100,
    likes: options.likes ?? 10,
    comments: options.comments ?? [],
    ...(options.commentsDisabled ? { commentsDisabled: true } : {}),
  };
}

export function comment(id: string, hoursAgo: number, author: string, text: string, likes = 0, replies = 0): CommentFixture {
  return { id, author, channelId: `UC${author.replace(/\W/g, '').padEnd(22, 'x')}`, text, likes, replies, publishedAt: at(hoursAgo) };
}

export function brewlyVideos(): VideoFixture[] {
  return [
    video('dQw4w9WgXcQ', 10, 'Brewly cold brew review', {
      description: 'We tried Brewly & friends.\nLong form review of the Brewly kit, with tasting notes that go on well past the 160 characters search.list keeps of a description, so only videos.list has the end.',
      views: 15234,
      likes: 812,
      comments: [comment('UgzAbc1', 9, '@marie_fr', 'Le Brewly est top ☕', 12, 2), comment('UgzAbc2', 8, '@kenji', 'Brewly の新作？', 3, 0)],
    }),
    video('9bZkp7q19f0', 8, 'Brewly vs the rest: blind test', { channelId: 'UCtaster00000000000000000', channelTitle: 'Taste Lab', channelHandle: '@tastelab', lang: 'en-GB', comments: [comment('UgzDef1', 7, '@angry_andy', 'Brewly charged me twice', 1, 4)] }),
    video('kJQP7kiw5Fk', 6, 'Brewly en España', { lang: 'es', commentsDisabled: true, channelId: 'UCespresso000000000000000', channelTitle: 'Café & Co', channelHandle: '@cafeyco' }),
    video('RgKAFK5djSk', 4, 'Brewly latte art', { lang: 'zxx' }),
    video('OPf0YbXqDm0', 2, 'Brewly roastery tour', { comments: [] }),
  ];
}

/** search.list escapes HTML in titles and keeps 160 characters of a description. */
export const searchSnippetText = (text: string) => text.replace(/&/g, '&amp;').replace(/'/g, '&#39;').replace(/"/g, '&quot;');

export function googleError(code: number, reason: string, domain: string, message: string, status: string) {
  return { error: { code, message, errors: [{ message, domain, reason }], status } };
}

export const QUOTA_EXCEEDED = googleError(403, 'quotaExceeded', 'youtube.quota', 'The request cannot be completed because you have exceeded your <a href="/youtube/v3/getting-started#quota">quota</a>.', 'PERMISSION_DENIED');
export const COMMENTS_DISABLED = googleError(403, 'commentsDisabled', 'youtube.commentThread', 'The video identified by the <code><a href="/youtube/v3/docs/commentThreads/list#videoId">videoId</a></code> parameter has disabled comments.', 'PERMISSION_DENIED');
export const KEY_INVALID = {
  error: {
    code: 400,
    message: 'API key not valid. Please pass a valid API key.',
    errors: [{ message: 'API key not valid. Please pass a valid API key.', domain: 'global', reason: 'badRequest' }],
    status: 'INVALID_ARGUMENT',
    details: [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'API_KEY_INVALID', domain: 'googleapis.com', metadata: { service: 'youtube.googleapis.com' } }],
  },
};
