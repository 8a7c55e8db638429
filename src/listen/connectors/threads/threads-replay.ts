/**
 * Test support: graph.threads.net's /keyword_search on a ReplayServer: newest first,
 * `since` (unix seconds) filters, `limit` pages, `after` takes the cursor of the last
 * page; a wrong access token gets the Graph error code 190.
 */
import { NetworkReplay, ReplayServer, startReplay, type ReplayRequest, type ReplayResponse } from '../replay-server.ts';
import { graphError } from './threads-fixtures.ts';
import type { ThreadsMedia } from './threads-mapper.ts';

export const THREADS_TOKEN = 'THQWJYeEZAb1dZ-test-user-token';

export class ThreadsReplay extends NetworkReplay {
  readonly posts = new Map<string, ThreadsMedia[]>();

  constructor(server: ReplayServer) {
    super(server);
    this.server.route('GET', '/v1.0/keyword_search', (req) => this.#search(req));
  }

  static start(): Promise<ThreadsReplay> {
    return startReplay(ThreadsReplay);
  }

  get apiBase() {
    return `${this.url}/v1.0`;
  }

  #search(req: ReplayRequest): ReplayResponse {
    if (req.query.get('access_token') !== THREADS_TOKEN) return { status: 400, json: graphError(190, 'Invalid OAuth access token - Cannot parse access token') };
    const q = req.query.get('q');
    if (!q || !req.query.get('fields')) return { status: 400, json: graphError(100, 'The parameter q is required', 'THApiException') };
    const since = Number(req.query.get('since') ?? 0) * 1000;
    const limit = Math.min(100, Number(req.query.get('limit') ?? 25));
    const all = (this.posts.get(q) ?? []).filter((p) => Date.parse(p.timestamp) >= since).sort((a, b) => Date.parse(b.timestamp) - Date.parse(a.timestamp));
    const after = req.query.get('after');
    const start = after ? Number(Buffer.from(after, 'base64').toString()) : 0;
    const data = all.slice(start, start + limit);
    const cursor = (n: number) => Buffer.from(String(n)).toString('base64');
    const paging = data.length > 0 ? { cursors: { before: cursor(start), after: cursor(start + data.length) }, ...(start + limit < all.length ? { next: `${this.apiBase}/keyword_search?after=${cursor(start + data.length)}` } : {}) } : undefined;
    return { json: { data, ...(paging ? { paging } : {}) } };
  }
}
