/**
 * What makes two posts the same text: lower case, no URLs, @handles or leading RT, letters
 * and digits only (the `strict` key ../shared/data/sentiment-extra was deduplicated with).
 * A feed repeats a post with another link or handle; the adapter's held-out check keeps the
 * copies of a text in one fold (adapter.ts), and bench:nlp-adapt keeps each text once.
 */
export function sameTextKey(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/https?:\/\/\S*|\bhttp\b|www\.\S+/g, ' ')
    .replace(/@\w+/g, ' ')
    .replace(/^\s*rt\b/, ' ')
    .replace(/[^\p{L}\p{N}]+/gu, '');
}
