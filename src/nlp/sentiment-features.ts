/**
 * Sentiment features, one code path for training (scripts/nlp/train-sentiment.ts)
 * and runtime:
 * - hashed word unigrams (marked when inside a negation scope), word bigrams and
 *   character n-grams within words (optionally word trigrams and skip-bigrams), each twice: shared by all languages and a
 *   per-language copy (so every language gets its own head on top of a shared one);
 * - a few dense lexicon features (valence sums with negation flipping, boosters
 *   and but-clauses, emoji, punctuation, shouting), also shared + per language.
 */
import { foldText } from '../core/text.ts';
import { decodeArtifacts, replaceHandles, replaceUrls } from './clean.ts';
import { FNV_OFFSET, fnvStep, hashString, mix, type FeatureBuffer } from './hashing.ts';
import { valenceOf, type Lexicon, type LanguageLexicon, type Phrase } from './lexicon.ts';

export interface SentimentFeatureConfig {
  bits: number;
  /** Languages with their own head; any other language uses only the shared one. */
  langs: string[];
  /** Value of the per-language copy of each hashed feature (the shared copy has 1). */
  copyWeight: number;
  /** Multiplier of the dense lexicon features. */
  denseScale: number;
  charMin: number;
  charMax: number;
  /** Whether character n-grams also get per-language copies (words always do). */
  charCopies: boolean;
  /** Tokens a negator's scope reaches. */
  negationScope: number;
  /** Adds RICH_LEXICON_FEATURES to the dense ones (absent in models trained before they existed). */
  richLexicon?: boolean;
  /** Adds hashed word trigrams (absent in models trained before they existed). */
  wordTrigrams?: boolean;
  /** Adds hashed skip-bigrams, word pairs with one word between (absent in models trained before they existed). */
  skipBigrams?: boolean;
  /**
   * Adds one hashed feature (shared and per-language copy) for the text's length in words (LENGTH_BUCKETS):
   * reviews and tweets of one language differ in length, and the runtime knows the language, not the domain.
   * Absent: off (models trained before it existed).
   */
  lengthBucket?: boolean;
  /** Adds one hashed feature (shared and per-language copy) when the text has no @handle, #tag or link. Absent: off. */
  plainTextMarker?: boolean;
}

