/**
 * Languages outside the 20 our model is trained on. Our model can only answer
 * one of its own classes, so Dutch comes out German and Czech Slovak. Two cheap
 * checks catch them after the model has answered:
 * - Cyrillic letters that only Ukrainian or Macedonian use;
 * - for Latin text that looks foreign (our model is unsure, a letter or word marks
 *   one of the untrained languages, or a confident sk/es/sv shows a cue of its
 *   untrained neighbour), a second opinion from eld (Apache-2.0) with its "medium"
 *   n-gram database, from our compact copy (eld-table.ts), loaded on first need so
 *   posts that never reach it never pay for it.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { letterCount } from './clean.ts';
import { readEldTable } from './eld-table.ts';
import { sourceFile } from '../core/package-root.ts';

/** The untrained languages we answer: those a European brand meets that eld knows. */
export const UNTRAINED = new Set(['nl', 'cs', 'ro', 'tr', 'uk', 'da', 'no', 'fi', 'lt', 'lv', 'et', 'ca']);

/** Our model's confidence under which Latin text is re-checked (chosen on val + UDHR, see docs/nlp.md). */
export const RECHECK_BELOW = 0.9;
/** eld's score for the untrained language must beat its score for our answer by this much. */
export const ELD_MARGIN = 0.05;
/** …and eld's own score for it must reach this (its wrong calls on tweets — "I'm at Ixkati in Coyoacán, DF" → da — score lower). */
export const ELD_MIN_SCORE = 0.65;
/** Fewer letters than this are too short for eld to overrule us ("salut", "Åh grattis" came out ca, et). */
export const ELD_MIN_LETTERS = 15;

/** A whole word of `clean` (letters and single spaces, so \b, which is ASCII-only, is not needed). */
function words(list: string): string {
  return `(?:^| )(?:${list})(?= |$)`;
}

const BCS = new Set(['bs', 'hr', 'sr']);
// Letters of the untrained languages that our trained Latin languages (almost) never use.
// (Estonian õ separately: Portuguese has it too.)
const FOREIGN_LETTER = /[ěůřășțşţğıėįųāēīūļķņģæø]/u;
// …plus Dutch "ij" and Dutch/Danish/Norwegian function words, only where Dutch and Danish/Norwegian land
// (de, en, sv, hu): Slovenian, Albanian, Indonesian and ijekavian bs/hr/sr spelling is full of "ij".
const FOREIGN_MARK = new RegExp(`${FOREIGN_LETTER.source}|ij|${words('een|het|og|ikke|jeg')}`, 'u');
const DUTCH_LANDS_ON = new Set(['de', 'en', 'sv', 'hu']);
// Our answers that a close untrained neighbour hides behind with full confidence, and what gives the
// neighbour away: Czech words Slovak spells otherwise (sk: som, keď, pre…); Catalan letters and words
// Spanish lacks; Danish/Norwegian words and Finnish double vowels and words that Swedish lacks.
const NEIGHBOUR_CUE = new Map<string, RegExp>([
  ['sk', new RegExp(`[ěůř]|${words('jsem|jsi|jsme|jste|jsou|není|nejsou|také|taky|protože|když|den|tady|teď|dneska|pro|budou|který|která|které|proč|jenom|jen|jak|co|nebo')}`, 'u')],
  ['es', new RegExp(`[àèòç]|${words('amb|els|és|seva|seu|aquest|aquesta|això|també|però|molt|perquè|avui|dels|pel|tots|totes')}`, 'u')],
  ['sv', new RegExp(`ää|öö|yy|aa|ii|uu|${words('og|ikke|jeg|af|meget|hvad|hvor|være|bare|er|til|on|ei|että|kun|mutta|tämä|olla|oli|ovat')}`, 'u')],
]);

const UKRAINIAN_LETTER = /[іїєґ]/u;

/**
 * Macedonian-only letters; Ukrainian letters (і ї є ґ, with no Belarusian ў) in at least one word in
 * eight, so a Russian post with one #євромайдан hashtag stays Russian.
 */
export function cyrillicRule(clean: string, ours: string): string | null {
  if (/[ѓќѕ]/u.test(clean)) return 'mk';
  if (UKRAINIAN_LETTER.test(clean) && !clean.includes('ў')) {
    const tokens = clean.split(' ');
    let marked = 0;
    for (const token of tokens) if (UKRAINIAN_LETTER.test(token)) marked++;
    if (marked * 8 >= tokens.length) return 'uk';
  }
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
  if (unsure || (DUTCH_LANDS_ON.has(ours) ? FOREIGN_MARK : FOREIGN_LETTER).test(clean)) return true;
  if (ours !== 'pt' && clean.includes('õ')) return true;
  return NEIGHBOUR_CUE.get(ours)?.test(clean) ?? false;
}

interface EldResult {
  language: string;
  getScores(): Record<string, number>;
}
interface Eld {
  detect(text: string): EldResult;
}

/** The compact eld database (scripts/nlp/build-eld-table.ts writes it). */
export const ELD_TABLE_PATH = sourceFile('nlp', 'models', 'eld-medium.bin.gz');

/** A file of the installed eld package (its exports map hides the internals we need). */
export function eldPackageFile(path: string): string {
  const require = createRequire(import.meta.url);
  const file = (require.resolve.paths('eld') ?? []).map((dir) => join(dir, 'eld', path)).find((candidate) => existsSync(candidate));
  if (!file) throw new Error('nlp/untrained: the `eld` package is not installed (npm install eld)');
  return file;
}

let eld: Eld | null = null;

function loadEld(): Eld {
  if (eld) return eld;
  // eld's own detector over our compact table. eld is ESM-only with an import-only exports
  // map; Node ≥ 20.19 can require() an ES module by path, which keeps detectLanguage synchronous.
  const { createEld } = createRequire(import.meta.url)(eldPackageFile('src/languageDetector.js')) as {
    createEld(): { instance: Eld; loadData(data: { type: string; languages: Record<number, string>; ngrams: object }): string };
  };
  const table = readEldTable(ELD_TABLE_PATH);
  const { instance, loadData } = createEld();
  loadData({ type: table.type, languages: table.languages, ngrams: table.ngramLookup() });
  eld = instance;
  return eld;
}

/** The untrained language eld names for `clean` with its score, or null when it names one of ours or is not clear. */
export function eldUntrained(clean: string, ours: string): { lang: string; score: number } | null {
  const result = loadEld().detect(clean);
  const lang = result.language;
  if (!UNTRAINED.has(lang)) return null;
  const scores = result.getScores();
  const score = scores[lang] ?? 0;
  return score >= ELD_MIN_SCORE && score - (scores[ours] ?? 0) >= ELD_MARGIN ? { lang, score: Math.min(1, score) } : null;
}
