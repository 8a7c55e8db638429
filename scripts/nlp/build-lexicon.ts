/**
 * Builds src/nlp/models/lexicon.tsv.gz, the sentiment lexicon the runtime ships,
 * from the open-licence lists in ../shared/data/lexicons (MIT, Apache-2.0,
 * CC BY-SA 4.0; the GPL-3.0 Chen & Skiena lists are left out so the shipped
 * table carries no copyleft beyond CC BY-SA's share-alike; see ATTRIBUTION.md).
 *
 * Rows: `s LANG TERM SCORE` (valence in [-1, 1], the mean over the sources that
 * list the term), `n LANG TERM` (negator), `b LANG TERM FACTOR` (booster). LANG
 * `*` holds emoji and emoticons; `p LANG WORDS… VALUE` is a multi-word expression (tokens
 * separated by single spaces). Only single-token terms are kept, folded the
 * way the runtime folds tokens. Run: `npm run train:sentiment` (it calls this).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { foldText } from '../../src/core/text.ts';
import { foldLetters } from '../../src/nlp/lexicon.ts';
import { SHARED_DATA } from './data.ts';
import { romanizeHindi } from './hinglish.ts';
import type { LexiconVeto } from './lexicon-evidence.ts';

export const LEXICON_PATH = fileURLToPath(new URL('../../src/nlp/models/lexicon.tsv.gz', import.meta.url));
const DIR = `${SHARED_DATA}lexicons/`;

// Negators for the languages whose lists in ../shared are missing or multi-word
// only: written here from grammar, not copied from any source.
const OWN_NEGATORS: Record<string, string[]> = {
  it: ['non', 'mai', 'niente', 'nulla', 'nessuno', 'nessuna', 'senza', 'neanche', 'nemmeno', 'né'],
  es: ['no', 'nunca', 'jamás', 'ni', 'nada', 'nadie', 'ningún', 'ninguna', 'sin', 'tampoco'],
  ar: ['لا', 'لم', 'لن', 'ما', 'ليس', 'ليست', 'مش', 'مو', 'غير', 'بدون', 'مب'],
  bg: ['не', 'няма', 'нито', 'без', 'никога', 'нищо', 'никак'],
  id: ['tidak', 'tak', 'bukan', 'belum', 'jangan', 'gak', 'ga', 'nggak', 'enggak', 'tdk', 'gk', 'kurang'],
  hi: ['nahi', 'nahin', 'nai', 'nhi', 'mat', 'na', 'naa', 'bina', 'kabhi', 'नहीं', 'मत', 'न'],
  fr: ['ne', 'pas', 'jamais', 'rien', 'aucun', 'aucune', 'sans', 'ni', 'personne'],
  en: ['not', 'no', 'never', "n't", 'nothing', 'without', 'nobody', 'none', 'neither', 'nor'],
};

// Offers and promotions read as good news for the brand that makes them ("two for the price of one"
// is praise, though "price" alone leans negative in complaints). Written here, not copied from any
// source; each phrase is matched as whole tokens after folding.
const OWN_PHRASES: Record<string, [string, number][]> = {
  en: [['two for the price of one', 0.6], ['2 for 1', 0.5], ['buy one get one free', 0.6], ['half price', 0.4], ['free shipping', 0.5], ['free delivery', 0.5]],
  fr: [["deux pour le prix d'un", 0.6], ["deux pour le prix d'une", 0.6], ['2 pour 1', 0.5], ['livraison gratuite', 0.5], ['moitie prix', 0.4]],
  de: [['zwei zum preis von einem', 0.6], ['zwei zum preis von einer', 0.6], ['2 fur 1', 0.5], ['kostenloser versand', 0.5], ['halben preis', 0.4]],
  it: [['due al prezzo di uno', 0.6], ['due al prezzo di una', 0.6], ['2 per 1', 0.5], ['spedizione gratuita', 0.5], ['meta prezzo', 0.4]],
  es: [['dos por el precio de uno', 0.6], ['dos por el precio de una', 0.6], ['2 por 1', 0.5], ['envio gratis', 0.5], ['mitad de precio', 0.4]],
  pt: [['dois pelo preco de um', 0.6], ['duas pelo preco de uma', 0.6], ['leve 2 pague 1', 0.6], ['frete gratis', 0.5], ['metade do preco', 0.4]],
  bg: [['на цената на едно', 0.6], ['на цената на една', 0.6], ['на цената на един', 0.6], ['на цената на 1', 0.6], ['безплатна доставка', 0.5], ['половин цена', 0.4]],
  id: [['beli 1 gratis 1', 0.6], ['beli satu gratis satu', 0.6], ['gratis ongkir', 0.5], ['setengah harga', 0.4]],
  ar: [['اثنين بسعر واحد', 0.6], ['توصيل مجاني', 0.5]],
  hi: [['ek ke saath ek free', 0.6], ['ek pe ek free', 0.6]],
};

// Value complaints, our own list: "not worth it" carries no negative word, and its positive word
// ("vale", "merece", "струва") sits in a negation scope too seldom in the training tweets to be learnt.
const NOT_WORTH_IT: Record<string, string[]> = {
  en: ['not worth it', 'not worth the money', 'no longer worth it'],
  fr: ['ne vaut pas le coup', 'ne vaut plus le coup', 'ne vaut pas la peine', 'ne vaut plus la peine'],
  it: ['non ne vale la pena', 'non vale la pena', 'non ne vale piu la pena', 'non vale piu la pena'],
  es: ['no merece la pena', 'no vale la pena', 'ya no merece la pena', 'ya no vale la pena'],
  pt: ['nao vale a pena', 'nao vale mais a pena'],
  de: ['lohnt sich nicht', 'lohnt sich nicht mehr'],
  bg: ['не си струва', 'не си заслужава'],
  id: ['tidak sepadan', 'tidak worth it', 'ga worth it'],
  hi: ['worth nahi', 'worth nahi hai'],
};
// Courtesy praise the Bulgarian lists lack (they have учтив, not its everyday synonyms).
const OWN_WORDS: Record<string, [string, number][]> = {
  bg: [['любезен', 0.5], ['любезна', 0.5], ['любезно', 0.5], ['любезни', 0.5], ['отзивчив', 0.5], ['отзивчива', 0.5], ['отзивчиви', 0.5]],
};

// Arabic spelling as tweets write it: hamza forms of alef, tā' marbūṭa and alef maqṣūra are written
// interchangeably, and the article and conjunctions are joined to the word ("والخدمة ممتازه"): the
// lexicon lists bare forms, so lookups fold the letters and try the word without one clitic
// (src/nlp/lexicon.ts, valenceOf). Written here from Arabic orthography, not copied from any source.
const LETTER_FOLDS: Record<string, [string, string][]> = {
  ar: [['أ', 'ا'], ['إ', 'ا'], ['آ', 'ا'], ['ة', 'ه'], ['ى', 'ي']],
};
const CLITICS: Record<string, { prefixes: string[]; suffixes: string[] }> = {
  ar: { prefixes: ['وال', 'فال', 'بال', 'كال', 'لل', 'ال', 'و', 'ف', 'ب', 'ل'], suffixes: ['ه', 'ات', 'ين', 'ون', 'ها', 'هم', 'كم', 'نا'] },
};
// Exploring, off in the shipped lexicon (docs/nlp.md, "Lexicon coverage and slips": neither moved val
// beyond seed noise): SENTIMENT_CLITICS=1 writes the letter folds and clitics, SENTIMENT_HINGLISH=1 the
// romanized Hindi terms.
const WITH_CLITICS = process.env.SENTIMENT_CLITICS === '1';
const WITH_HINGLISH = process.env.SENTIMENT_HINGLISH === '1';

type Scores = Map<string, Map<string, number[]>>;

function lines(path: string): string[] {
  return readFileSync(DIR + path, 'utf8').split('\n').filter((l) => l.trim() !== '');
}

function addScore(scores: Scores, lang: string, term: string, value: number): void {
  const key = lexiconKey(foldText(term.trim()).replace(/\uFE0F/g, ''), lang);
  if (!key || /\s/.test(key)) return;
  let byTerm = scores.get(lang);
  if (!byTerm) scores.set(lang, (byTerm = new Map()));
  const list = byTerm.get(key) ?? [];
  list.push(Math.max(-1, Math.min(1, value)));
  byTerm.set(key, list);
}

/** VADER-format files: term, mean valence in -4..4, then other columns. */
function vader(scores: Scores, lang: string, path: string, skipHeader = false): void {
  for (const line of lines(path).slice(skipHeader ? 1 : 0)) {
    const [term, mean] = line.split('\t');
    const value = Number(mean);
    if (term && Number.isFinite(value)) addScore(scores, isEmoticon(term) ? '*' : lang, term, value / 4);
  }
}

