/**
 * Lemmy search responses shaped as the API documents them (Lemmy 0.19):
 * - `GET /api/v3/search` → SearchResponse `{type_, comments, posts, communities, users}`:
 *   https://join-lemmy.org/api/interfaces/SearchResponse.html
 * - PostView `{post, creator, community, creator_banned_from_community, banned_from_community,
 *   creator_is_moderator, creator_is_admin, counts, subscribed, saved, read, hidden,
 *   creator_blocked, my_vote, unread_comments}`: https://join-lemmy.org/api/interfaces/PostView.html
 * - CommentView `{comment, creator, post, community, counts, …}` with the comment's
 *   `path` ("0.<parent ids>.<id>"): https://join-lemmy.org/api/interfaces/CommentView.html
 * - Post, Comment, Person, Community, PostAggregates, CommentAggregates:
 *   https://join-lemmy.org/api/interfaces/Post.html  …/Comment.html  …/Person.html
 *   …/Community.html  …/PostAggregates.html  …/CommentAggregates.html
 * - Errors are `{"error": "<code>"}` with HTTP 400 (e.g. `couldnt_find_community`;
 *   `rate_limit_error` when the per-IP search limit of LocalSiteRateLimit is spent):
 *   https://join-lemmy.org/api/types/LemmyErrorType.html
 */
const BASE = Date.parse('2026-11-22T08:00:00Z');
const at = (minutes: number) => new Date(BASE + minutes * 60_000).toISOString();

function person(name: string, home: string, displayName: string | null = null) {
  return {
    id: name.length * 1000 + home.length,
    name,
    display_name: displayName,
    avatar: null,
    banned: false,
    published: '2023-06-12T09:30:00.000000Z',
    actor_id: `https://${home}/u/${name}`,
    local: home === 'lemmy.world',
    deleted: false,
    bot_account: false,
    instance_id: home.length,
  };
}

function community(name: string, home: string) {
  return {
    id: name.length * 10 + home.length,
    name,
    title: name[0]!.toUpperCase() + name.slice(1),
    description: null,
    removed: false,
    published: '2023-06-10T12:00:00.000000Z',
    deleted: false,
    nsfw: false,
    actor_id: `https://${home}/c/${name}`,
    local: home === 'lemmy.world',
    hidden: false,
    posting_restricted_to_mods: false,
    instance_id: home.length,
    visibility: 'Public',
  };
}

export type PostView = ReturnType<typeof postView>;
export type CommentView = ReturnType<typeof commentView>;

export function postView(options: { id: number; title: string; body?: string; link?: string; author: [string, string, string?]; community: [string, string]; minutes: number; score?: number; comments?: number; published?: string }) {
  const [name, home, display] = options.author;
  return {
    post: {
      id: options.id,
      name: options.title,
      url: options.link ?? null,
      body: options.body ?? null,
      creator_id: name.length * 1000 + home.length,
      community_id: 7,
      removed: false,
      locked: false,
      published: options.published ?? at(options.minutes),
      deleted: false,
      nsfw: false,
      ap_id: `https://${home}/post/${options.id + 500}`,
      local: home === 'lemmy.world',
      language_id: 37,
      featured_community: false,
      featured_local: false,
    },
    creator: person(name, home, display ?? null),
    community: community(...options.community),
    creator_banned_from_community: false,
    banned_from_community: false,
    creator_is_moderator: false,
    creator_is_admin: false,
    counts: { post_id: options.id, comments: options.comments ?? 0, score: options.score ?? 1, upvotes: options.score ?? 1, downvotes: 0, published: at(options.minutes), newest_comment_time: at(options.minutes) },
    subscribed: 'NotSubscribed',
    saved: false,
    read: false,
    hidden: false,
    creator_blocked: false,
    my_vote: null,
    unread_comments: options.comments ?? 0,
  };
}

export function commentView(options: { id: number; post: PostView; parents?: number[]; content: string; author: [string, string]; minutes: number; score?: number; children?: number }) {
  const [name, home] = options.author;
  return {
    comment: {
      id: options.id,
      creator_id: name.length * 1000 + home.length,
      post_id: options.post.post.id,
      content: options.content,
      removed: false,
      published: at(options.minutes),
      deleted: false,
      ap_id: `https://${home}/comment/${options.id + 9000}`,
      local: home === 'lemmy.world',
      path: ['0', ...(options.parents ?? []), options.id].join('.'),
      distinguished: false,
      language_id: 0,
    },
    creator: person(name, home),
    post: options.post.post,
    community: options.post.community,
    counts: { comment_id: options.id, score: options.score ?? 1, upvotes: options.score ?? 1, downvotes: 0, published: at(options.minutes), child_count: options.children ?? 0 },
    creator_banned_from_community: false,
    banned_from_community: false,
    creator_is_moderator: false,
    creator_is_admin: false,
    subscribed: 'NotSubscribed',
    saved: false,
    creator_blocked: false,
    my_vote: null,
  };
}

export function brewlyPosts(): PostView[] {
  return [
    postView({ id: 1001, title: 'Brewly cold brew kit: worth it?', body: 'Bought the **Brewly** kit last week.', author: ['barista_bob', 'lemmy.world', 'Bob'], community: ['coffee', 'lemmy.world'], minutes: 0, score: 42, comments: 3 }),
    postView({ id: 1002, title: 'Brewly à Lyon', body: 'Quelqu’un a testé le café Brewly ?', author: ['marie', 'jlai.lu'], community: ['cafe', 'jlai.lu'], minutes: 20, score: 7 }),
    postView({ id: 1003, title: 'Brewly opens its roasting firmware', link: 'https://github.com/brewly/firmware', author: ['kenji', 'programming.dev'], community: ['opensource', 'programming.dev'], minutes: 40, score: 120, comments: 1 }),
    // Lemmy before 0.19 wrote timestamps without a zone: they are UTC.
    postView({ id: 1004, title: 'Brewly outage today?', author: ['sofia', 'lemmy.ml'], community: ['coffee', 'lemmy.world'], minutes: 60, published: '2026-11-22T09:00:00.123456' }),
  ];
}

export function brewlyComments(posts: PostView[]): CommentView[] {
  const kit = posts[0]!;
  return [
    commentView({ id: 2001, post: kit, content: 'Brewly support replaced mine for free 👍', author: ['andy', 'lemmy.world'], minutes: 10, score: 5, children: 1 }),
    commentView({ id: 2002, post: kit, parents: [2001], content: 'Same here, Brewly was quick.', author: ['marie', 'jlai.lu'], minutes: 12, score: 2 }),
    commentView({ id: 2003, post: posts[2]!, content: 'Brewly firmware builds fine on ARM.', author: ['kenji', 'programming.dev'], minutes: 45 }),
  ];
}
