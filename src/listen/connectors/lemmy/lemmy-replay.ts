/**
 * Test support: a Lemmy instance's search on a ReplayServer — `GET /api/v3/search` with
 * q, type_ (Posts, Comments, All), sort=New, community_name, page (from 1) and limit
 * (at most 50), newest first; an unknown community is a 400 `couldnt_find_community`.
 */
import { NetworkReplay, startReplay, ReplayServer, type ReplayRequest, type ReplayResponse } from '../replay-server.ts';
import type { CommentView, PostView } from './lemmy-fixtures.ts';

/** Lemmy before 0.19 wrote timestamps without a zone, meaning UTC. */
const utc = (value: string) => Date.parse(/(Z|[+-]\d\d:?\d\d)$/.test(value) ? value : `${value}Z`);

export class LemmyReplay extends NetworkReplay {
  posts: PostView[] = [];
  comments: CommentView[] = [];

  constructor(server: ReplayServer) {
    super(server);
    this.server.route('GET', '/api/v3/search', (req) => this.#search(req));
  }

  static start(): Promise<LemmyReplay> {
    return startReplay(LemmyReplay);
  }

  #search(req: ReplayRequest): ReplayResponse {
    const q = req.query;
    const type = q.get('type_') ?? 'All';
    const limit = Number(q.get('limit') ?? 10);
    const page = Number(q.get('page') ?? 1);
    if (q.get('sort') !== 'New' || limit > 50 || page < 1) return { status: 400, json: { error: 'invalid_query' } };
    const words = (q.get('q') ?? '').toLowerCase();
    const community = q.get('community_name')?.toLowerCase();
    if (community && ![...this.posts, ...this.comments].some((v) => v.community.name === community.split('@')[0])) return { status: 400, json: { error: 'couldnt_find_community' } };
    const inCommunity = (v: { community: { name: string } }) => !community || v.community.name === community.split('@')[0];
    const pageOf = <T>(items: T[], time: (item: T) => string) =>
      items
        .filter(inCommunity as (item: T) => boolean)
        .sort((a, b) => utc(time(b)) - utc(time(a)))
        .slice((page - 1) * limit, page * limit);
    const posts = type === 'Posts' || type === 'All' ? pageOf(this.posts.filter((p) => `${p.post.name} ${p.post.body ?? ''}`.toLowerCase().includes(words)), (p) => p.post.published) : [];
    const comments = type === 'Comments' || type === 'All' ? pageOf(this.comments.filter((c) => c.comment.content.toLowerCase().includes(words)), (c) => c.comment.published) : [];
    return { json: { type_: type, comments, posts, communities: [], users: [] } };
  }
}
