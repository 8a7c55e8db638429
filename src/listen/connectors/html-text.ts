/**
 * Plain text from the small HTML fragments networks send (Mastodon `content`,
 * HN `comment_text`, RSS descriptions). Block elements (paragraphs, headings,
 * figures, list items, table cells…) and line breaks become newlines or spaces,
 * other tags go, entities are decoded. Not a general HTML parser: these
 * fragments are sanitised by the network and shallow.
 */
const NAMED: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', hellip: '…', mdash: '—', ndash: '–',
  lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”', laquo: '«', raquo: '»', copy: '©', reg: '®', trade: '™', euro: '€',
};

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? Number.parseInt(name.slice(2), 16) : Number.parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED[name.toLowerCase()] ?? whole;
  });
}

// Elements a browser lays out as blocks: the text on either side is two words, never one.
// Opening tags count as well as closing ones (`Menu:<ul>` is two words too).
const PARAGRAPH = /<\/?(?:p|div|blockquote|h[1-6]|figure|figcaption|pre|ul|ol|dl|table|section|article|header|footer|aside|nav|main|address|details|summary|hr)\b[^>]*>/gi;
// A list item or table row starts a line (its end tag is optional in HTML).
const LINE = /<(?:li|dt|dd|tr|caption)\b[^>]*>|<br\b[^>]*>/gi;
const CELL = /<\/?(?:td|th)\b[^>]*>/gi;

export function htmlToText(html: string | null | undefined): string {
  if (!html) return '';
  return decodeEntities(
    html
      .replace(/<(script|style)[\s\S]*?<\/\1>/gi, '')
      .replace(PARAGRAPH, '\n\n')
      .replace(LINE, '\n')
      .replace(CELL, ' ')
      .replace(/<[^>]+>/g, ''),
  )
    .replace(/[ \t]*\n[ \t]*/g, '\n')
    .replace(/ {2,}/g, ' ')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
