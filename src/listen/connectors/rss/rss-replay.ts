/**
 * Test support: feeds on a ReplayServer with ETag / Last-Modified validators and
 * 304 Not Modified answers to conditional requests (RFC 9110 §13.1, §15.4.5).
 */
import { createHash } from 'node:crypto';
import { NetworkReplay, ReplayServer, startReplay, type ReplayRequest, type ReplayResponse } from '../replay-server.ts';

interface Feed {
  body: string | Buffer;
  contentType: string;
  lastModified: string;
}

export class FeedReplay extends NetworkReplay {
  readonly feeds = new Map<string, Feed>();

  constructor(server: ReplayServer) {
    super(server);
    this.server.route('GET', /^\/feeds\//, (req) => this.#serve(req));
  }

  static start(): Promise<FeedReplay> {
    return startReplay(FeedReplay);
  }

  feedUrl(path: string) {
    return `${this.server.url}/feeds/${path}`;
  }


  publish(path: string, body: string | Buffer, contentType = 'application/rss+xml; charset=UTF-8', lastModified = 'Sun, 22 Nov 2026 10:00:00 GMT') {
    this.feeds.set(`/feeds/${path}`, { body, contentType, lastModified });
  }

  #serve(req: ReplayRequest): ReplayResponse {
    const feed = this.feeds.get(req.path);
    if (!feed) return { status: 404, body: 'Not Found', headers: { 'content-type': 'text/plain' } };
    const etag = `"${createHash('sha1').update(feed.body).digest('hex').slice(0, 16)}"`;
    const headers = { etag, 'last-modified': feed.lastModified, 'content-type': feed.contentType };
    if (req.headers['if-none-match'] === etag || (!req.headers['if-none-match'] && req.headers['if-modified-since'] === feed.lastModified)) return { status: 304, headers };
    return { body: feed.body, headers };
  }
}
