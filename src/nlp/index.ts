/**
 * Offline language identification and sentiment for short social posts.
 * Models are ours (scripts/nlp/), shipped in ./models/, loaded once on first use.
 */
import type { LanguageGuess, Sentiment } from '../core/mention.ts';
import { models } from './models.ts';

export type { LanguageGuess, Sentiment } from '../core/mention.ts';
export { readModels, models, type NlpModels } from './models.ts';
export { cleanForLangid } from './clean.ts';

export interface NlpResult {
  language: LanguageGuess;
  sentiment: Sentiment;
}

/**
 * ISO 639-1 code (or `und` with confidence 0 for a post of only emoji, links or
 * handles) and a confidence in [0, 1]; romanized Hindi is `hi` with script `Latn`.
 * `hint` (a network's language tag) tips close calls only.
 */
export function detectLanguage(text: string, hint?: string | null): LanguageGuess {
  return models().detector.detect(text, hint);
}

/** Sentiment of `text`; `lang` picks the language head and lexicon (detected when omitted). */
export function analyzeSentiment(text: string, lang?: string): Sentiment {
  const m = models();
  return m.analyzer.analyze(text, lang ?? m.detector.detect(text).lang);
}

/** Language and sentiment of each text, in order (the same answers as the single forms). */
export function analyzeBatch(texts: readonly string[], hints?: readonly (string | null | undefined)[]): NlpResult[] {
  const { detector, analyzer } = models();
  return texts.map((text, i) => {
    const language = detector.detect(text, hints?.[i]);
    return { language, sentiment: analyzer.analyze(text, language.lang) };
  });
}
