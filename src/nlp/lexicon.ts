/**
 * The shipped sentiment lexicon (models/lexicon.tsv.gz, built by
 * scripts/nlp/build-lexicon.ts): valences, negators and boosters per language,
 * keyed by folded token; language `*` holds emoji and emoticons. A language may
 * also list spelling folds and clitics (Arabic), so that a word written with its
 * article or conjunction, or with another letter form, finds its entry.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

export interface Phrase {
  /** The tokens after the first one. */
  rest: string[];
  value: number;
}

export interface LanguageLexicon {
  scores: Map<string, number>;
  negators: Set<string>;
  boosters: Map<string, number>;
  /** Multi-word expressions by their first token. */
  phrases: Map<string, Phrase[]>;
  /** Letters written interchangeably (Arabic أ/ا, ة/ه, ى/ي), folded to one form in keys and lookups. */
  letterFolds: Map<string, string>;
  /** Clitics attached to words (Arabic ال, و, ب…), longest first: a word not listed is looked up without them. */
  prefixes: string[];
  suffixes: string[];
}

export class Lexicon {
  private readonly byLang = new Map<string, LanguageLexicon>();
  static readonly EMPTY: LanguageLexicon = Lexicon.emptyLanguage();

  private static emptyLanguage(): LanguageLexicon {
    return { scores: new Map(), negators: new Set(), boosters: new Map(), phrases: new Map(), letterFolds: new Map(), prefixes: [], suffixes: [] };
  }

  static parse(tsv: string, where: string): Lexicon {
    const lexicon = new Lexicon();
    tsv.split('\n').forEach((line, i) => {
      if (!line) return;
      const [kind, lang, term, value] = line.split('\t');
      if (!lang || !term) throw new Error(`${where}:${i + 1}: expected KIND LANG TERM [VALUE]`);
      const entry = lexicon.forLang(lang, true);
      if (kind === 's') entry.scores.set(term, Number(value));
      else if (kind === 'n') entry.negators.add(term);
      else if (kind === 'b') entry.boosters.set(term, Number(value));
      else if (kind === 'p') {
        const [first, ...rest] = term.split(' ');
        const list = entry.phrases.get(first!) ?? [];
        list.push({ rest, value: Number(value) });
        entry.phrases.set(first!, list);
      } else if (kind === 'f') {
        if (!value || [...term].length !== 1 || [...value].length !== 1) throw new Error(`${where}:${i + 1}: a letter fold is written "f LANG LETTER LETTER"`);
        entry.letterFolds.set(term, value);
      }
      else if (kind === 'a') {
        if (term.endsWith('-')) entry.prefixes.push(term.slice(0, -1));
        else if (term.startsWith('-')) entry.suffixes.push(term.slice(1));
        else throw new Error(`${where}:${i + 1}: a clitic is written "PREFIX-" or "-SUFFIX"`);
      }
      else throw new Error(`${where}:${i + 1}: unknown row kind ${JSON.stringify(kind)}`);
    });
    for (const entry of lexicon.byLang.values()) {
      entry.prefixes.sort((a, b) => b.length - a.length);
      entry.suffixes.sort((a, b) => b.length - a.length);
    }
    return lexicon;
  }

  static load(path: string): Lexicon {
    return Lexicon.parse(gunzipSync(readFileSync(path)).toString('utf8'), path);
  }

  forLang(lang: string, create = false): LanguageLexicon {
    let entry = this.byLang.get(lang);
    if (!entry && create) this.byLang.set(lang, (entry = Lexicon.emptyLanguage()));
    return entry ?? Lexicon.EMPTY;
  }
}

/** Shortest stem a clitic may leave: two-letter remainders are mostly other words. */
const MIN_STEM = 3;

/**
 * The valence of `token` in `lexicon`: its own entry, else (in a language with letter folds or
 * clitics) the entry of its folded spelling, then of that spelling with one prefix and/or one suffix
 * taken off (the longest that leaves a listed word wins).
 */
export function valenceOf(lexicon: LanguageLexicon, token: string): number | undefined {
  const exact = lexicon.scores.get(token);
  if (exact !== undefined || (lexicon.letterFolds.size === 0 && lexicon.prefixes.length === 0 && lexicon.suffixes.length === 0)) return exact;
  const word = foldLetters(lexicon, token);
  const found = lexicon.scores.get(word) ?? suffixStripped(lexicon, word);
  if (found !== undefined) return found;
  for (const prefix of lexicon.prefixes) {
    if (!word.startsWith(prefix) || word.length - prefix.length < MIN_STEM) continue;
    const stem = word.slice(prefix.length);
    const inner = lexicon.scores.get(stem) ?? suffixStripped(lexicon, stem);
    if (inner !== undefined) return inner;
  }
  return undefined;
}

function suffixStripped(lexicon: LanguageLexicon, stem: string): number | undefined {
  for (const suffix of lexicon.suffixes) {
    if (!stem.endsWith(suffix) || stem.length - suffix.length < MIN_STEM) continue;
    const found = lexicon.scores.get(stem.slice(0, -suffix.length));
    if (found !== undefined) return found;
  }
  return undefined;
}

/** `token` with the language's interchangeable letters written one way. */
export function foldLetters(lexicon: Pick<LanguageLexicon, 'letterFolds'>, token: string): string {
  if (lexicon.letterFolds.size === 0) return token;
  let out = '';
  for (const ch of token) out += lexicon.letterFolds.get(ch) ?? ch;
  return out;
}
