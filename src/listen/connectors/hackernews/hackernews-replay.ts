/**
 * Test support: the HN Search API on a ReplayServer — search_by_date with query,
 * tags ("(story,comment)" means either), numericFilters on created_at_i, page and
 * hitsPerPage, newest first.
 */
import { NetworkReplay, startReplay, ReplayServer, type ReplayRequest, type ReplayResponse } from '../replay-server.ts';
import type { Hit } from './hackernews-fixtures.ts';

export class HackerNewsReplay extends NetworkReplay {
  hits: Hit[] = [];

  constructor(server: ReplayServer) {
    super(server);
    this.server.route('GET', '/api/v1/search_by_date', (req) => this.#search(req));
  }

  static start(): Promise<HackerNewsReplay> {
    return startReplay(HackerNewsReplay);
  }

  /** The API base, as the connector's `apiBase` takes it. */
  override get url() {
    return `${this.server.url}/api/v1`;
  }

  #search(req: ReplayRequest): ReplayResponse {
    const q = req.query;
    const query = (q.get('query') ?? '').toLowerCase();
    const tags = (q.get('tags') ?? '').replace(/[()]/g, '').split(',').filter(Boolean);
    const filters = (q.get('numericFilters') ?? '').split(',').filter(Boolean);
    for (const f of filters) if (!/^created_at_i(>=|<=|>|<|=)\d+$/.test(f)) return { status: 400, json: { message: `invalid numericFilters: ${f}`, status: 400 } };
    const hitsPerPage = Number(q.get('hitsPerPage') ?? 20);
    const page = Number(q.get('page') ?? 0);
    const text = (h: Hit) => `${h.title ?? ''} ${h.story_text ?? ''} ${h.comment_text ?? ''}`.toLowerCase();
    const passes = (h: Hit) =>
      filters.every((f) => {
        const [, op, value] = /^created_at_i(>=|<=|>|<|=)(\d+)$/.exec(f)!;
        const v = Number(value);
        return op === '>=' ? h.created_at_i >= v : op === '<=' ? h.created_at_i <= v : op === '>' ? h.created_at_i > v : op === '<' ? h.created_at_i < v : h.created_at_i === v;
      });
    const matching = this.hits
      .filter((h) => text(h).includes(query) && (tags.length === 0 || tags.some((t) => h._tags.includes(t))) && passes(h))
      .sort((a, b) => b.created_at_i - a.created_at_i);
    const nbPages = Math.ceil(matching.length / hitsPerPage);
    return {
      json: {
        hits: matching.slice(page * hitsPerPage, (page + 1) * hitsPerPage),
        nbHits: matching.length,
        page,
        nbPages,
        hitsPerPage,
        exhaustiveNbHits: true,
        exhaustiveTypo: true,
        query: q.get('query'),
        params: q.toString(),
        processingTimeMS: 2,
      },
    };
  }
}
