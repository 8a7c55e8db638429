/**
 * Writing systems that settle the language on their own. Our statistical model
 * covers the Latin, Cyrillic and Arabic-script languages of the training data;
 * a post in Greek or Thai is recognised by its script instead of being forced
 * into one of those.
 */

export interface ScriptRange {
  script: string;
  from: number;
  to: number;
  /** The language a text in this script is taken to be; null = ask the model. */
  lang: string | null;
}

// Order matters only for speed: the common scripts first.
export const SCRIPT_RANGES: readonly ScriptRange[] = [
  { script: 'Latn', from: 0x0041, to: 0x024f, lang: null },
  { script: 'Cyrl', from: 0x0400, to: 0x052f, lang: null },
  { script: 'Arab', from: 0x0600, to: 0x06ff, lang: null },
  { script: 'Arab', from: 0x0750, to: 0x077f, lang: null },
  { script: 'Arab', from: 0xfb50, to: 0xfeff, lang: null },
  { script: 'Latn', from: 0x1e00, to: 0x1eff, lang: null },
  { script: 'Deva', from: 0x0900, to: 0x097f, lang: 'hi' },
  { script: 'Grek', from: 0x0370, to: 0x03ff, lang: 'el' },
  { script: 'Grek', from: 0x1f00, to: 0x1fff, lang: 'el' },
  { script: 'Hebr', from: 0x0590, to: 0x05ff, lang: 'he' },
  { script: 'Armn', from: 0x0530, to: 0x058f, lang: 'hy' },
  { script: 'Geor', from: 0x10a0, to: 0x10ff, lang: 'ka' },
  { script: 'Beng', from: 0x0980, to: 0x09ff, lang: 'bn' },
  { script: 'Guru', from: 0x0a00, to: 0x0a7f, lang: 'pa' },
  { script: 'Gujr', from: 0x0a80, to: 0x0aff, lang: 'gu' },
  { script: 'Taml', from: 0x0b80, to: 0x0bff, lang: 'ta' },
  { script: 'Telu', from: 0x0c00, to: 0x0c7f, lang: 'te' },
  { script: 'Knda', from: 0x0c80, to: 0x0cff, lang: 'kn' },
  { script: 'Mlym', from: 0x0d00, to: 0x0d7f, lang: 'ml' },
  { script: 'Thai', from: 0x0e00, to: 0x0e7f, lang: 'th' },
  { script: 'Hang', from: 0xac00, to: 0xd7af, lang: 'ko' },
  { script: 'Hang', from: 0x1100, to: 0x11ff, lang: 'ko' },
  { script: 'Kana', from: 0x3040, to: 0x30ff, lang: 'ja' },
  { script: 'Hani', from: 0x4e00, to: 0x9fff, lang: 'zh' },
];

const RANGE_COUNTS = new Int32Array(SCRIPT_RANGES.length);
const RANGES_SEEN = new Int32Array(SCRIPT_RANGES.length);

export interface ScriptCount {
  /** The script with the most letters, or null when there are none. */
  dominant: ScriptRange | null;
  /** Share of the letters that are in the dominant script. */
  share: number;
  /** Whether any kana occur: Japanese mixes kana with Han. */
  hasKana: boolean;
}

export function countScripts(clean: string): ScriptCount {
  // Counts per SCRIPT_RANGES index in a reused array (a Map per post was a measurable share of langid).
  const counts = RANGE_COUNTS.fill(0);
  const seen = RANGES_SEEN;
  let distinct = 0;
  let letters = 0;
  let hasKana = false;
  for (let i = 0; i < clean.length; i++) {
    const c = clean.charCodeAt(i);
    if (c === 32) continue;
    letters++;
    if (c >= 0x61 && c <= 0x7a) {
      if (counts[0]!++ === 0) seen[distinct++] = 0;
      continue;
    }
    for (let r = 0; r < SCRIPT_RANGES.length; r++) {
      const range = SCRIPT_RANGES[r]!;
      if (c >= range.from && c <= range.to) {
        if (counts[r]!++ === 0) seen[distinct++] = r;
        if (range.script === 'Kana') hasKana = true;
        break;
      }
    }
  }
  let dominant: ScriptRange | null = null;
  let best = 0;
  // Ranges of one script (Latin basic and extended) are summed before comparing; on a tie the
  // script met first in the text wins.
  for (let i = 0; i < distinct; i++) {
    const r = seen[i]!;
    const script = SCRIPT_RANGES[r]!.script;
    let n = 0;
    for (let s = 0; s < SCRIPT_RANGES.length; s++) if (SCRIPT_RANGES[s]!.script === script) n += counts[s]!;
    if (n > best) {
      best = n;
      dominant = SCRIPT_RANGES[r]!;
    }
  }
  return { dominant, share: letters ? best / letters : 0, hasKana };
}
