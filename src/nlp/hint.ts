/**
 * When detection is unsure, the network's own language tag decides: a two-word post
 * ("Menu", "ok") gets a near-arbitrary answer from the text, while the tag its author's
 * client set (Mastodon `language`, Bluesky `langs`, a feed's `<language>`) is usually right.
 */
import { primaryLanguage } from '../core/lang-tag.ts';
import type { LanguageGuess } from '../core/mention.ts';

/**
 * Under this confidence the detector's answer is less likely than all the others
 * together: unsure. Above it the text decides, whatever the tag says (a tag is often
 * just the author's interface language).
 */
export const UNSURE_BELOW = 0.5;

/**
 * `guess`, or the hint's language when the guess is unsure and the hint names a language
 * the detector knows (`known`). `und` (no letters to go on) stays: the text carries no
 * language. The confidence stays the detector's, low: the language came from the tag.
 */
export function preferHintWhenUnsure(guess: LanguageGuess, hint: string | null | undefined, known: readonly string[]): LanguageGuess {
  const hinted = primaryLanguage(hint);
  if (!hinted || hinted === guess.lang || guess.lang === 'und' || guess.confidence >= UNSURE_BELOW || !known.includes(hinted)) return guess;
  return { lang: hinted, confidence: guess.confidence };
}
