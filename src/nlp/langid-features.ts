/**
 * Language-identification features: hashed character 1–N-grams (N = 4 or 5, set by the model) of each word
 * padded with spaces (so prefixes and suffixes are their own features) plus the
 * whole word. The input is `cleanForLangid` output: letters and single spaces.
 * Training (scripts/nlp/train-langid.ts) calls this very function.
 */
import { FNV_OFFSET, fnvStep, mix, type FeatureBuffer } from './hashing.ts';

// Enough for any post; a long article is identified by its first part.
const MAX_CHARS = 600;
const SPACE = 32;
const WORD_SEED = 0x5bd1e995;

export function langidFeatures(clean: string, bits: number, maxNgram: number, out: FeatureBuffer): void {
  out.clear();
  const mask = (1 << bits) - 1;
  const end = Math.min(clean.length, MAX_CHARS);
  let start = 0;
  while (start < end) {
    let stop = clean.indexOf(' ', start);
    if (stop === -1 || stop > end) stop = end;
    if (stop > start) wordFeatures(clean, start, stop, mask, maxNgram, out);
    start = stop + 1;
  }
  if (out.length > 0) out.scale(0, 1 / Math.sqrt(out.length));
}

function wordFeatures(text: string, start: number, stop: number, mask: number, maxNgram: number, out: FeatureBuffer): void {
  // Positions start-1 and stop stand for the padding spaces.
  for (let p = start - 1; p < stop; p++) {
    let h = FNV_OFFSET;
    for (let n = 0; n < maxNgram && p + n <= stop; n++) {
      const q = p + n;
      h = fnvStep(h, q < start || q >= stop ? SPACE : text.charCodeAt(q));
      if (n === 0 && q < start) continue; // the lone padding space says nothing
      out.push(mix(h) & mask, 1);
    }
  }
  let w = WORD_SEED;
  for (let q = start; q < stop; q++) w = fnvStep(w, text.charCodeAt(q));
  out.push(mix(w) & mask, 1);
}
