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