/** Upper bounds (in words) of the length buckets of `lengthBucket`; longer texts fall in a last bucket. */
export const LENGTH_BUCKETS = [4, 9, 19] as const;
const TWEET_MARKS = /[@#]|https?:|www\./;

export const DENSE_FEATURES = [
  'lexicon_positive',
  'lexicon_negative',
  'english_positive',
  'english_negative',
  'emoji_positive',
  'emoji_negative',
  'negators',
  'exclamations',
  'questions',
  'shouted_words',
  'elongations',
  'lexicon_coverage',
] as const;
/** Shapes of the lexicon evidence that sums hide: mixed texts, one strong word, the last word, none at all. */
export const RICH_LEXICON_FEATURES = [
  'positive_hits',
  'negative_hits',
  'strongest_positive',
  'strongest_negative',
  'last_positive',
  'last_negative',
  'no_sentiment_word',
  'tokens',
] as const;

/** Number of dense features a model with `config` has (each shared and once per language). */
export function denseCount(config: SentimentFeatureConfig): number {
  return DENSE_FEATURES.length + (config.richLexicon ? RICH_LEXICON_FEATURES.length : 0);
}

export function sentimentRows(config: SentimentFeatureConfig): number {
  return (1 << config.bits) + denseCount(config) * (config.langs.length + 1);
}

// Words that turn a clause around ("good, but…"): what follows weighs more. Our own list.
const CONTRAST = new Set(['but', 'mais', 'ma', 'pero', 'mas', 'aber', 'tapi', 'namun', 'но', 'ала', 'لكن', 'بس', 'lekin', 'par', 'magar']);
// A few emoticons common in the data that no lexicon lists as such.
const TOKEN =
  /\p{Extended_Pictographic}|[:;=8][-o^']?[)(\]\[dp3/\\|*]+|[)(\]\[][-']?[:;=]|<3|!+|\?+|[.,;]|\p{L}[\p{L}\p{M}\p{N}'’_]*|\p{N}+/gu;
const SHOUTED = /(?<!\p{L})\p{Lu}{3,}(?!\p{L})/gu;
const ELONGATED = /(\p{L})\1{2,}/gu;
const THREE_CAPITALS = /\p{Lu}\p{Lu}\p{Lu}/u;
const STARTS_WITH_LETTER = /^\p{L}/u;
const NEGATED_SEED = 0x27d4eb2f;
const BIGRAM_SEED = 0x165667b1;
const TRIGRAM_SEED = 0x3c6ef372;
// The same constant as LENGTH_SEED (merged in later), used otherwise (a multiplier, not an offset): no systematic collision.
const SKIP_BIGRAM_SEED = 0x5bd1e995;
const CHAR_SEED = 0x1b873593;
const BIAS_SEED = 0x68e31da4;
const PHRASE_SEED = 0x2545f491;
const LENGTH_SEED = 0x5bd1e995;
const PLAIN_SEED = 0x1656a5e3;

export class SentimentFeaturizer {
  private readonly mask: number;
  private readonly denseBase: number;
  private readonly english: LanguageLexicon;
  private readonly emoji: LanguageLexicon;
  private readonly dense: Float64Array;

  constructor(
    readonly config: SentimentFeatureConfig,
    private readonly lexicon: Lexicon,
  ) {
    this.mask = (1 << config.bits) - 1;
    this.denseBase = 1 << config.bits;
    this.dense = new Float64Array(denseCount(config));
    this.english = lexicon.forLang('en');
    this.emoji = lexicon.forLang('*');
  }

  extract(text: string, lang: string, out: FeatureBuffer): void {
    out.clear();
    const decoded = decodeArtifacts(text);
    const shouted = countShouted(decoded);
    const folded = foldText(replaceHandles(replaceUrls(decoded, ' xurl '), ' xuser ')).replace(/\uFE0F/g, '');
    const elongations = countMatches(folded, ELONGATED);
    const tokens = (elongations ? folded.replace(ELONGATED, '$1$1') : folded).match(TOKEN) ?? [];

    const langIndex = this.config.langs.indexOf(lang);
    // Hashed features go through this.push (no closures here: tsx keeps function names, which costs a
    // defineProperty per closure per post).
    const langSeed = langIndex >= 0 ? hashString(lang) : 0;
    const charSeed = this.config.charCopies ? langSeed : 0;
    this.push(out, BIAS_SEED, langSeed);
    if (this.config.plainTextMarker && !TWEET_MARKS.test(decoded)) this.push(out, PLAIN_SEED, langSeed);

    const own = this.lexicon.forLang(lang);
    const dense = this.dense.fill(0);
    let contrastAt = -1;
    for (let i = 0; i < tokens.length; i++) {
      if (CONTRAST.has(tokens[i]!)) {
        contrastAt = i;
        break;
      }
    }
    let scopeLeft = 0;
    let previousHash = 0;
    let beforePrevious = 0;
    let words = 0;
    let covered = 0;
    let booster = 0;
    let last = 0;
    let positiveHits = 0;
    let negativeHits = 0;
    let strongestPositive = 0;
    let strongestNegative = 0;
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i]!;
      const code = token.charCodeAt(0);
      if (code === 33 || code === 63 || code === 46 || code === 44 || code === 59) {
        // . , ; ! ? end a negation scope (the tokenizer emits them as their own tokens).
        scopeLeft = 0;
        if (code === 33) dense[7]! += 1;
        else if (code === 63) dense[8]! += 1;
        if (token.length > 1 || code === 33 || code === 63) this.push(out, hashString(token.slice(0, 2)), langSeed);
        previousHash = 0;
        beforePrevious = 0;
        continue;
      }
      const negated = scopeLeft > 0;
      // A multi-word expression ("two for the price of one", "yeah right") is one unit: its valence
      // goes to the lexicon sums and its words are not read one by one ("price" alone leans negative).
      const ownPhrase = own.phrases.size ? phraseAt(own, tokens, i) : null;
      const phrase = ownPhrase ?? (this.english !== own && this.english.phrases.size ? phraseAt(this.english, tokens, i) : null);
      if (phrase) {
        const valence = phrase.value * flip(negated);
        dense[(ownPhrase ? 0 : 2) + (valence > 0 ? 0 : 1)]! += Math.abs(valence);
        let h = hashString(token, PHRASE_SEED);
        for (const word of phrase.rest) h = hashString(word, fnvStep(h, 32));
        this.push(out, h, langSeed);
        beforePrevious = previousHash;
        previousHash = h;
        words += 1 + phrase.rest.length;
        covered += 1 + phrase.rest.length;
        if (valence > 0) positiveHits++;
        else negativeHits++;
        last = valence;
        i += phrase.rest.length;
        if (scopeLeft > 0) scopeLeft--;
        continue;
      }
      const h = hashString(token, negated ? NEGATED_SEED : FNV_OFFSET);
      this.push(out, h, langSeed);
      if (previousHash) this.push(out, previousHash ^ Math.imul(h, BIGRAM_SEED), langSeed);
      if (beforePrevious && this.config.wordTrigrams) this.push(out, Math.imul(beforePrevious, TRIGRAM_SEED) ^ Math.imul(previousHash, BIGRAM_SEED) ^ h, langSeed);
      // "not really good" and "not very good" share "not _ good": the pair survives a varying middle word.
      if (beforePrevious && this.config.skipBigrams) this.push(out, Math.imul(beforePrevious, SKIP_BIGRAM_SEED) ^ h, langSeed);
      beforePrevious = previousHash;
      previousHash = h;

      const isWord = code >= 0x41 && !isEmojiStart(code) && STARTS_WITH_LETTER.test(token);
      if (!isWord) {
        const valence = this.emoji.scores.get(token);
        if (valence !== undefined) {
          dense[valence > 0 ? 4 : 5]! += Math.abs(valence);
          last = valence;
        }
        continue;
      }
      words++;
      this.charNgrams(token, out, charSeed);
      if (own.negators.has(token) || (this.english !== own && this.english.negators.has(token))) {
        dense[6]! += 1;
        scopeLeft = this.config.negationScope + 1;
      }
      // A clause before a contrast word counts half, the clause after it one and a half (as VADER does).
      const clause = contrastAt < 0 ? 1 : i < contrastAt ? 0.5 : 1.5;
      const flipBy = flip(negated);
      const boost = 1 + 0.3 * booster;
      let valence = valenceOf(own, token);
      if (valence !== undefined) {
        covered++;
        valence *= flipBy * boost * clause;
        dense[valence > 0 ? 0 : 1]! += Math.abs(valence);
      }
      let english: number | undefined;
      if (this.english !== own) {
        english = this.english.scores.get(token);
        if (english !== undefined) dense[english * flipBy > 0 ? 2 : 3]! += Math.abs(english * boost * clause);
      }
      const word = valence ?? (english === undefined ? undefined : english * flipBy * boost * clause);
      if (word !== undefined) {
        last = word;
        if (word > 0) {
          positiveHits++;
          strongestPositive = Math.max(strongestPositive, word);
        } else {
          negativeHits++;
          strongestNegative = Math.max(strongestNegative, -word);
        }
      }
      booster = own.boosters.get(token) ?? 0;
      if (scopeLeft > 0) scopeLeft--;
    }
    dense[9] = shouted;
    dense[10] = elongations;
    dense[11] = words ? covered / words : 0;
    if (this.config.richLexicon) {
      const base = DENSE_FEATURES.length;
      dense[base] = positiveHits;
      dense[base + 1] = negativeHits;
      dense[base + 2] = strongestPositive;
      dense[base + 3] = strongestNegative;
      dense[base + 4] = last > 0 ? last : 0;
      dense[base + 5] = last < 0 ? -last : 0;
      dense[base + 6] = positiveHits + negativeHits + dense[4]! + dense[5]! === 0 ? 1 : 0;
      dense[base + 7] = tokens.length;
    }

    if (this.config.lengthBucket) this.push(out, LENGTH_SEED + lengthBucket(words), langSeed);
    if (out.length > 0) out.scale(0, 1 / Math.sqrt(out.length));
    const scale = this.config.denseScale;
    const D = dense.length;
    for (let d = 0; d < D; d++) {
      const x = dense[d]!;
      if (x === 0) continue;
      const v = Math.log1p(x) * scale;
      out.push(this.denseBase + d, v);
      if (langIndex >= 0) out.push(this.denseBase + D * (langIndex + 1) + d, v);
    }
  }

  /** The shared copy of hashed feature `h` and, when `langSeed` is set, the language's copy. */
  private push(out: FeatureBuffer, h: number, langSeed: number): void {
    out.push(mix(h) & this.mask, 1);
    if (langSeed) out.push(mix(h ^ langSeed) & this.mask, this.config.copyWeight);
  }

  private charNgrams(word: string, out: FeatureBuffer, langSeed: number): void {
    const { charMin, charMax } = this.config;
    const stop = Math.min(word.length, 24);
    for (let p = -1; p < stop; p++) {
      let h = CHAR_SEED;
      for (let n = 0; n < charMax && p + n <= stop; n++) {
        const q = p + n;
        h = fnvStep(h, q < 0 || q >= stop ? 32 : word.charCodeAt(q));
        if (n + 1 >= charMin) this.push(out, h, langSeed);
      }
    }
  }
}

