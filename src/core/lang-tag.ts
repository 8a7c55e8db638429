/**
 * A network's own language tag for a post (RSS `<language>`, Atom `xml:lang`,
 * Mastodon `language`, Bluesky `langs`): BCP 47, https://www.rfc-editor.org/rfc/rfc5646.
 */

const TAG = /^[a-z]{2,3}(?:-[a-z0-9]{1,8})*$/i;
/** Tags that name no language: undetermined, several, no linguistic content. */
const NO_LANGUAGE = new Set(['und', 'mul', 'zxx', 'mis']);

/**
 * The tag in BCP 47's conventional case (`pt-BR`, `zh-Hant-TW`, `en`), `_` read as `-`
 * (`en_US`, as some feeds write it); null when it is not a language tag at all
 * ("English", "x-default") or names no language (`und`).
 */
export function languageTag(raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  const tag = raw.trim().replace(/_/g, '-');
  // RFC 5646 §4.4.1: 35 characters is enough for any tag worth keeping.
  if (tag.length > 35 || !TAG.test(tag)) return null;
  const [language, ...subtags] = tag.split('-') as [string, ...string[]];
  if (NO_LANGUAGE.has(language.toLowerCase())) return null;
  const cased = subtags.map((s) => (s.length === 2 ? s.toUpperCase() : s.length === 4 ? s[0]!.toUpperCase() + s.slice(1).toLowerCase() : s.toLowerCase()));
  return [language.toLowerCase(), ...cased].join('-');
}

/** The language a tag names, without region or script: `pt-BR` → `pt`; null when none. */
export function primaryLanguage(raw: unknown): string | null {
  return languageTag(raw)?.split('-')[0] ?? null;
}
