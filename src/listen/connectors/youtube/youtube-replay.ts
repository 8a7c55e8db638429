/**
 * Test support: the YouTube Data API v3 on a ReplayServer — search.list (type=video,
 * order=date, publishedAfter inclusive, pageToken), videos.list (by ids), and
 * commentThreads.list (order=time) — with the key checked, units counted at the
 * documented costs, and `quotaExceeded` once the day's units are spent.
 */
import { NetworkReplay, startReplay, ReplayServer, type ReplayRequest, type ReplayResponse } from '../replay-server.ts';
import { COMMENTS_DISABLED, googleError, KEY_INVALID, QUOTA_EXCEEDED, searchSnippetText, type VideoFixture } from './youtube-fixtures.ts';

const COST: Record<string, number> = { search: 100, videos: 1, commentThreads: 1 };

export class YouTubeReplay extends NetworkReplay {
  videos: VideoFixture[] = [];
  apiKey = 'replay-youtube-api-key-not-a-real-one';
  /** Units Google has counted, and the project's daily quota. */
  unitsUsed = 0;
  quota = 10_000;

  constructor(server: ReplayServer) {
    super(server);
    for (const resource of Object.keys(COST)) this.server.route('GET', `/youtube/v3/${resource}`, (req) => this.#answer(resource, req));
  }

  static start(): Promise<YouTubeReplay> {
    return startReplay(YouTubeReplay);
  }

  override get url() {
    return `${this.server.url}/youtube/v3`;
  }

  #answer(resource: string, req: ReplayRequest): ReplayResponse {
    if (req.query.get('key') !== this.apiKey) return { status: 400, json: KEY_INVALID };
    if (this.unitsUsed + COST[resource]! > this.quota) return { status: 403, json: QUOTA_EXCEEDED };
    this.unitsUsed += COST[resource]!;
    if (resource === 'search') return this.#search(req);
    if (resource === 'videos') return this.#videos(req);
    return this.#threads(req);
  }

  #search(req: ReplayRequest): ReplayResponse {
    const q = req.query;
    if (q.get('type') !== 'video' || q.get('order') !== 'date' || q.get('part') !== 'snippet') return { status: 400, json: googleError(400, 'invalidSearchFilter', 'youtube.search', 'The request contains an invalid combination of search filters and/or restrictions.', 'INVALID_ARGUMENT') };
    const after = q.get('publishedAfter');
    if (after && !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/.test(after)) return { status: 400, json: googleError(400, 'invalidPublishedAfterTime', 'youtube.search', 'The publishedAfter parameter value has an invalid format.', 'INVALID_ARGUMENT') };
    const max = Number(q.get('maxResults') ?? 5);
    const offset = q.get('pageToken') ? Number(Buffer.from(q.get('pageToken')!, 'base64url').toString().slice(2)) : 0;
    const words = (q.get('q') ?? '').toLowerCase();
    const matching = this.videos
      .filter((v) => `${v.title} ${v.description}`.toLowerCase().includes(words) && (!after || Date.parse(v.publishedAt) >= Date.parse(after)))
      .sort((a, b) => Date.parse(b.publishedAt) - Date.parse(a.publishedAt));
    const page = matching.slice(offset, offset + max);
    const token = (n: number) => Buffer.from(`CA${n}`).toString('base64url');
    return {
      json: {
        kind: 'youtube#searchListResponse',
        etag: 'q4ibjmYp1KA3RqMF4jFLl6PBwOg',
        ...(offset + max < matching.length ? { nextPageToken: token(offset + max) } : {}),
        ...(offset > 0 ? { prevPageToken: token(Math.max(0, offset - max)) } : {}),
        regionCode: 'FR',
        pageInfo: { totalResults: matching.length, resultsPerPage: max },
        items: page.map((v) => ({
          kind: 'youtube#searchResult',
          etag: `e-${v.id}`,
          id: { kind: 'youtube#video', videoId: v.id },
          snippet: {
            publishedAt: v.publishedAt,
            channelId: v.channelId,
            title: searchSnippetText(v.title),
            description: searchSnippetText(v.description.slice(0, 160)),
            thumbnails: { default: { url: `https://i.ytimg.com/vi/${v.id}/default.jpg`, width: 120, height: 90 } },
            channelTitle: searchSnippetText(v.channelTitle),
            liveBroadcastContent: 'none',
            publishTime: v.publishedAt,
          },
        })),
      },
    };
  }

  #videos(req: ReplayRequest): ReplayResponse {
    const ids = (req.query.get('id') ?? '').split(',');
    const items = this.videos
      .filter((v) => ids.includes(v.id))
      .map((v) => ({
        kind: 'youtube#video',
        etag: `v-${v.id}`,
        id: v.id,
        snippet: { publishedAt: v.publishedAt, channelId: v.channelId, title: v.title, description: v.description, channelTitle: v.channelTitle, categoryId: '26', liveBroadcastContent: 'none', ...(v.lang ? { defaultAudioLanguage: v.lang } : {}) },
        statistics: { viewCount: String(v.views), likeCount: String(v.likes), favoriteCount: '0', ...(v.commentsDisabled ? {} : { commentCount: String(v.comments.length) }) },
      }));
    return { json: { kind: 'youtube#videoListResponse', etag: 'vl', items, pageInfo: { totalResults: items.length, resultsPerPage: items.length } } };
  }

  #threads(req: ReplayRequest): ReplayResponse {
    const v = this.videos.find((x) => x.id === req.query.get('videoId'));
    if (!v) return { status: 404, json: googleError(404, 'videoNotFound', 'youtube.commentThread', 'The video identified by the videoId parameter could not be found.', 'NOT_FOUND') };
    if (v.commentsDisabled) return { status: 403, json: COMMENTS_DISABLED };
    const max = Number(req.query.get('maxResults') ?? 20);
    const items = [...v.comments]
      .sort((a, b) => Date.parse(b.publishedAt) - Date.parse(a.publishedAt))
      .slice(0, max)
      .map((c) => ({
        kind: 'youtube#commentThread',
        etag: `t-${c.id}`,
        id: c.id,
        snippet: {
          channelId: v.channelId,
          videoId: v.id,
          topLevelComment: {
            kind: 'youtube#comment',
            etag: `c-${c.id}`,
            id: c.id,
            snippet: {
              channelId: v.channelId,
              videoId: v.id,
              textDisplay: c.text,
              textOriginal: c.text,
              authorDisplayName: c.author,
              authorProfileImageUrl: 'https://yt3.ggpht.com/a/default-user=s48-c-k-c0x00ffffff-no-rj',
              authorChannelUrl: `http://www.youtube.com/${c.author}`,
              authorChannelId: { value: c.channelId },
              canRate: true,
              viewerRating: 'none',
              likeCount: c.likes,
              publishedAt: c.publishedAt,
              updatedAt: c.publishedAt,
            },
          },
          canReply: true,
          totalReplyCount: c.replies,
          isPublic: true,
        },
      }));
    return { json: { kind: 'youtube#commentThreadListResponse', etag: 'ctl', pageInfo: { totalResults: items.length, resultsPerPage: max }, items } };
  }
}
