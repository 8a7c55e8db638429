/**
 * Feeds as their specifications describe them:
 * - RSS 2.0 (channel/item: title, link, description, author, guid, pubDate in RFC 822):
 *   https://www.rssboard.org/rss-specification ; dc:creator from Dublin Core
 *   (https://www.dublincore.org/specifications/dublin-core/dcmi-terms/) and
 *   content:encoded from https://web.resource.org/rss/1.0/modules/content/
 * - Atom (feed/entry: id, title, link rel="alternate", author/name, published,
 *   updated, content): RFC 4287, https://www.rfc-editor.org/rfc/rfc4287
 * - Google Alerts delivers Atom whose links go through https://www.google.com/url?…&url=…
 * - Charset: the Content-Type charset parameter wins, else the XML declaration
 *   (RFC 7303 §3.2, https://www.rfc-editor.org/rfc/rfc7303#section-3.2)
 */
export function rss2(items: { guid: string; title: string; link: string; creator?: string; description: string; pubDate: string; content?: string }[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:atom="http://www.w3.org/2005/Atom">
  <channel>
    <title>Coffee Chronicle</title>
    <link>https://coffee-chronicle.example/</link>
    <description>News from the coffee world</description>
    <language>en</language>
    <atom:link href="https://coffee-chronicle.example/feed/" rel="self" type="application/rss+xml"/>
${items
  .map(
    (i) => `    <item>
      <title>${i.title}</title>
      <link>${i.link}</link>
      ${i.creator ? `<dc:creator><![CDATA[${i.creator}]]></dc:creator>` : ''}
      <pubDate>${i.pubDate}</pubDate>
      <category><![CDATA[Business]]></category>
      <guid isPermaLink="false">${i.guid}</guid>
      <description><![CDATA[${i.description}]]></description>
      ${i.content ? `<content:encoded><![CDATA[${i.content}]]></content:encoded>` : ''}
    </item>`,
  )
  .join('\n')}
  </channel>
</rss>`;
}

export const chronicleItems = [
  { guid: 'https://coffee-chronicle.example/?p=1201', title: 'Brewly opens its first café in Sofia', link: 'https://coffee-chronicle.example/2026/11/brewly-sofia/', creator: 'Maria Ivanova', description: '<p>The chain&#8217;s first store in Bulgaria…</p>', pubDate: 'Sat, 21 Nov 2026 09:30:00 +0000', content: '<p>The chain’s first store in Bulgaria opened on Vitosha Blvd. «Кафето е отлично», said one visitor ☕.</p>' },
  { guid: 'https://coffee-chronicle.example/?p=1199', title: 'Price rises at Brewly &amp; rivals', link: 'https://coffee-chronicle.example/2026/11/prices/', creator: 'Tom Baker', description: 'Several chains raised prices by 5%.', pubDate: 'Fri, 20 Nov 2026 17:05:00 GMT' },
  { guid: 'https://coffee-chronicle.example/?p=1190', title: 'Interview: the roaster behind Brewly', link: 'https://coffee-chronicle.example/2026/11/roaster/', description: '<p>We met the team in Lisbon.</p>', pubDate: 'Wed, 18 Nov 2026 08:00:00 +0100' },
];

/** An ISO-8859-1 feed (declared only in the XML declaration), as bytes. */
export function latin1Feed(): Buffer {
  const xml = `<?xml version="1.0" encoding="ISO-8859-1"?>
<rss version="2.0"><channel><title>Le Journal du Café</title><link>https://journal-cafe.example/</link><description>Actualités</description>
<item><title>Brewly ouvre à Genève : café crème à 3,50 €</title><link>https://journal-cafe.example/brewly-geneve</link><guid>jc-88</guid><pubDate>Sun, 22 Nov 2026 07:00:00 +0100</pubDate><author>redaction@journal-cafe.example (Amélie Dupré)</author><description>Une ouverture très attendue à Genève. Déçu ? Pas du tout !</description></item>
</channel></rss>`;
  // '€' is not in ISO-8859-1: real Latin-1 feeds write it as a character reference.
  return Buffer.from(xml.replace('€', '&#8364;'), 'latin1');
}

export function googleAlertsAtom(): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:idx="urn:atom-extension:indexing">
  <id>tag:google.com,2005:reader/user/08151905486963453495/state/com.google/alerts/10513734372145537316</id>
  <title>Google Alert - brewly</title>
  <link href="https://www.google.com/alerts/feeds/08151905486963453495/10513734372145537316" rel="self"/>
  <updated>2026-11-22T10:14:09Z</updated>
  <entry>
    <id>tag:google.com,2013:googlealerts/feed:13337002456789012345</id>
    <title type="html">&lt;b&gt;Brewly&lt;/b&gt; expands to Indonesia</title>
    <link href="https://www.google.com/url?rct=j&amp;sa=t&amp;url=https://www.kopi-news.example/brewly-jakarta&amp;ct=ga&amp;cd=CAEYACoUMTA&amp;usg=AOvVaw0"/>
    <published>2026-11-22T10:14:09Z</published>
    <updated>2026-11-22T10:14:09Z</updated>
    <content type="html">Kopi &lt;b&gt;Brewly&lt;/b&gt; kini hadir di Jakarta ...</content>
    <author><name/></author>
  </entry>
  <entry>
    <id>tag:google.com,2013:googlealerts/feed:13337002456789012399</id>
    <title type="html">Why &lt;b&gt;Brewly&lt;/b&gt; fans are upset</title>
    <link href="https://www.google.com/url?rct=j&amp;sa=t&amp;url=https://blog.example.com/brewly-fans&amp;ct=ga"/>
    <published>2026-11-22T08:02:00Z</published>
    <updated>2026-11-22T08:02:00Z</updated>
    <content type="html">The new loyalty app ...</content>
    <author><name>Jane Roe</name></author>
  </entry>
</feed>`;
}

/**
 * GitHub's releases feed as it is served: entry links are paths with no `xml:base`
 * (RFC 4287 §3.4 lets them be relative, to the document's URL: RFC 3986 §5.1.3).
 */
export function githubReleasesAtom(): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:media="http://search.yahoo.com/mrss/" xml:lang="en-US">
  <id>tag:github.com,2008:https://github.com/gulpjs/gulp/releases</id>
  <link type="text/html" rel="alternate" href="https://github.com/gulpjs/gulp/releases"/>
  <link type="application/atom+xml" rel="self" href="https://github.com/gulpjs/gulp/releases.atom"/>
  <title>Release notes from gulp</title>
  <updated>2015-06-01T21:52:56Z</updated>
  <entry>
    <id>tag:github.com,2008:Repository/11167738/v3.9.0</id>
    <updated>2015-06-01T21:52:56Z</updated>
    <link rel="alternate" type="text/html" href="/gulpjs/gulp/releases/tag/v3.9.0"/>
    <title>v3.9.0</title>
    <content type="html">&lt;p&gt;Brewly tasks now run in parallel.&lt;/p&gt;</content>
    <author>
      <name>phated</name>
    </author>
    <media:thumbnail height="30" width="30" url="https://avatars.githubusercontent.com/u/1?s=60&amp;v=4"/>
  </entry>
</feed>`;
}

/**
 * A blog's Atom feed: one feed-level author (entries inherit it, RFC 4287 §4.2.1),
 * `xml:base` on the feed, an entry and a link (RFC 4287 §2, XML Base), and
 * WordPress-style content whose blocks end without a space between them.
 */
export function blogAtom(): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="de" xml:base="https://kaffee-blog.example/blog/">
  <title>Kaffee &amp; Kuchen</title>
  <id>urn:uuid:60a76c80-d399-11d9-b93C-0003939e0af6</id>
  <updated>2026-11-21T18:30:02Z</updated>
  <author><name>Lena Vogel</name><uri>https://kaffee-blog.example/</uri></author>
  <link rel="self" href="feed.atom"/>
  <entry>
    <title>Brewly in Berlin</title>
    <link href="2026/brewly-berlin"/>
    <id>urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a</id>
    <published>2026-11-21T18:30:02Z</published>
    <content type="html">&lt;figure&gt;&lt;img src="k.jpg"/&gt;&lt;figcaption&gt;Brewly Kitchen&lt;/figcaption&gt;&lt;/figure&gt;&lt;h4&gt;How to order&lt;/h4&gt;&lt;p&gt;Am Tresen.&lt;/p&gt;</content>
  </entry>
  <entry xml:base="/archiv/" xml:lang="en">
    <title>Brewly in English</title>
    <link href="brewly-en" rel="alternate"/>
    <id>urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6b</id>
    <published>2026-11-20T09:00:00Z</published>
    <summary>Our first English post.</summary>
    <author><name>Guest Writer</name></author>
  </entry>
  <entry>
    <title>Brewly Bohnen</title>
    <link href="bohnen" xml:base="https://cdn.kaffee-blog.example/posts/"/>
    <id>urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6c</id>
    <updated>2026-11-19T09:00:00Z</updated>
    <summary>Welche Bohnen?</summary>
  </entry>
</feed>`;
}

