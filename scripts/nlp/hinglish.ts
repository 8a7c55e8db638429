/**
 * Romanized spellings of a Devanagari Hindi word, as Hinglish posts write it ("बेकार" → bekaar,
 * bekar; "अच्छा" → achchha, accha, achha, acha). The Hindi lexicon is in Devanagari, which romanized
 * posts never match; its romanized spellings give those posts a lexicon. Informal romanization has no
 * standard, so each word yields its common variants: long vowels written doubled or single, the
 * inherent vowel dropped at the end of a word and (as a variant) between consonants, doubled
 * consonants written once. Scholarly schemes (ITRANS, IAST: what transliteration libraries produce)
 * write "achChA", "acchā", which posts do not. Written from Devanagari's rules, not copied.
 */

// Consonants; each carries the inherent vowel unless a vowel sign or the virama follows.
const CONSONANTS: Record<string, string[]> = {
  क: ['k'], ख: ['kh'], ग: ['g'], घ: ['gh'], ङ: ['n'],
  च: ['ch'], छ: ['chh', 'ch'], ज: ['j'], झ: ['jh'], ञ: ['n'],
  ट: ['t'], ठ: ['th'], ड: ['d'], ढ: ['dh'], ण: ['n'],
  त: ['t'], थ: ['th'], द: ['d'], ध: ['dh'], न: ['n'],
  प: ['p'], फ: ['ph', 'f'], ब: ['b'], भ: ['bh'], म: ['m'],
  य: ['y'], र: ['r'], ल: ['l'], व: ['v', 'w'], श: ['sh'], ष: ['sh'], स: ['s'], ह: ['h'],
  क़: ['q', 'k'], ख़: ['kh'], ग़: ['g'], ज़: ['z', 'j'], ड़: ['d', 'r'], ढ़: ['dh', 'rh'], फ़: ['f'], य़: ['y'],
};
const NUKTA = '\u093c';
// Vowel signs after a consonant, and the same vowels written on their own.
const SIGNS: Record<string, string[]> = {
  '\u093e': ['aa', 'a'], '\u093f': ['i'], '\u0940': ['ee', 'i'], '\u0941': ['u'], '\u0942': ['oo', 'u'],
  '\u0943': ['ri'], '\u0947': ['e'], '\u0948': ['ai'], '\u094b': ['o'], '\u094c': ['au'], '\u0945': ['e'], '\u0949': ['o'],
};
const VOWELS: Record<string, string[]> = {
  अ: ['a'], आ: ['aa', 'a'], इ: ['i'], ई: ['ee', 'i'], उ: ['u'], ऊ: ['oo', 'u'], ऋ: ['ri'],
  ए: ['e'], ऐ: ['ai'], ओ: ['o'], औ: ['au'], ऍ: ['e'], ऑ: ['o'],
};
const VIRAMA = '\u094d';
// Anusvara and candrabindu: a nasal, written n ("bahut" has none; "andar", "haan").
const NASALS = new Set(['\u0902', '\u0901']);
const VISARGA = '\u0903';
/** Spellings per pass (with and without the medial vowel): enough for the common ones; more only adds noise. */
const MAX_VARIANTS = 16;

type Part = { options: string[]; schwa: boolean; vowel: boolean };

/** The romanized spellings of `word` (Devanagari), lower-case, or [] if it holds anything else. */
export function romanizeHindi(word: string): string[] {
  const parts: Part[] = [];
  const chars = [...word.normalize('NFC')];
  for (let i = 0; i < chars.length; i++) {
    let ch = chars[i]!;
    if (chars[i + 1] === NUKTA) ch += chars[++i]!;
    const consonant = CONSONANTS[ch];
    if (consonant) {
      const next = chars[i + 1];
      if (next === VIRAMA) {
        parts.push({ options: consonant, schwa: false, vowel: false });
        i++;
      } else if (next && SIGNS[next]) {
        parts.push({ options: consonant, schwa: false, vowel: false }, { options: SIGNS[next]!, schwa: false, vowel: true });
        i++;
      } else parts.push({ options: consonant, schwa: true, vowel: false });
      continue;
    }
    if (VOWELS[ch]) parts.push({ options: VOWELS[ch]!, schwa: false, vowel: true });
    else if (NASALS.has(ch)) parts.push({ options: ['n'], schwa: false, vowel: false });
    else if (ch === VISARGA) parts.push({ options: ['h'], schwa: false, vowel: false });
    else return [];
  }
  if (parts.length === 0) return [];
  // The inherent vowel is silent at the end of a word ("mast", not "masta").
  const last = parts[parts.length - 1]!;
  if (last.schwa && parts.length > 1) last.schwa = false;
  const spellings = new Set<string>();
  for (const dropMedial of [false, true]) {
    for (const letters of expand(parts, dropMedial)) {
      spellings.add(letters);
      // Doubled consonants are often written once ("achchha" → "achha", "accha" → "acha").
      spellings.add(letters.replace(/chchh/g, 'cch'));
      spellings.add(letters.replace(/chchh/g, 'chh'));
      spellings.add(letters.replace(/chchh/g, 'ch'));
      spellings.add(letters.replace(/([bcdfgjklmnpqrstvwxyz])\1/g, '$1'));
    }
  }
  return [...spellings].slice(0, MAX_VARIANTS * 2);
}

/**
 * Every combination of the parts' options (first options first), capped at MAX_VARIANTS. With
 * `dropMedial`, the inherent vowel is dropped where spoken Hindi drops it: between a vowel and a
 * consonant that carries one, deciding from the end of the word ("samajhna", not "samajhana").
 */
function expand(parts: Part[], dropMedial: boolean): string[] {
  const schwa = parts.map((part) => part.schwa);
  if (dropMedial) {
    for (let k = parts.length - 2; k >= 1; k--) {
      const vowelBefore = parts[k - 1]!.vowel || schwa[k - 1]!;
      // The next part is a consonant that still carries a vowel: its own, or the sign after it.
      const voicedConsonantAfter = !parts[k + 1]!.vowel && (schwa[k + 1]! || parts[k + 2]?.vowel === true);
      if (schwa[k] && vowelBefore && voicedConsonantAfter) schwa[k] = false;
    }
  }
  let out = [''];
  parts.forEach((part, k) => {
    const next: string[] = [];
    for (const prefix of out) for (const option of part.options) if (next.length < MAX_VARIANTS) next.push(prefix + option + (schwa[k] ? 'a' : ''));
    out = next;
  });
  return out;
}
