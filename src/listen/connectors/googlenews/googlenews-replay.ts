/**
 * Test support: news.google.com's `/rss/search` on a ReplayServer. Feeds are published by
 * query and edition; every parameter the real service needs must be there.
 */
import { NetworkReplay, ReplayServer, startReplay, type ReplayRequest, type ReplayResponse } from '../replay-server.ts';

export class GoogleNewsReplay extends NetworkReplay {
  readonly #feeds = new Map<string, string>();

  constructor(server: ReplayServer) {
    super(server);
    this.server.route('GET', '/rss/search', (req) => this.#search(req));
  }

  static start(): Promise<GoogleNewsReplay> {
    return startReplay(GoogleNewsReplay);
  }

  publish(query: string, ceid: string, body: string) {
    this.#feeds.set(`${query}\n${ceid}`, body);
  }

  #search(req: ReplayRequest): ReplayResponse {
    const [q, hl, gl, ceid] = ['q', 'hl', 'gl', 'ceid'].map((name) => req.query.get(name));
    if (!q || !hl || !gl || !ceid) return { status: 400, body: '<html><body>Bad Request</body></html>', headers: { 'content-type': 'text/html' } };
    const body = this.#feeds.get(`${q}\n${ceid}`);
    // An unknown search is an empty feed, as on the real service.
    return { body: body ?? '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Google News</title></channel></rss>', headers: { 'content-type': 'application/xml; charset=utf-8' } };
  }
}
