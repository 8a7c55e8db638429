/**
 * A Google News search feed as news.google.com serves it for
 * https://news.google.com/rss/search?q=brewly&hl=en-US&gl=US&ceid=US:en — Google
 * publishes no documentation for it; the shape (generator NFE/5.0, `<title>` as
 * "Headline - Publisher", `<link>` and `<guid>` as the article id, `<description>` an
 * HTML link plus the publisher in a `<font>`, `<source url>`) is the served one, and the
 * elements are plain RSS 2.0: https://www.rssboard.org/rss-specification (`source`:
 * #ltsourcegtSubelementOfLtitemgt).
 *
 * The first id is the older kind that carries the article URL (base64url protobuf:
 * 08 13 22 <length> <url> d2 01 00); the second the opaque kind served since 2024
 * (its URL field holds a token `AU_yqL…` that only Google resolves).
 */
export const ID_WITH_URL = 'CBMiNmh0dHBzOi8vY29mZmVlLWNocm9uaWNsZS5leGFtcGxlLzIwMjYvMTEvYnJld2x5LXNvZmlhL9IBAA';
export const OPAQUE_ID = 'CBMiP0FVX3lxTFBxM3ZaazhRbTB4VmJOMnJUZ1c3eUhjSmRFb0ZzS2FMNHVNOWlYcEJuUjZ0T3dZekMxZUdoSTVqVQ';

interface NewsItem {
  id: string;
  headline: string;
  publisher: string;
  publisherUrl: string;
  pubDate: string;
}

export const brewlyNews: NewsItem[] = [
  { id: ID_WITH_URL, headline: 'Brewly opens its first café in Sofia', publisher: 'Coffee Chronicle', publisherUrl: 'https://coffee-chronicle.example', pubDate: 'Sat, 21 Nov 2026 09:30:00 GMT' },
  { id: OPAQUE_ID, headline: 'Brewly &amp; rivals raise prices by 5%', publisher: 'The Daily Grind', publisherUrl: 'https://www.dailygrind.example', pubDate: 'Fri, 20 Nov 2026 17:05:00 GMT' },
];

export function googleNewsFeed(query: string, items: NewsItem[], hl = 'en-US', gl = 'US', ceid = 'US:en'): string {
  const q = encodeURIComponent(query);
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"><channel><generator>NFE/5.0</generator><title>"${query}" - Google News</title><link>https://news.google.com/search?q=${q}&amp;hl=${hl}&amp;gl=${gl}&amp;ceid=${ceid}</link><language>${hl}</language><webMaster>news-webmaster@google.com</webMaster><copyright>2026 Google LLC. All rights reserved.</copyright><lastBuildDate>Sun, 22 Nov 2026 11:58:00 GMT</lastBuildDate><description>Google News</description>${items
    .map(
      (i) =>
        `<item><title>${i.headline} - ${i.publisher}</title><link>https://news.google.com/rss/articles/${i.id}?oc=5</link><guid isPermaLink="false">${i.id}</guid><pubDate>${i.pubDate}</pubDate><description>&lt;a href="https://news.google.com/rss/articles/${i.id}?oc=5" target="_blank"&gt;${i.headline.replace(/&/g, '&amp;')}&lt;/a&gt;&amp;nbsp;&amp;nbsp;&lt;font color="#6f6f6f"&gt;${i.publisher}&lt;/font&gt;</description><source url="${i.publisherUrl}">${i.publisher}</source></item>`,
    )
    .join('')}</channel></rss>`;
}
