/**
 * HN Search API (Algolia) responses shaped as documented at https://hn.algolia.com/api :
 * `GET /api/v1/search_by_date?query=…&tags=…&numericFilters=created_at_i>X&page=N&hitsPerPage=M`
 * returns `{hits, nbHits, page, nbPages, hitsPerPage, exhaustiveNbHits, query, params,
 * processingTimeMS}`; a hit carries objectID, created_at, created_at_i, author, title,
 * url, story_text, comment_text, points, num_comments, story_id, parent_id,
 * story_title, story_url, _tags and _highlightResult.
 */
export type Hit = Record<string, unknown> & { objectID: string; created_at_i: number; _tags: string[] };

const BASE = Date.parse('2026-11-22T06:00:00Z') / 1000;

export function story(id: number, author: string, title: string, minutes: number, options: { url?: string; text?: string; points?: number; comments?: number } = {}): Hit {
  const t = BASE + minutes * 60;
  return {
    created_at: new Date(t * 1000).toISOString(),
    created_at_i: t,
    title,
    url: options.url ?? null,
    author,
    points: options.points ?? 1,
    story_text: options.text ?? null,
    comment_text: null,
    num_comments: options.comments ?? 0,
    story_id: null,
    story_title: null,
    story_url: null,
    parent_id: null,
    updated_at: new Date(t * 1000 + 60_000).toISOString(),
    _tags: ['story', `author_${author}`, `story_${id}`],
    objectID: String(id),
    _highlightResult: { title: { value: title, matchLevel: 'full', matchedWords: ['brewly'] } },
  };
}

export function hnComment(id: number, author: string, html: string, minutes: number, storyId: number, parentId: number, storyTitle: string): Hit {
  const t = BASE + minutes * 60;
  return {
    created_at: new Date(t * 1000).toISOString(),
    created_at_i: t,
    title: null,
    url: null,
    author,
    points: null,
    story_text: null,
    comment_text: html,
    num_comments: null,
    story_id: storyId,
    story_title: storyTitle,
    story_url: 'https://brewly.example/blog/launch',
    parent_id: parentId,
    _tags: ['comment', `author_${author}`, `story_${storyId}`],
    objectID: String(id),
  };
}

export function brewlyHits(): Hit[] {
  return [
    story(42000001, 'pg_fan', 'Show HN: Brewly – open-source coffee subscription', 0, { url: 'https://brewly.example/blog/launch', points: 120, comments: 3 }),
    hnComment(42000005, 'tptacek_alt', '<p>Brewly&#x27;s pricing page is confusing.<p>Why &quot;per cup&quot;?', 12, 42000001, 42000001, 'Show HN: Brewly'),
    hnComment(42000009, 'dang_alt', 'Brewly: please keep the thread civil 🙏', 20, 42000001, 42000005, 'Show HN: Brewly'),
    story(42000020, 'zurich_dev', 'Ask HN: Anyone using Brewly in production?', 35, { text: 'We run <i>Brewly</i> for 40 offices.<p>Ça marche bien.', points: 12, comments: 0 }),
    hnComment(42000033, 'tokyo_hacker', 'Brewly の API は良いです 👍', 50, 42000020, 42000020, 'Ask HN: Brewly'),
    story(42000040, 'sofia', 'Brewly raises Series A', 61, { url: 'https://news.example/brewly-series-a', points: 55 }),
    hnComment(42000051, 'skeptic', 'Brewly will be acquired within a year, mark my words', 70, 42000040, 42000040, 'Brewly raises Series A'),
    story(42000060, 'pg_fan', 'Brewly outage postmortem', 85, { url: 'https://brewly.example/blog/outage', points: 80 }),
    hnComment(42000071, 'sre_person', 'Good Brewly postmortem &mdash; honest &amp; detailed.', 90, 42000060, 42000060, 'Brewly outage postmortem'),
    story(42000080, 'newsbot', 'Brewly open-sources its roasting firmware', 100, { url: 'https://github.com/brewly/firmware', points: 230 }),
  ];
}
