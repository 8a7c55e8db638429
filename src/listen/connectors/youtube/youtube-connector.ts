/**
 * YouTube Data API v3 with an API key: videos matching each query, newest first
 * (search.list, order=date, publishedAfter the newest stored), completed by
 * videos.list (whole description, counts, language), and the newest comment threads
 * of each new video (commentThreads.list).
 * https://developers.google.com/youtube/v3/docs/search/list
 * https://developers.google.com/youtube/v3/docs/videos/list
 * https://developers.google.com/youtube/v3/docs/commentThreads/list
 *
 * Every request is counted against the daily quota (youtube-quota.ts). A search page is
 * fetched only when the quota plan covers it and everything that follows from it (the
 * page's videos.list and comment threads), so a page is never left half-read for want
 * of quota; when it does not, the poll stops there and says until when it waits.
 */
import { z } from 'zod';
import type { MentionInput } from '../../../core/mention.ts';
import { AuthError, type Connector, type JsonValue, type PollContext, type PollPage } from '../connector.ts';
import { expectShape, HttpStatusError, RateLimitedError, type HttpClient } from '../http.ts';
import { streamCursorOf, walkStreams, type StreamCursor, type WalkSource } from '../walk.ts';
import { commentThreadSchema, mapCommentThread, mapVideo, searchResultSchema, videoSchema, type Video, type VideoResult } from './youtube-mapper.ts';
import { SEARCH_COST, youtubeConfigSchema, youtubeSecretsSchema, type YouTubeConfig, type YouTubeSecrets } from './youtube-options.ts';
import { QuotaBudget, quotaStateOf } from './youtube-quota.ts';

const searchSchema = z.object({ nextPageToken: z.string().nullish(), items: z.array(searchResultSchema) });
const videosSchema = z.object({ items: z.array(videoSchema) });
const threadsSchema = z.object({ items: z.array(commentThreadSchema) });

/** The `reason` of Google's error body `{error: {errors: [{domain, reason, message}]}}`: a fixed identifier, safe to show. */
export const googleReason = (body: string) => /"reason"\s*:\s*"([A-Za-z_]{1,60})"/.exec(body)?.[1] ?? null;

/** The poll waits for quota: stop walking, keep what is stored, say until when. */
class QuotaWait extends Error {
  constructor(
    readonly until: number,
    readonly note: string,
  ) {
    super(note);
  }
}

