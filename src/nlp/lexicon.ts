/**
 * The shipped sentiment lexicon (models/lexicon.tsv.gz, built by
 * scripts/nlp/build-lexicon.ts): valences, negators and boosters per language,
 * keyed by folded token; language `*` holds emoji and emoticons.
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
}

export class Lexicon {
  private readonly byLang = new Map<string, LanguageLexicon>();
  static readonly EMPTY: LanguageLexicon = Lexicon.emptyLanguage();

  private static emptyLanguage(): LanguageLexicon {
    return { scores: new Map(), negators: new Set(), boosters: new Map(), phrases: new Map() };
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
      }
      else throw new Error(`${where}:${i + 1}: unknown row kind ${JSON.stringify(kind)}`);
    });
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
