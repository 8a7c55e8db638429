/**
 * Test support: reddit's token endpoint and OAuth API on a ReplayServer — search
 * and /r/{sub}/new listings paged with `after`, comment trees, expiring tokens and
 * the X-Ratelimit headers.
 */
import { NetworkReplay, startReplay, ReplayServer, type ReplayRequest, type ReplayResponse } from '../replay-server.ts';
import { listing, type Thing } from './reddit-fixtures.ts';

export class RedditReplay extends NetworkReplay {
  links: Thing[] = [];
  comments = new Map<string, Thing[]>();
  clientId = 'p-jcoLKBynTLew';
  clientSecret = 'gko_LXELoV07ZBNUXrvWZfzE3aI';
  tokensIssued = 0;
  remaining = 99;
  #tokens = new Set<string>();

  constructor(server: ReplayServer) {
    super(server);
    this.#routes();
  }

  static start(): Promise<RedditReplay> {
    return startReplay(RedditReplay);
  }


  expireTokens() {
    this.#tokens.clear();
  }

  #limits(): Record<string, string> {
    this.remaining = Math.max(0, this.remaining - 1);
    return { 'x-ratelimit-used': String(100 - this.remaining), 'x-ratelimit-remaining': this.remaining.toFixed(1), 'x-ratelimit-reset': '412' };
  }

  #denied(req: ReplayRequest): ReplayResponse | null {
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    return token && this.#tokens.has(token) ? null : { status: 401, json: { message: 'Unauthorized', error: 401 } };
  }

  /** Newest first, `limit` things after the fullname `after`. */
  #listing(req: ReplayRequest, things: Thing[]): ReplayResponse {
    const limit = Math.min(Number(req.query.get('limit') ?? 25), 100);
    const sorted = [...things].sort((a, b) => b.data.created_utc - a.data.created_utc);
    const after = req.query.get('after');
    const start = after ? sorted.findIndex((t) => t.data.name === after) + 1 : 0;
    const page = sorted.slice(start, start + limit);
    const more = start + limit < sorted.length;
    return { json: listing(page, more ? page.at(-1)!.data.name : null), headers: this.#limits() };
  }

  #routes() {
    const s = this.server;
    s.route('POST', '/api/v1/access_token', (req) => {
      const expected = `Basic ${Buffer.from(`${this.clientId}:${this.clientSecret}`).toString('base64')}`;
      if (req.headers.authorization !== expected) return { status: 401, json: { message: 'Unauthorized', error: 401 } };
      if (new URLSearchParams(req.body).get('grant_type') !== 'client_credentials') return { status: 400, json: { error: 'unsupported_grant_type' } };
      const token = `eyJhbGciOiJSUzI1NiIsImtpZCI6IlNIQTI1NjpzS3dsMnlsV0VtMjVmcXhwTU40cWY4MXE2OWFFdWFyMnpLMUdhVGxjdWNZIiwidHlwIjoiSldUIn0.${++this.tokensIssued}`;
      this.#tokens.add(token);
      return { json: { access_token: token, token_type: 'bearer', expires_in: 86400, scope: '*' } };
    });
    s.route('GET', /^(\/r\/[^/]+)?\/search$/, (req) => {
      const denied = this.#denied(req);
      if (denied) return denied;
      const q = (req.query.get('q') ?? '').toLowerCase();
      const subs = req.path.startsWith('/r/') && req.query.get('restrict_sr') === 'on' ? req.path.split('/')[2]!.toLowerCase().split('+') : null;
      const matching = this.links.filter((l) => `${l.data.title} ${l.data.selftext}`.toLowerCase().includes(q) && (!subs || subs.includes(String(l.data.subreddit).toLowerCase())));
      return this.#listing(req, matching);
    });
    s.route('GET', /^\/r\/[^/]+\/new$/, (req) => {
      const denied = this.#denied(req);
      if (denied) return denied;
      const sub = req.path.split('/')[2]!.toLowerCase();
      return this.#listing(req, this.links.filter((l) => String(l.data.subreddit).toLowerCase() === sub));
    });
    s.route('GET', /^\/comments\/[^/]+$/, (req) => {
      const denied = this.#denied(req);
      if (denied) return denied;
      const id = req.path.split('/')[2]!;
      const found = this.links.find((l) => l.data.id === id);
      if (!found) return { status: 404, json: { message: 'Not Found', error: 404 } };
      return { json: [listing([found], null), listing(this.comments.get(id) ?? [], null)], headers: this.#limits() };
    });
  }
}
