/**
 * What a link card shows: the page's OpenGraph title, description and image
 * (https://ogp.me/), falling back to <title> and <meta name="description">. The page is
 * fetched through the connectors' HttpClient (the SSRF-guarded fetch by default), with a
 * short timeout, reading at most its first 512 KB (the card is in the head).
 */
import { Parser } from 'htmlparser2';
import type { HttpClient } from './http.ts';

export interface LinkPreview {
  uri: string;
  title: string;
  description: string;
  /** An absolute http(s) URL of the page's picture, or null. */
  image: string | null;
}

const LINK_PREVIEW_MAX_BYTES = 512 * 1024;
const LINK_PREVIEW_TIMEOUT_MS = 5000;

/** The card of an HTML page, from its tags; relative image URLs resolved against `pageUrl`. */
function previewOfHtml(html: string, pageUrl: string): LinkPreview {
  const og: Record<string, string> = {};
  let title = '';
  let inTitle = false;
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (name === 'title') inTitle = true;
        if (name !== 'meta') return;
        const key = (attrs.property ?? attrs.name ?? '').toLowerCase();
        if (attrs.content != null && (key.startsWith('og:') || key === 'description') && !(key in og)) og[key] = attrs.content.trim();
      },
      ontext(text) {
        if (inTitle) title += text;
      },
      onclosetag(name) {
        if (name === 'title') inTitle = false;
        if (name === 'head') parser.pause(); // the card is in the head; the body is not needed
      },
    },
    { decodeEntities: true },
  );
  parser.end(html);
  return { uri: pageUrl, title: (og['og:title'] || title.trim()).slice(0, 300), description: (og['og:description'] || og.description || '').slice(0, 1000), image: absoluteHttpUrl(og['og:image'], pageUrl) };
}

function absoluteHttpUrl(value: string | undefined, base: string): string | null {
  if (!value) return null;
  try {
    const url = new URL(value, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** The card of `url`, or null when the page cannot be read as HTML within the bounds (a post then goes out without one). */
export async function fetchLinkPreview(http: HttpClient, url: string): Promise<LinkPreview | null> {
  try {
    const response = await http.request(url, { headers: { accept: 'text/html' }, timeoutMs: LINK_PREVIEW_TIMEOUT_MS });
    if (!/^(text\/html|application\/xhtml\+xml)\b/i.test(response.headers.get('content-type') ?? '')) {
      await response.body?.cancel();
      return null;
    }
    // A large page still has its card in the head: read its beginning only.
    const html = new TextDecoder().decode(await http.head(response, LINK_PREVIEW_MAX_BYTES));
    return previewOfHtml(html, response.url || url);
  } catch {
    return null;
  }
}
