/**
 * Tumblr `/v2/tagged` answers shaped as documented at
 * https://github.com/tumblr/docs/blob/master/api.md (the docs of https://www.tumblr.com/docs/en/api/v2):
 * - the envelope `{meta: {status, msg}, response}` ("Response Format"); for `/tagged`,
 *   `response` is an array of posts ("/tagged – Get Posts with Tag");
 * - the fields of every post (blog_name, id, id_string, post_url, parent_post_url, type,
 *   timestamp, date, format, reblog_key, tags, note_count, summary) and of each legacy
 *   type, after the examples "Legacy Text Posts" (citriccomics), "Legacy Link Posts"
 *   (travellingcameraclub), "Legacy Photo Posts", "Legacy Quote Posts", "Legacy Answer Posts";
 * - errors `{meta: {status: 401, msg: "Unauthorized"}, response: [], errors: [{title, code, detail}]}`
 *   (the error example under "Errors" of /post) and `429 Limit Exceeded` ("Rate Limits").
 *   The per-key budget headers (`X-Ratelimit-Perhour-Limit|Remaining|Reset`, `…-Perday-…`,
 *   reset in seconds) are the ones Tumblr sends with its answers; the docs say only that
 *   "the error message or headers" tell which limit was hit.
 */
export type Post = Record<string, unknown> & { id_string: string; timestamp: number; tags: string[]; featured_timestamp?: number };

export const NOW = Date.parse('2026-11-22T12:00:00Z');
const BASE = Date.parse('2026-11-22T06:00:00Z') / 1000;

function common(id: number, blog: string, type: string, minutes: number, tags: string[], notes: number) {
  const timestamp = BASE + minutes * 60;
  return {
    type,
    blog_name: blog,
    blog: { name: blog, title: `${blog[0]!.toUpperCase()}${blog.slice(1)}'s blog`, url: `https://${blog}.tumblr.com/`, uuid: `t:${blog}`, updated: timestamp },
    id,
    id_string: String(id),
    post_url: `https://${blog}.tumblr.com/post/${id}/brewly`,
    slug: 'brewly',
    date: `${new Date(timestamp * 1000).toISOString().replace('T', ' ').slice(0, 19)} GMT`,
    timestamp,
    state: 'published',
    format: 'html',
    reblog_key: 'b0baQtsl',
    tags,
    short_url: `https://tmblr.co/Z${id}`,
    summary: '',
    is_blocks_post_format: false,
    note_count: notes,
  };
}

export function textPost(id: number, blog: string, minutes: number, title: string, bodyHtml: string, tags = ['brewly'], notes = 0): Post {
  return { ...common(id, blog, 'text', minutes, tags, notes), title, body: bodyHtml, summary: title };
}

export function photoPost(id: number, blog: string, minutes: number, captionHtml: string, tags = ['brewly'], notes = 0): Post {
  return {
    ...common(id, blog, 'photo', minutes, tags, notes),
    caption: captionHtml,
    photos: [{ caption: '', original_size: { width: 500, height: 500, url: `https://64.media.tumblr.com/${id}/tumblr_${id}_500.jpg` }, alt_sizes: [] }],
  };
}

export function linkPost(id: number, blog: string, minutes: number, title: string, url: string, descriptionHtml: string, tags = ['brewly']): Post {
  return { ...common(id, blog, 'link', minutes, tags, 2), title, url, description: descriptionHtml, link_author: null, excerpt: null, publisher: new URL(url).host };
}

export function reblog(id: number, blog: string, minutes: number, of: Post, commentHtml: string): Post {
  return { ...textPost(id, blog, minutes, '', commentHtml, of.tags), parent_post_url: of.post_url as string, reblogged_from_id: of.id_string };
}

export function brewlyPosts(): Post[] {
  const launch = textPost(7001, 'barista-bob', 0, 'Brewly cold brew, day one', '<p>Tried the <b>Brewly</b> kit.</p><p>Smooth &amp; strong ☕</p>', ['brewly', 'cold brew'], 14);
  return [
    launch,
    photoPost(7002, 'latte-art', 15, '<p>Brewly foam art 🎨</p>', ['Brewly', 'latte art'], 31),
    linkPost(7003, 'newsdesk', 30, 'Brewly raises Series A', 'https://news.example/brewly-series-a', '<p>The coffee startup raised $12M.</p>'),
    reblog(7004, 'marie-fr', 45, launch, '<p>Même avis, très bon.</p>'),
    textPost(7005, 'kenji', 60, 'Brewly 新作', '<p>甘すぎず美味しい 🍵</p>'),
    photoPost(7006, 'latte-art', 75, '<p>Brewly rosetta, take two</p>'),
    textPost(7007, 'sofia', 90, 'Brewly в България', '<p>Кога в Пловдив?</p>'),
  ];
}
