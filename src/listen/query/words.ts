/**
 * What a "word" is, for both sides of a match: the mention text and the query.
 * A word is a run of letters, combining marks, digits, `_` and zero-width
 * (non-)joiners, starting with a letter, digit or `_`. Marks belong to the word they follow, so Devanagari vowel signs
 * (`ि`, `ा`) and Arabic harakat never split a word; everything else (spaces,
 * punctuation, symbols, emoji) separates words. Both sides are folded with
 * `foldText`, so matching is case- and diacritics-insensitive.
 */
import { foldText } from '../../core/text.ts';
import type { WordPattern } from './ast.ts';

/** One run of word characters (the query side also allows the wildcards * and ?). */
// A word starts with a letter, digit or _: a mark with nothing to attach to (an emoji
// variation selector, a stray accent) is not a word of its own and does not start one.
export const WORD_RUN = /[\p{L}\p{N}_][\p{L}\p{M}\p{N}_\u200c\u200d]*/gu;
export const QUERY_WORD_RUN = /[\p{L}\p{N}_*?][\p{L}\p{M}\p{N}_\u200c\u200d*?]*/gu;

const NON_ASCII = /[^\x00-\x7f]/;

/** The folded form of one word; ASCII skips Unicode normalisation, which dominates the cost. */
export function foldWord(word: string): string {
  return NON_ASCII.test(word) ? foldText(word) : word.toLowerCase();
}

/** A mention text cut into folded words, with where each word sits in the original text. */
export interface AnalyzedText {
  readonly text: string;
  readonly words: string[];
  /** UTF-16 offsets of each word in `text` (end exclusive). */
  readonly starts: number[];
  readonly ends: number[];
  /** True where the word is written as a hashtag (`#word`), following `extractHashtags`. */
  readonly hashtag: boolean[];
  /** Folded word → its positions, ascending. */
  readonly positions: Map<string, number[]>;
}

const HASHTAG_BLOCKER = /[\p{L}\p{N}_&/#]/u;
const DIGITS = /^\d+$/;
const HASHTAG_START = /^[\p{L}\p{N}_]/u;

export function analyzeText(text: string): AnalyzedText {
  const words: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  const hashtag: boolean[] = [];
  const positions = new Map<string, number[]>();
  const ascii = !NON_ASCII.test(text);
  const lower = ascii ? text.toLowerCase() : '';
  for (const match of text.matchAll(WORD_RUN)) {
    const start = match.index;
    const end = start + match[0].length;
    const word = ascii ? lower.slice(start, end) : foldWord(match[0]);
    if (word.length === 0) continue; // a lone diacritic folds to nothing
    const at = words.length;
    words.push(word);
    starts.push(start);
    ends.push(end);
    hashtag.push(
      start > 0 &&
        text.charCodeAt(start - 1) === 35 /* # */ &&
        (start === 1 || !HASHTAG_BLOCKER.test(text[start - 2]!)) &&
        HASHTAG_START.test(match[0]) &&
        !DIGITS.test(word),
    );
    const list = positions.get(word);
    if (list) list.push(at);
    else positions.set(word, [at]);
  }
  return { text, words, starts, ends, hashtag, positions };
}

/** Turns one query word (already split, may hold * and ?) into a pattern. */
export function wordPattern(piece: string): WordPattern {
  const folded = foldWord(piece);
  const star = folded.indexOf('*');
  const question = folded.indexOf('?');
  if (star < 0 && question < 0) return { kind: 'exact', word: folded };
  if (question < 0 && star === folded.length - 1) return { kind: 'prefix', prefix: folded.slice(0, -1) };
  return { kind: 'glob', pattern: folded };
}

const globCache = new Map<string, RegExp>();

function globRegex(pattern: string): RegExp {
  let regex = globCache.get(pattern);
  if (!regex) {
    const source = [...pattern]
      .map((ch) => (ch === '*' ? '.*' : ch === '?' ? '.' : ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
      .join('');
    regex = new RegExp(`^${source}$`, 'u');
    globCache.set(pattern, regex);
  }
  return regex;
}

export function matchesPattern(pattern: WordPattern, word: string): boolean {
  switch (pattern.kind) {
    case 'exact':
      return word === pattern.word;
    case 'prefix':
      return word.startsWith(pattern.prefix);
    case 'glob':
      return globRegex(pattern.pattern).test(word);
  }
}

const NONE: readonly number[] = [];

/** Ascending positions of the words of `doc` that match `pattern`. */
export function occurrences(pattern: WordPattern, doc: AnalyzedText): readonly number[] {
  if (pattern.kind === 'exact') return doc.positions.get(pattern.word) ?? NONE;
  let found: number[] | null = null;
  for (const [word, at] of doc.positions) {
    if (matchesPattern(pattern, word)) (found ??= []).push(...at);
  }
  return found ? found.sort((a, b) => a - b) : NONE;
}

/** Whether any word of `doc` matches, without collecting positions. */
export function occursIn(pattern: WordPattern, doc: AnalyzedText): boolean {
  if (pattern.kind === 'exact') return doc.positions.has(pattern.word);
  for (const word of doc.positions.keys()) if (matchesPattern(pattern, word)) return true;
  return false;
}

/** The query spelling of a pattern, for explanations. */
export function patternText(pattern: WordPattern): string {
  return pattern.kind === 'exact' ? pattern.word : pattern.kind === 'prefix' ? `${pattern.prefix}*` : pattern.pattern;
}