/** AFINN-format files: term TAB integer -5..5. */
function afinn(scores: Scores, lang: string, path: string): void {
  for (const line of lines(path)) {
    const [term, score] = line.split('\t');
    const value = Number(score);
    if (term && Number.isFinite(value)) addScore(scores, isEmoticon(term) ? '*' : lang, term, value / 5);
  }
}

const FOLD_MAPS = new Map(Object.entries(LETTER_FOLDS).map(([lang, folds]) => [lang, { letterFolds: new Map(folds) }]));

/** How the lexicon writes `key`, a folded word of `lang` (its letter folds, when they are on). */
export function lexiconKey(key: string, lang: string): string {
  const folds = WITH_CLITICS ? FOLD_MAPS.get(lang) : undefined;
  return folds ? foldLetters(folds, key) : key;
}

/**
 * Romanized spellings of the Hindi (Devanagari) terms, for Hinglish posts (hinglish.ts). A spelling
 * under 4 letters, or one the English lexicon lists (Hinglish posts mix in English, read by the
 * English lexicon already), is left out: short romanizations are mostly other words.
 */
function hinglish(scores: Scores): void {
  const english = scores.get('en') ?? new Map<string, number[]>();
  for (const [term, values] of [...(scores.get('hi') ?? new Map<string, number[]>())]) {
    const value = values.reduce((s, v) => s + v, 0) / values.length;
    for (const spelling of romanizeHindi(term)) if (spelling.length >= 4 && !english.has(spelling)) addScore(scores, 'hi', spelling, value);
  }
}