function lengthBucket(words: number): number {
  let bucket = 0;
  while (bucket < LENGTH_BUCKETS.length && words > LENGTH_BUCKETS[bucket]!) bucket++;
  return bucket;
}

/** A negated sentiment word counts -0.74 times its valence (VADER's factor). */
function flip(negated: boolean): number {
  return negated ? -0.74 : 1;
}

/** The lexicon's multi-word expression starting at tokens[i] (the first listed that matches), or null. */
function phraseAt(lexicon: LanguageLexicon, tokens: readonly string[], i: number): Phrase | null {
  const candidates = lexicon.phrases.get(tokens[i]!);
  if (!candidates) return null;
  for (const phrase of candidates) {
    const { rest } = phrase;
    let j = 0;
    while (j < rest.length && tokens[i + 1 + j] === rest[j]) j++;
    if (j === rest.length) return phrase;
  }
  return null;
}

function isEmojiStart(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/** Words of 3+ capitals (SHOUTED); the regex only runs on texts with three capitals in a row somewhere. */
function countShouted(text: string): number {
  return THREE_CAPITALS.test(text) ? countMatches(text, SHOUTED) : 0;
}

function countMatches(text: string, pattern: RegExp): number {
  let n = 0;
  pattern.lastIndex = 0;
  while (pattern.exec(text)) n++;
  return n;
}
