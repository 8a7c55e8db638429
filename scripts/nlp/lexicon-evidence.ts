/**
 * Where the labelled training posts contradict the lexicon. The translated lexicons carry slips
 * (AFINN-bg lists "ужасен", "terrible", at +4: "awesome" mistranslated; AFINN-id "cukup", "enough",
 * at −2), and a slip that fires in many posts teaches the lexicon features to be trusted less
 * everywhere. A term is vetoed when the posts of its language that contain it lean clearly the other
 * way from its valence: at least `minPosts` negative or positive posts, and a log-odds of positive
 * against negative (relative to the language's own mix, add-one smoothed) of at least `minLogOdds`
 * against its sign. Train rows only.
 */
export interface VetoSettings {
  minPosts: number;
  minLogOdds: number;
}

export interface LabelledText {
  text: string;
  lang: string;
  label: string;
}

/** A word as the sentiment featurizer's tokenizer reads one (its TOKEN's word alternative). */
export const WORD = /\p{L}[\p{L}\p{M}\p{N}'’_]*/gu;

export type LexiconVeto = (lang: string, key: string, valence: number) => boolean;

/** `key(word, lang)` is how the lexicon writes a folded word of `lang` (see build-lexicon.ts). */
export function lexiconVeto(rows: Iterable<LabelledText>, settings: VetoSettings, fold: (text: string) => string, key: (word: string, lang: string) => string): LexiconVeto {
  // Per language: word → [negative posts, positive posts]; and the language's totals.
  const counts = new Map<string, Map<string, [number, number]>>();
  const totals = new Map<string, [number, number]>();
  for (const row of rows) {
    if (row.label !== 'negative' && row.label !== 'positive') continue;
    const side = row.label === 'negative' ? 0 : 1;
    const total = totals.get(row.lang) ?? [0, 0];
    total[side]++;
    totals.set(row.lang, total);
    let words = counts.get(row.lang);
    if (!words) counts.set(row.lang, (words = new Map()));
    for (const word of new Set(fold(row.text).match(WORD) ?? [])) {
      const k = key(word, row.lang);
      const c = words.get(k) ?? [0, 0];
      c[side]++;
      words.set(k, c);
    }
  }
  return (lang, term, valence) => {
    const c = counts.get(lang)?.get(term);
    const total = totals.get(lang);
    if (!c || !total || c[0] + c[1] < settings.minPosts) return false;
    const logOdds = Math.log((c[1] + 1) / (total[1] + 1)) - Math.log((c[0] + 1) / (total[0] + 1));
    return Math.sign(logOdds) === -Math.sign(valence) && Math.abs(logOdds) >= settings.minLogOdds;
  };
}