function isEmoticon(term: string): boolean {
  return !/\p{L}{2}/u.test(term) && /[:;=()<>\]\[|]/.test(term);
}

/** Builds the lexicon rows and writes them gzipped to `path` (null: only return them, for a rebuild check). */
export function buildLexicon(path: string | null = LEXICON_PATH, veto?: LexiconVeto): { rows: string[]; bytes: number; file: Buffer; vetoed: string[] } {
  const scores: Scores = new Map();
  vader(scores, 'en', 'vader_en/vader_lexicon.tsv', true);
  afinn(scores, 'en', 'afinn/AFINN-en-165.txt');
  afinn(scores, '*', 'afinn/AFINN-emoticon-8.txt');
  vader(scores, 'fr', 'vader_fr/fr_lexicon.txt');
  afinn(scores, 'fr', 'afinn/AFINN-fr-165.txt');
  vader(scores, 'de', 'gervader_de/GERVaderLexicon.txt');
  vader(scores, 'pt', 'leia_pt/vader_lexicon_ptbr.txt');
  for (const lang of ['en', 'fr', 'de', 'it', 'pt', 'es', 'ar', 'hi', 'id', 'bg']) {
    afinn(scores, lang, `afinn_mt_multilang/AFINN-${lang}.tsv`);
  }
  if (WITH_HINGLISH) hinglish(scores);
  // Emoji: the Emoji Sentiment Ranking (Laplace-smoothed pos − neg), and emoji-emotion's −5..5 ratings.
  for (const line of lines('emoji_sentiment_ranking/emoji_sentiment.tsv').slice(1)) {
    const [emoji, score, , , , occurrences] = line.split('\t');
    if (emoji && Number(occurrences) >= 5) addScore(scores, '*', emoji, Number(score));
  }
  for (const line of lines('emoji_emotion/emoji_emotion.tsv').slice(1)) {
    const [emoji, polarity] = line.split('\t');
    if (emoji) addScore(scores, '*', emoji, Number(polarity) / 5);
  }

  const negators = new Map<string, Set<string>>();
  const addNegator = (lang: string, term: string) => {
    const key = foldText(term.trim());
    if (!key || /\s/.test(key)) return;
    if (!negators.has(lang)) negators.set(lang, new Set());
    negators.get(lang)!.add(key);
  };
  for (const [lang, terms] of Object.entries(OWN_NEGATORS)) for (const t of terms) addNegator(lang, t);
  for (const line of lines('afinn_mt_multilang/negators.tsv').slice(1)) {
    const [lang, term] = line.split('\t');
    // bg `стаи` ("rooms") is a machine-translation slip, not a negator.
    if (lang && term && term !== 'стаи') addNegator(lang, term);
  }
  for (const line of lines('negations_nlpjs/negations.tsv').slice(1)) {
    const [lang, term] = line.split('\t');
    if (lang && term) addNegator(lang, term);
  }
  for (const t of lines('vader_en/negations.txt')) addNegator('en', t);
  for (const t of lines('vader_fr/negations.txt')) addNegator('fr', t);
  for (const t of lines('gervader_de/negations.txt')) if (!['trotz', 'obwohl'].includes(t.trim())) addNegator('de', t);
  for (const t of lines('leia_pt/negate.txt')) addNegator('pt', t);

  const boosters = new Map<string, Map<string, number>>();
  const addBooster = (lang: string, term: string, factor: number) => {
    const key = foldText(term.trim());
    if (!key || /\s/.test(key) || !Number.isFinite(factor)) return;
    if (!boosters.has(lang)) boosters.set(lang, new Map());
    boosters.get(lang)!.set(key, Math.sign(factor));
  };
  const vaderBoosters = (lang: string, path: string) => {
    for (const line of lines(path).slice(1)) {
      const [term, value] = line.split('\t');
      if (term) addBooster(lang, term, Number(value));
    }
  };
  vaderBoosters('en', 'vader_en/boosters.tsv');
  vaderBoosters('fr', 'vader_fr/boosters.tsv');
  vaderBoosters('de', 'gervader_de/boosters.tsv');
  for (const [lang, list] of Object.entries(OWN_WORDS)) for (const [word, value] of list) addScore(scores, lang, word, value);
  for (const line of lines('leia_pt/booster.txt')) {
    const cut = line.lastIndexOf(' ');
    addBooster('pt', line.slice(0, cut), line.slice(cut + 1).trim() === 'INCR' ? 1 : -1);
  }

  // Multi-word expressions: VADER's idioms (English) and our offer phrases.
  const phrases = new Map<string, Map<string, number>>();
  const addPhrase = (lang: string, phrase: string, value: number) => {
    const key = foldText(phrase.trim()).split(/\s+/).join(' ');
    if (!key.includes(' ') || value === 0) return;
    if (!phrases.has(lang)) phrases.set(lang, new Map());
    phrases.get(lang)!.set(key, Math.max(-1, Math.min(1, value)));
  };
  for (const line of lines('vader_en/idioms.tsv').slice(1)) {
    const [phrase, score] = line.split('\t');
    if (phrase) addPhrase('en', phrase, Number(score) / 4);
  }
  for (const [lang, list] of Object.entries(OWN_PHRASES)) for (const [phrase, value] of list) addPhrase(lang, phrase, value);
  for (const [lang, list] of Object.entries(NOT_WORTH_IT)) for (const phrase of list) addPhrase(lang, phrase, -0.5);

  const rows: string[] = [];
  const vetoed: string[] = [];
  for (const [lang, byTerm] of [...scores].sort(([a], [b]) => a.localeCompare(b))) {
    for (const [term, values] of [...byTerm].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const mean = values.reduce((s, v) => s + v, 0) / values.length;
      if (mean === 0) continue;
      if (veto?.(lang, term, mean)) vetoed.push(`${lang} ${term} ${mean.toFixed(3)}`);
      else rows.push(`s\t${lang}\t${term}\t${mean.toFixed(3)}`);
    }
  }
  for (const [lang, set] of [...negators].sort(([a], [b]) => a.localeCompare(b))) {
    for (const term of [...set].sort()) rows.push(`n\t${lang}\t${term}`);
  }
  for (const [lang, map] of [...boosters].sort(([a], [b]) => a.localeCompare(b))) {
    for (const [term, factor] of [...map].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      rows.push(`b\t${lang}\t${term}\t${factor}`);
    }
  }
  for (const [lang, map] of [...phrases].sort(([a], [b]) => a.localeCompare(b))) {
    for (const [phrase, value] of [...map].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      rows.push(`p\t${lang}\t${phrase}\t${value.toFixed(3)}`);
    }
  }
  if (WITH_CLITICS) {
    for (const [lang, folds] of Object.entries(LETTER_FOLDS)) for (const [from, to] of folds) rows.push(`f\t${lang}\t${from}\t${to}`);
    for (const [lang, { prefixes, suffixes }] of Object.entries(CLITICS)) {
      for (const p of prefixes) rows.push(`a\t${lang}\t${p}-`);
      for (const x of suffixes) rows.push(`a\t${lang}\t-${x}`);
    }
  }
  const bytes = gzipSync(Buffer.from(rows.join('\n') + '\n', 'utf8'), { level: 9 });
  if (path) writeFileSync(path, bytes);
  return { rows, bytes: bytes.length, file: bytes, vetoed };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { rows, bytes } = buildLexicon();
  console.log(`wrote ${LEXICON_PATH}: ${rows.length} rows, ${(bytes / 1e3).toFixed(0)} kB`);
}
