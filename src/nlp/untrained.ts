/**
 * Languages outside the 20 our model is trained on. Our model can only answer
 * one of its own classes, so Dutch comes out German and Czech Slovak. Two cheap
 * checks catch them after the model has answered:
 * - Cyrillic letters that only Ukrainian or Macedonian use;
 * - for Latin text that looks foreign (our model is unsure, or a letter or word
 *   marks one of the untrained languages), a second opinion from eld (Apache-2.0,
 *   its bundled "medium" n-gram database, loaded on first need — about 0.7 s —
 *   so posts that never reach it never pay for it).
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { letterCount } from './clean.ts';

/** The untrained languages we answer: those a European brand meets that eld knows. */
export const UNTRAINED = new Set(['nl', 'cs', 'ro', 'tr', 'uk', 'da', 'no', 'fi', 'lt', 'lv', 'et', 'ca']);

/** Our model's confidence under which Latin text is re-checked (chosen on val + UDHR, see docs/nlp.md). */
export const RECHECK_BELOW = 0.9;
/** eld's score for the untrained language must beat its score for our answer by this much. */
export const ELD_MARGIN = 0.05;
/** Fewer letters than this are too short for eld to overrule us ("salut", "Åh grattis" came out ca, et). */
export const ELD_MIN_LETTERS = 15;

// Our answers that a close untrained neighbour hides behind with full confidence (Czech → sk; Danish, Norwegian, Finnish → sv).
const ALWAYS_RECHECK = new Set(['sk', 'sv']);
const BCS = new Set(['bs', 'hr', 'sr']);
// Letters and words of the untrained languages that our trained Latin languages (almost) never use.
const FOREIGN_MARK = /[ěůřășțşţğıėįųāēīūļķņģõæø]|l·l|ij|\b(?:een|het|og|ikke|jeg)\b/u;

/** Macedonian-only letters, Ukrainian-only letters; і without ў (Belarusian) is Ukrainian too. */
export function cyrillicRule(clean: string, ours: string): string | null {
  if (/[ѓќѕ]/u.test(clean)) return 'mk';
  if (/[їєґ]/u.test(clean) || (clean.includes('і') && !clean.includes('ў'))) return 'uk';
  // ј is Serbian or Macedonian, never Bulgarian or Russian.
  if (clean.includes('ј') && (ours === 'bg' || ours === 'ru')) return 'mk';
  return null;
}

export function shouldRecheckLatin(clean: string, ours: string, confidence: number): boolean {
  // eld has no romanized Hindi and scatters it over unrelated languages.
  if (ours === 'hi') return false;
  if (letterCount(clean) < ELD_MIN_LETTERS) return false;
  // Bosnian/Croatian/Serbian are unsure among themselves, not because the text is foreign.
  const unsure = confidence < RECHECK_BELOW && !BCS.has(ours);
  return unsure || ALWAYS_RECHECK.has(ours) || FOREIGN_MARK.test(clean);
}

interface EldResult {
  language: string;
  getScores(): Record<string, number>;
}
interface Eld {
  detect(text: string): EldResult;
}

let eld: Eld | null = null;

function loadEld(): Eld {
  if (eld) return eld;
  // eld is ESM-only with an import-only exports map; Node ≥ 20.19 can require() an ES module by path,
  // which keeps detectLanguage synchronous.
  const require = createRequire(import.meta.url);
  const file = (require.resolve.paths('eld') ?? [])
    .map((dir) => join(dir, 'eld', 'src', 'entries', 'static.medium.js'))
    .find((path) => existsSync(path));
  if (!file) throw new Error('nlp/untrained: the `eld` package is not installed (npm install eld)');
  eld = (require(file) as { eld: Eld }).eld;
  return eld;
}

/** The untrained language eld names for `clean` with its score, or null when it names one of ours or is not clear. */
export function eldUntrained(clean: string, ours: string): { lang: string; score: number } | null {
  const result = loadEld().detect(clean);
  const lang = result.language;
  if (!UNTRAINED.has(lang)) return null;
  const scores = result.getScores();
  const score = scores[lang] ?? 0;
  return score - (scores[ours] ?? 0) >= ELD_MARGIN ? { lang, score: Math.min(1, score) } : null;
}