/**
 * An RSS 2.0 feed through FeedBurner: `<link>` is FeedBurner's click-counting redirect,
 * `feedburner:origLink` the article (the FeedBurner namespace, http://rssnamespace.org/feedburner/ext/1.0).
 * The second item's link is relative, to the feed's own URL.
 */
export function feedburnerRss(): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:feedburner="http://rssnamespace.org/feedburner/ext/1.0">
  <channel>
    <title>Barista Weekly</title>
    <link>https://barista-weekly.example/</link>
    <description>Coffee trade news</description>
    <language>pt-BR</language>
    <item>
      <title>Brewly chega a São Paulo</title>
      <link>https://feeds.feedburner.com/~r/BaristaWeekly/~3/aBcD123/</link>
      <guid isPermaLink="false">bw-501</guid>
      <pubDate>Sat, 21 Nov 2026 12:00:00 GMT</pubDate>
      <description>A rede abriu na Avenida Paulista.</description>
      <feedburner:origLink>https://barista-weekly.example/2026/11/brewly-sao-paulo/</feedburner:origLink>
    </item>
    <item>
      <title>Brewly e o café gelado</title>
      <link>/2026/11/cafe-gelado/</link>
      <guid isPermaLink="false">bw-502</guid>
      <pubDate>Sat, 21 Nov 2026 13:00:00 GMT</pubDate>
      <description>Nova bebida de verão.</description>
    </item>
  </channel>
</rss>`;
}
