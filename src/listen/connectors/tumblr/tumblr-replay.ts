/**
 * Test support: Tumblr's `/v2/tagged` on a ReplayServer — the tag (case-insensitive),
 * `before` (posts strictly older, by `featured_timestamp` on featured tags), `limit`
 * 1–20, newest first; a wrong `api_key` gets the documented 401 envelope; every answer
 * carries the per-key hourly and daily budget headers.
 */
import { NetworkReplay, startReplay, ReplayServer, type ReplayRequest, type ReplayResponse } from '../replay-server.ts';
import type { Post } from './tumblr-fixtures.ts';

export class TumblrReplay extends NetworkReplay {
  posts: Post[] = [];
  apiKey = 'replay-tumblr-consumer-key-not-a-real-one';
  hourRemaining = 999;
  dayRemaining = 4999;

  constructor(server: ReplayServer) {
    super(server);
    this.server.route('GET', '/v2/tagged', (req) => this.#tagged(req));
  }

  static start(): Promise<TumblrReplay> {
    return startReplay(TumblrReplay);
  }

  override get url() {
    return `${this.server.url}/v2`;
  }

  #budget(): Record<string, string> {
    this.hourRemaining = Math.max(0, this.hourRemaining - 1);
    this.dayRemaining = Math.max(0, this.dayRemaining - 1);
    return {
      'x-ratelimit-perhour-limit': '1000',
      'x-ratelimit-perhour-remaining': String(this.hourRemaining),
      'x-ratelimit-perhour-reset': '1800',
      'x-ratelimit-perday-limit': '5000',
      'x-ratelimit-perday-remaining': String(this.dayRemaining),
      'x-ratelimit-perday-reset': '43200',
    };
  }

  #tagged(req: ReplayRequest): ReplayResponse {
    const q = req.query;
    if (q.get('api_key') !== this.apiKey) {
      return { status: 401, json: { meta: { status: 401, msg: 'Unauthorized' }, response: [], errors: [{ title: 'Unauthorized', code: 1016, detail: 'Unable to authorize' }] } };
    }
    const tag = (q.get('tag') ?? '').toLowerCase();
    if (!tag) return { status: 400, json: { meta: { status: 400, msg: 'Bad Request' }, response: [], errors: [{ title: 'Bad Request', code: 0, detail: 'tag is required' }] } };
    const limit = Number(q.get('limit') ?? 20);
    if (!(limit >= 1 && limit <= 20)) return { status: 400, json: { meta: { status: 400, msg: 'Bad Request' }, response: [] } };
    const before = q.has('before') ? Number(q.get('before')) : Infinity;
    const time = (p: Post) => p.featured_timestamp ?? p.timestamp;
    const posts = this.posts
      .filter((p) => p.tags.some((t) => t.toLowerCase() === tag) && time(p) < before)
      .sort((a, b) => time(b) - time(a))
      .slice(0, limit);
    return { json: { meta: { status: 200, msg: 'OK' }, response: posts }, headers: this.#budget() };
  }
}
