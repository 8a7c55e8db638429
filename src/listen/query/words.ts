/**
 * What a "word" is, for both sides of a match: the mention text and the query.
 * A word is a run of letters, combining marks, digits, `_` and zero-width
 * (non-)joiners, starting with a letter, digit or `_`. Marks belong to the word
 * they follow, so Devanagari vowel signs (`ि`, `ा`) and Arabic harakat never split
 * a word; everything else (spaces, punctuation, symbols, emoji) separates words. Both sides are folded with
 * `foldText`, so matching is case- and diacritics-insensitive.
 */
import { foldText } from '../../core/text.ts';
import type { WordPattern } from './ast.ts';
import { UNLIMITED, type WorkBudget } from './budget.ts';

// One run of word characters (the query side also allows the wildcards * and ?).
// A word starts with a letter, digit or _: a mark with nothing to attach to (an emoji
// variation selector, a stray accent) is not a word of its own and does not start one.
export const WORD_RUN = /[\p{L}\p{N}_][\p{L}\p{M}\p{N}_\u200c\u200d]*/gu;
export const QUERY_WORD_RUN = /[\p{L}\p{N}_*?][\p{L}\p{M}\p{N}_\u200c\u200d*?]*/gu;

const NON_ASCII = /[^\x00-\x7f]/;

// Unicode normalisation dominates the cost of analysing non-Latin text, and words
// repeat (Zipf), so folded forms are remembered; the cache is dropped when it grows
// past the bound to keep memory flat.
const FOLD_CACHE_LIMIT = 50_000;
let foldCache = new Map<string, string>();

/** The folded form of one word; ASCII skips Unicode normalisation. */
export function foldWord(word: string): string {
  if (!NON_ASCII.test(word)) return word.toLowerCase();
  let folded = foldCache.get(word);
  if (folded === undefined) {
    folded = foldText(word);
    if (foldCache.size >= FOLD_CACHE_LIMIT) foldCache = new Map();
    foldCache.set(word, folded);
  }
  return folded;
}

/** A mention text cut into folded words, with where each word sits in the original text. */
export interface AnalyzedText {
  readonly text: string;
  readonly words: string[];
  /** UTF-16 offsets of each word in `text` (end exclusive). */
  readonly starts: number[];
  readonly ends: number[];
  /** Folded word → its first position; `next` chains the later ones (no array per word: less garbage). */
  readonly first: Map<string, number>;
  /** Position of the next occurrence of the same word, or -1. */
  readonly next: number[];
  /** Distinct words in code-unit order, built on first use, for prefix and glob lookups. */
  sorted: string[] | null;
}