const utc = (at: number) => `${new Date(at).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
const units = (n: number) => n.toLocaleString('en-US');

export const youtubeConnector: Connector<YouTubeConfig, YouTubeSecrets> = {
  network: 'youtube',
  configSchema: youtubeConfigSchema,
  secretsSchema: youtubeSecretsSchema,
  describe: (config) => `${config.queries.map((q) => `"${q}"`).join(' ')}${config.comments ? ' + comments' : ''} (quota ${units(config.dailyQuota)}/day)`,
  async *poll({ config, secrets, cursor, http, now }: PollContext<YouTubeConfig, YouTubeSecrets>): AsyncGenerator<PollPage, void, void> {
    const start = streamCursorOf(cursor);
    // The most one search page can cost with its videos.list and comment threads.
    const pageCost = SEARCH_COST + 1 + (config.comments ? config.pageSize : 0);
    const budget = new QuotaBudget(quotaStateOf(start.quota), config.dailyQuota, now(), pageCost);
    const withQuota = (c: StreamCursor): JsonValue => ({ ...c, quota: { ...budget.state() } });

    const get = async (resource: string, cost: number, params: Record<string, string>): Promise<unknown> => {
      const url = new URL(`${config.apiBase}/${resource}`);
      url.search = new URLSearchParams({ ...params, key: secrets.apiKey }).toString();
      // Google counts a request whatever its answer.
      budget.spend(cost);
      try {
        return (await http.json(url)).data;
      } catch (error) {
        if (!(error instanceof HttpStatusError)) throw error;
        const reason = googleReason(error.body);
        const message = `${error.message}${reason ? ` (${reason})` : ''}`;
        if (reason === 'quotaExceeded') {
          throw new RateLimitedError(`${message}: the project's daily quota is spent (by this source or another user of the key); polls resume after the reset at ${utc(budget.resetAt)}`, budget.resetAt);
        }
        if (reason === 'rateLimitExceeded' || reason === 'userRateLimitExceeded') throw new RateLimitedError(message, now() + 60_000);
        if (reason === 'keyInvalid' || /API_KEY_INVALID/.test(error.body)) throw new AuthError(`YouTube refused the API key: ${message}`);
        if (reason === 'accessNotConfigured' || reason === 'forbidden') throw new AuthError(`${message}: enable the YouTube Data API v3 for the key's Google Cloud project`);
        throw new HttpStatusError(message, error.status, error.body);
      }
    };

    const commentsOf = async (videoId: string): Promise<MentionInput[]> => {
      try {
        const data = await get('commentThreads', 1, { part: 'snippet', videoId, order: 'time', maxResults: String(config.commentsPerVideo), textFormat: 'plainText' });
        return expectShape(threadsSchema, data, 'GET /commentThreads').items.map(mapCommentThread);
      } catch (error) {
        // Comments turned off, or the video gone since the search: its video is still worth keeping.
        if (error instanceof HttpStatusError && (error.status === 403 || error.status === 404)) return [];
        throw error;
      }
    };

    const mapPage = async (results: VideoResult[]): Promise<MentionInput[]> => {
      if (results.length === 0) return [];
      const data = await get('videos', 1, { part: 'snippet,statistics', id: results.map((r) => r.id.videoId).join(','), maxResults: '50' });
      const videos = new Map<string, Video>(expectShape(videosSchema, data, 'GET /videos').items.map((v) => [v.id, v]));
      const mentions: MentionInput[] = [];
      for (const result of results) {
        const video = videos.get(result.id.videoId);
        mentions.push(mapVideo(result, video));
        // No comments counted (or comments off): no request.
        if (config.comments && (video?.statistics?.commentCount ?? 1) > 0) mentions.push(...(await commentsOf(result.id.videoId)));
      }
      return mentions;
    };

    const stream = (query: string): WalkSource<VideoResult> => ({
      async fetchPage(page, { hw }) {
        const at = budget.affordableAt(pageCost, now());
        if (at > now()) {
          const why = at >= budget.resetAt ? `the day's ${units(budget.daily)} units would be exceeded` : 'the quota is spread over the day';
          throw new QuotaWait(at, `YouTube quota: ${units(budget.used)} of ${units(budget.daily)} units used today (Pacific time); ${why}, next search at ${utc(at)}`);
        }
        const floor = hw?.t ?? now() - config.lookbackHours * 3600_000;
        const params: Record<string, string> = { part: 'snippet', type: 'video', order: 'date', q: query, maxResults: String(config.pageSize), publishedAfter: new Date(floor).toISOString() };
        if (page) params.pageToken = page;
        if (config.regionCode) params.regionCode = config.regionCode.toUpperCase();
        if (config.relevanceLanguage) params.relevanceLanguage = config.relevanceLanguage;
        const body = expectShape(searchSchema, await get('search', SEARCH_COST, params), 'GET /search');
        const items = body.items.filter((r): r is VideoResult => r.id.kind === 'youtube#video' && typeof r.id.videoId === 'string');
        return { items, next: body.nextPageToken ?? null };
      },
      key: (result) => ({ t: Date.parse(result.snippet.publishedAt), id: result.id.videoId }),
      time: (result) => Date.parse(result.snippet.publishedAt),
      map: mapPage,
    });

    const streams = config.queries.map((query) => ({ key: `search:${query}`, source: stream(query) }));
    let last: StreamCursor = start;
    try {
      for await (const step of walkStreams(streams, start, { floor: now() - config.lookbackHours * 3600_000, maxPages: config.maxPages })) {
        last = step.cursor;
        yield { mentions: step.mentions, cursor: withQuota(step.cursor) };
      }
    } catch (error) {
      if (error instanceof QuotaWait) {
        yield { mentions: [], cursor: withQuota(last), deferUntil: error.until, note: error.note };
        return;
      }
      // Google counts failed requests too: keep the count before reporting the failure.
      yield { mentions: [], cursor: withQuota(last) };
      throw error;
    }
  },
};
