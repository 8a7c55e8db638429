/**
 * Reddit responses shaped as documented and as the API serves them with raw_json=1:
 * - Listings `{kind: "Listing", data: {after, before, dist, modhash, children: [{kind, data}]}}`
 *   and `t3` (link) / `t1` (comment) things: https://www.reddit.com/dev/api/ and
 *   https://github.com/reddit-archive/reddit/wiki/JSON
 * - GET /comments/{article} returns two listings: the link, then the comment tree
 *   (`replies` is "" or a Listing; `more` stubs for cut branches):
 *   https://www.reddit.com/dev/api/#GET_comments_{article}
 * - App-only token `{access_token, token_type: "bearer", expires_in: 86400, scope: "*"}`:
 *   https://github.com/reddit-archive/reddit/wiki/OAuth2#application-only-oauth
 * - X-Ratelimit-Used / -Remaining / -Reset (seconds to the end of the window):
 *   https://github.com/reddit-archive/reddit/wiki/API#rules
 */
export type Thing = { kind: string; data: Record<string, unknown> & { id: string; name: string; created_utc: number } };

const BASE = Date.parse('2026-11-22T08:00:00Z') / 1000;

export function link(options: { id: string; subreddit: string; author: string; title: string; selftext?: string; minutes: number; score?: number; comments?: number; crosspostParent?: string }): Thing {
  const permalink = `/r/${options.subreddit}/comments/${options.id}/${options.title.toLowerCase().replace(/[^a-z0-9]+/g, '_').slice(0, 40)}/`;
  return {
    kind: 't3',
    data: {
      approved_at_utc: null,
      subreddit: options.subreddit,
      selftext: options.selftext ?? '',
      author_fullname: `t2_${options.author.length}abc`,
      title: options.title,
      subreddit_name_prefixed: `r/${options.subreddit}`,
      name: `t3_${options.id}`,
      upvote_ratio: 0.96,
      ups: options.score ?? 1,
      score: options.score ?? 1,
      num_comments: options.comments ?? 0,
      num_crossposts: options.crosspostParent ? 0 : 1,
      ...(options.crosspostParent ? { crosspost_parent: options.crosspostParent } : {}),
      created: BASE + options.minutes * 60,
      created_utc: BASE + options.minutes * 60,
      domain: options.selftext ? `self.${options.subreddit}` : 'brewly.example',
      id: options.id,
      author: options.author,
      permalink,
      url: options.selftext ? `https://www.reddit.com${permalink}` : 'https://brewly.example/news',
      is_self: Boolean(options.selftext),
      over_18: false,
      stickied: false,
    },
  };
}

export function comment(options: { id: string; linkId: string; parent: string; author: string; body: string; minutes: number; score?: number; replies?: Thing[] }): Thing {
  return {
    kind: 't1',
    data: {
      id: options.id,
      name: `t1_${options.id}`,
      link_id: `t3_${options.linkId}`,
      parent_id: options.parent,
      author: options.author,
      body: options.body,
      body_html: `&lt;div class="md"&gt;&lt;p&gt;${options.body}&lt;/p&gt;&lt;/div&gt;`,
      score: options.score ?? 1,
      created_utc: BASE + options.minutes * 60,
      permalink: `/r/coffee/comments/${options.linkId}/x/${options.id}/`,
      depth: options.parent.startsWith('t3_') ? 0 : 1,
      replies: options.replies?.length ? listing(options.replies, null) : '',
    },
  };
}

export function listing(children: Thing[], after: string | null) {
  return { kind: 'Listing', data: { after, dist: children.length, modhash: '', geo_filter: '', children, before: null } };
}

export function coffeeLinks(): Thing[] {
  const rows: [string, string, string, string, number][] = [
    ['1h0a01', 'barista_bob', 'Brewly cold brew review', 'Honestly better than expected ☕', 0],
    ['1h0a02', 'marie_fr', 'Brewly à Paris ?', 'Quelqu’un a testé le café Brewly près de Bastille ?', 9],
    ['1h0a03', 'kenji', 'Brewly 新作レビュー', '甘すぎず美味しい 🍵', 18],
    ['1h0a04', 'angry_andy', 'Brewly app charged me twice 😡', '', 27],
    ['1h0a05', 'sofia_bg', 'Brewly в България', 'Кога ще отворят магазин в Пловдив?', 36],
    ['1h0a06', 'rahul', 'Brewly ka naya flavour', 'bahut badhiya hai bhai', 45],
    ['1h0a07', 'barista_bob', 'Brewly vs the rest: blind test', 'Spoiler: Brewly won 🏆', 54],
  ];
  return rows.map(([id, author, title, selftext, minutes], i) => link({ id, subreddit: 'coffee', author, title, selftext, minutes, score: 10 + i, comments: id === '1h0a04' ? 3 : 0 }));
}

/** The comment tree of the double-charge thread: two top-level comments, one reply, one `more` stub. */
export function doubleChargeComments(): Thing[] {
  return [
    comment({ id: 'lx001', linkId: '1h0a04', parent: 't3_1h0a04', author: 'brewly_support', body: 'Sorry about that! DM us your order number 🙏', minutes: 30, score: 25, replies: [comment({ id: 'lx003', linkId: '1h0a04', parent: 't1_lx001', author: 'angry_andy', body: 'Done, thanks.', minutes: 33 })] }),
    comment({ id: 'lx002', linkId: '1h0a04', parent: 't3_1h0a04', author: 'marie_fr', body: 'Même problème ici 😕', minutes: 31, score: 4 }),
    { kind: 'more', data: { id: 'lx009', name: 't1_lx009', created_utc: 0, count: 2, parent_id: 't3_1h0a04', children: ['lx009', 'lx010'] } },
  ];
}