const HASHTAG_BLOCKER = /[\p{L}\p{N}_&/#]/u;
const DIGITS = /^\d+$/;

// Character classes for the hand-written scanner below, which does the same cut as
// WORD_RUN without a match object per word (bench:query went from 30 to 25 µs per
// mention with it). Classes of BMP characters are computed once from the same
// Unicode properties and remembered.
const OTHER = 1;
const CONTINUE = 2; // marks and zero-width (non-)joiners: inside a word only
const START = 3; // letters, digits, _: start or continue a word
const IS_START = /^[\p{L}\p{N}_]$/u;
const IS_CONTINUE = /^[\p{M}\u200c\u200d]$/u;
const bmpClass = new Uint8Array(0x10000);
for (let c = 0; c < 128; c++) {
  bmpClass[c] = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 ? START : OTHER;
}

function classify(ch: string): number {
  return IS_START.test(ch) ? START : IS_CONTINUE.test(ch) ? CONTINUE : OTHER;
}

/** Class of the character at `i` and its length in UTF-16 units. */
function classAt(text: string, i: number): number {
  const code = text.charCodeAt(i);
  if (code >= 0xd800 && code <= 0xdbff) {
    const point = text.codePointAt(i)!;
    return point > 0xffff ? classify(String.fromCodePoint(point)) * 4 + 2 : OTHER * 4 + 1;
  }
  let cls = bmpClass[code]!;
  if (cls === 0) cls = bmpClass[code] = classify(text[i]!);
  return cls * 4 + 1;
}

export function analyzeText(text: string): AnalyzedText {
  const words: string[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  const first = new Map<string, number>();
  const next: number[] = [];
  const last = new Map<string, number>();
  const ascii = !NON_ASCII.test(text);
  const lower = ascii ? text.toLowerCase() : '';
  const length = text.length;
  let i = 0;
  while (i < length) {
    let packed = classAt(text, i);
    if (packed >> 2 !== START) {
      i += packed & 3;
      continue;
    }
    const start = i;
    i += packed & 3;
    while (i < length) {
      packed = classAt(text, i);
      if (packed >> 2 === OTHER) break;
      i += packed & 3;
    }
    const word = ascii ? lower.slice(start, i) : foldWord(text.slice(start, i));
    if (word.length === 0) continue;
    const at = words.length;
    words.push(word);
    starts.push(start);
    ends.push(i);
    next.push(-1);
    const previous = last.get(word);
    if (previous === undefined) first.set(word, at);
    else next[previous] = at;
    last.set(word, at);
  }
  return { text, words, starts, ends, first, next, sorted: null };
}

/** Whether the word at `p` is written as a hashtag (`#word`), as `extractHashtags` decides. */
export function isHashtag(doc: AnalyzedText, p: number): boolean {
  const start = doc.starts[p]!;
  const text = doc.text;
  return (
    start > 0 &&
    text.charCodeAt(start - 1) === 35 /* # */ &&
    (start === 1 || !HASHTAG_BLOCKER.test(text[start - 2]!)) &&
    !DIGITS.test(doc.words[p]!)
  );
}

function positionsOf(doc: AnalyzedText, word: string, into: number[]): void {
  for (let p = doc.first.get(word) ?? -1; p >= 0; p = doc.next[p]!) into.push(p);
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

/**
 * `*` and `?` matched in one pass with a single back-up point (the last `*`), in code
 * points as the text is. At most (word + 1) × (pattern + 1) steps, whatever the pattern:
 * a regular expression (`^a.*a.*a.*b$`) backtracks exponentially on a long run of `a`s.
 */
export function globMatch(pattern: string, word: string, budget: WorkBudget = UNLIMITED): boolean {
  const pat = codePoints(pattern);
  const text = codePoints(word);
  let p = 0;
  let w = 0;
  let star = -1;
  let mark = 0;
  let steps = 0;
  while (w < text.length) {
    // Spent in slices: one call per character would cost more than the comparison.
    if (++steps === 4096) {
      budget.spend(steps);
      steps = 0;
    }
    const ch = pat[p];
    if (ch !== undefined && ch !== '*' && (ch === '?' || ch === text[w])) {
      p++;
      w++;
    } else if (ch === '*') {
      star = p++;
      mark = w;
    } else if (star >= 0) {
      p = star + 1;
      w = ++mark;
    } else {
      budget.spend(steps);
      return false;
    }
  }
  budget.spend(steps + 1);
  while (pat[p] === '*') p++;
  return p === pat.length;
}

const SURROGATE = /[\ud800-\udfff]/;

/** The string itself when it holds no surrogate pair (indexing it is then by code point). */
function codePoints(s: string): string | string[] {
  return SURROGATE.test(s) ? Array.from(s) : s;
}

export function matchesPattern(pattern: WordPattern, word: string, budget: WorkBudget = UNLIMITED): boolean {
  switch (pattern.kind) {
    case 'exact':
      return word === pattern.word;
    case 'prefix':
      return word.startsWith(pattern.prefix);
    case 'glob':
      return globMatch(pattern.pattern, word, budget);
  }
}

const NONE: readonly number[] = [];

/** Every pattern starts with a literal (a leading wildcard is a syntax error). */
function literalPrefix(pattern: WordPattern): string {
  if (pattern.kind === 'exact') return pattern.word;
  if (pattern.kind === 'prefix') return pattern.prefix;
  return /^[^*?]*/.exec(pattern.pattern)![0];
}

/** Distinct words of `doc` that match a non-exact pattern, found by binary search on its literal prefix. */
function* candidates(pattern: WordPattern, doc: AnalyzedText, budget: WorkBudget): Generator<string> {
  const sorted = (doc.sorted ??= [...doc.first.keys()].sort());
  const prefix = literalPrefix(pattern);
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < prefix) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < sorted.length && sorted[i]!.startsWith(prefix); i++) {
    budget.spend(1);
    if (pattern.kind === 'prefix' || matchesPattern(pattern, sorted[i]!, budget)) yield sorted[i]!;
  }
}

/** Ascending positions of the words of `doc` that match `pattern`. */
export function occurrences(pattern: WordPattern, doc: AnalyzedText, budget: WorkBudget = UNLIMITED): readonly number[] {
  if (pattern.kind === 'exact') {
    if (!doc.first.has(pattern.word)) return NONE;
    const found: number[] = [];
    positionsOf(doc, pattern.word, found);
    budget.spend(found.length);
    return found;
  }
  let found: number[] | null = null;
  for (const word of candidates(pattern, doc, budget)) positionsOf(doc, word, (found ??= []));
  if (found) budget.spend(found.length);
  return found ? found.sort((a, b) => a - b) : NONE;
}

/** Whether any word of `doc` matches, without collecting positions. */
export function occursIn(pattern: WordPattern, doc: AnalyzedText, budget: WorkBudget = UNLIMITED): boolean {
  if (pattern.kind === 'exact') return doc.first.has(pattern.word);
  return !candidates(pattern, doc, budget).next().done;
}

/** The query spelling of a pattern, for explanations. */
export function patternText(pattern: WordPattern): string {
  return pattern.kind === 'exact' ? pattern.word : pattern.kind === 'prefix' ? `${pattern.prefix}*` : pattern.pattern;
}
