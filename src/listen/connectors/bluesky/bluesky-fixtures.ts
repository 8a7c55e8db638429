/**
 * Bluesky responses shaped as documented:
 * - searchPosts output `{cursor?, hitsTotal?, posts: PostView[]}`:
 *   https://docs.bsky.app/docs/api/app-bsky-feed-search-posts
 * - PostView (uri, cid, author: ProfileViewBasic, record, replyCount, repostCount,
 *   likeCount, quoteCount, indexedAt, labels): app.bsky.feed.defs#postView in
 *   https://github.com/bluesky-social/atproto/blob/main/lexicons/app/bsky/feed/defs.json
 * - The post record (text, createdAt, langs, reply {root, parent}, embed, facets):
 *   https://github.com/bluesky-social/atproto/blob/main/lexicons/app/bsky/feed/post.json
 * - createSession / refreshSession output (accessJwt, refreshJwt, handle, did):
 *   https://docs.bsky.app/docs/api/com-atproto-server-create-session
 * - XRPC errors `{error, message}` (e.g. `ExpiredToken`): https://atproto.com/specs/xrpc
 * - getAuthorFeed output `{cursor?, feed: [{post: PostView, reply?, reason?}]}` where a
 *   repost carries `reason: {$type: "app.bsky.feed.defs#reasonRepost", by, indexedAt}`:
 *   https://docs.bsky.app/docs/api/app-bsky-feed-get-author-feed
 * - getProfile output, a ProfileViewDetailed with followersCount:
 *   https://docs.bsky.app/docs/api/app-bsky-actor-get-profile
 */
export interface BskyAuthor {
  did: string;
  handle: string;
  displayName?: string;
}

export const authors = {
  alice: { did: 'did:plc:z72i7hdynmk6r22z27h6tvur', handle: 'alice.bsky.social', displayName: 'Alice 🦋' },
  ivan: { did: 'did:plc:ewvi7nxzyoun6zhxrhs64oiz', handle: 'ivan.bg', displayName: 'Иван Петров' },
  priya: { did: 'did:plc:44ybard66vv44zksje25o7dz', handle: 'priya.bsky.social' },
} satisfies Record<string, BskyAuthor>;

export type PostFixture = Record<string, unknown> & { uri: string; record: { text: string; createdAt: string; langs?: string[] }; indexedAt: string };

export function post(options: {
  rkey: string;
  author: BskyAuthor;
  text: string;
  createdAt: string;
  langs?: string[];
  replyTo?: string;
  quote?: string;
  counts?: [likes: number, reposts: number, replies: number, quotes: number];
}): PostFixture {
  const [likes, reposts, replies, quotes] = options.counts ?? [0, 0, 0, 0];
  const record: Record<string, unknown> = { $type: 'app.bsky.feed.post', text: options.text, createdAt: options.createdAt, langs: options.langs ?? ['en'] };
  if (options.replyTo) record.reply = { root: { uri: options.replyTo, cid: 'bafyreib2rxk3rh6kzwq' }, parent: { uri: options.replyTo, cid: 'bafyreib2rxk3rh6kzwq' } };
  if (options.quote) record.embed = { $type: 'app.bsky.embed.record', record: { uri: options.quote, cid: 'bafyreiclp443lavogvhj3d2ob2cxbfuscni2k5jk7bebjzg7khl3esabwq' } };
  return {
    uri: `at://${options.author.did}/app.bsky.feed.post/${options.rkey}`,
    cid: `bafyrei${options.rkey}cid`,
    author: {
      did: options.author.did,
      handle: options.author.handle,
      ...(options.author.displayName ? { displayName: options.author.displayName } : {}),
      avatar: `https://cdn.bsky.app/img/avatar/plain/${options.author.did}/bafkreigg@jpeg`,
      associated: { chat: { allowIncoming: 'following' } },
      labels: [],
      createdAt: '2023-04-20T00:00:00.000Z',
    },
    record: record as PostFixture['record'],
    replyCount: replies,
    repostCount: reposts,
    likeCount: likes,
    quoteCount: quotes,
    indexedAt: new Date(Date.parse(options.createdAt) + 900).toISOString(),
    labels: [],
  };
}

const BASE = Date.parse('2026-11-22T09:00:00Z');

/** Ten posts mentioning "brewly", one per 7 minutes, oldest first. */
export function brewlyPosts(): PostFixture[] {
  const at = (i: number) => new Date(BASE + i * 7 * 60_000).toISOString();
  const rows: [BskyAuthor, string, string[]][] = [
    [authors.alice, 'brewly cold brew is back 🎉', ['en']],
    [authors.ivan, 'Кафето на brewly е страхотно ☕', ['bg']],
    [authors.priya, 'brewly ki coffee bahut achhi hai yaar 😍', ['hi']],
    [authors.alice, 'Why is the brewly app so slow today? 😩', ['en']],
    [authors.ivan, 'brewly: доставката закъсня отново', ['bg']],
    [authors.priya, 'Tried brewly oat latte 🌾 10/10', ['en']],
    [authors.alice, 'brewly × local bakery = 🥐❤️', ['en']],
    [authors.ivan, 'Нов магазин на brewly в София 🇧🇬', ['bg']],
    [authors.priya, 'brewly is trending?! 📈', ['en']],
    [authors.alice, 'last brewly post of the day 🌙', ['en']],
  ];
  return rows.map(([author, text, langs], i) => post({ rkey: `3lbrew${String(i).padStart(7, 'a')}`.slice(0, 13), author, text, createdAt: at(i), langs, counts: [i * 2, i, i % 3, i % 2] }));
}
