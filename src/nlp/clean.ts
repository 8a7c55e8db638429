/**
 * Text clean-up before NLP. Social posts carry much that has no language
 * (links, handles, emoji, numbers) and the training corpora carry artefacts
 * of how they were published (`\u2019` written out, `&amp;`, `@user`/`http`
 * placeholders) that a model would otherwise learn as a shortcut.
 */

const ESCAPED_UNICODE = /\\u([0-9a-fA-F]{4})/g;
const ENTITY = /&(amp|lt|gt|quot|apos|#39|#x27);/g;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", '#39': "'", '#x27': "'" };

/** Undoes publishing artefacts: literal `\uXXXX` escapes and the common HTML entities. */
export function decodeArtifacts(text: string): string {
  if (text.includes('\\u')) text = text.replace(ESCAPED_UNICODE, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  if (text.includes('&')) text = text.replace(ENTITY, (_, name: string) => ENTITIES[name]!);
  return text;
}

// Links (with or without scheme) and the bare `http` placeholder of the xlm-t corpora.
export const URL_PATTERN = /\b(?:https?:\/\/\S+|www\.\S+|[a-z0-9-]+\.(?:com|org|net|co|ly|me|io)\/\S*|https?\b)/giu;
// @handles, Mastodon's @user@instance included, and the `@user` placeholder.
export const HANDLE_PATTERN = /@[\p{L}\p{N}_][\p{L}\p{N}_.-]*(?:@[\p{L}\p{N}.-]+)?/gu;
// Every URL_PATTERN match contains one of these; most posts have none, and this scan is far cheaper.
const MAY_HAVE_URL = /http|www\.|\//i;

/** `text` with links replaced by `by` (the URL regex only runs where a link can be). */
export function replaceUrls(text: string, by: string): string {
  return MAY_HAVE_URL.test(text) ? text.replace(URL_PATTERN, by) : text;
}

/** `text` with @handles replaced by `by`. */
export function replaceHandles(text: string, by: string): string {
  return text.includes('@') ? text.replace(HANDLE_PATTERN, by) : text;
}

const LEADING_RT = /^\s*rt\b:?/i;
const NOT_LETTER = /[^\p{L}\p{M}]+/gu;

/**
 * What language identification looks at: letters only, lower-cased, words
 * separated by single spaces. URLs, handles, placeholders, `#`, emoji,
 * numbers and punctuation are dropped; a hashtag's word is kept.
 */
export function cleanForLangid(text: string): string {
  return replaceHandles(replaceUrls(decodeArtifacts(text), ' '), ' ')
    .replace(LEADING_RT, ' ')
    .replace(NOT_LETTER, ' ')
    .toLowerCase()
    .trim();
}

/** Letters in `cleanForLangid` output (everything but its single spaces). */
export function letterCount(clean: string): number {
  let letters = 0;
  for (let i = 0; i < clean.length; i++) if (clean.charCodeAt(i) !== 32) letters++;
  return letters;
}
