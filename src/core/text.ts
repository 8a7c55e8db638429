/**
 * Text helpers shared by storage (full-text search), topic matching and NLP.
 */

// Only these marks are folded away: Latin/Greek/Cyrillic combining diacritics and
// Arabic harakat/tatweel. Devanagari vowel signs are marks too, but removing them
// would change the word, so they are kept.
const FOLDABLE_MARKS = /[\u0300-\u036f\u064b-\u065f\u0670\u0640]/g;
const ASCII = /^[\x00-\x7f]*$/;

/** Case- and diacritics-insensitive form of a text: `Café` → `cafe`, `Ёлка` → `елка`. */
export function foldText(text: string): string {
  // ASCII has nothing to normalise or strip; about half of all posts are ASCII.
  if (ASCII.test(text)) return text.toLowerCase();
  return text.normalize('NFKD').replace(FOLDABLE_MARKS, '').toLowerCase().normalize('NFC');
}

const HASHTAG = /(?:^|[^\p{L}\p{N}_&/#])#([\p{L}\p{N}_][\p{L}\p{M}\p{N}_]*)/gu;
const HANDLE = /(?:^|[^\p{L}\p{N}_@/.])@([a-z0-9_][a-z0-9_.-]*(?:@[a-z0-9-]+(?:\.[a-z0-9-]+)+)?)/giu;

/** Hashtags in a text, folded (case and accents), without '#', in order of first use. */
export function extractHashtags(text: string): string[] {
  if (!text.includes('#')) return []; // the regex costs more than this scan
  const tags = new Set<string>();
  for (const match of text.matchAll(HASHTAG)) {
    const tag = match[1]!;
    if (/^\d+$/.test(tag)) continue; // "#1" is a rank, not a tag
    tags.add(foldText(tag));
  }
  return [...tags];
}

/** @-handles in a text, lower-cased, without '@'; Mastodon's `@user@instance` kept whole. */
export function extractHandles(text: string): string[] {
  if (!text.includes('@')) return [];
  const handles = new Set<string>();
  for (const match of text.matchAll(HANDLE)) {
    handles.add(match[1]!.replace(/[.-]+$/, '').toLowerCase());
  }
  return [...handles];
}

/** Host of a URL without `www.`, lower-cased; null when the URL is missing or invalid. */
export function domainOf(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    return new URL(url).hostname.toLowerCase().replace(/^www\./, '') || null;
  } catch {
    return null;
  }
}
