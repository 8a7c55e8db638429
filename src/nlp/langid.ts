/**
 * Language identification: script rules for the writing systems that settle
 * the language alone, and our hashed character n-gram model (trained by
 * scripts/nlp/train-langid.ts) for Latin, Cyrillic and Arabic script.
 */
import { primaryLanguage } from '../core/lang-tag.ts';
import type { LanguageGuess } from '../core/mention.ts';
import { cleanForLangid, letterCount } from './clean.ts';
import { copyFeatures, FeatureBuffer, type FeatureVector } from './hashing.ts';
import { preferHintWhenUnsure } from './hint.ts';
import { langidFeatures } from './langid-features.ts';
import { linearScores, PackedInt8Scorer, softmax, type LinearModel } from './linear.ts';
import type { ModelFile } from './model-file.ts';
import { countScripts } from './scripts.ts';
import { cyrillicRule, eldUntrained, shouldRecheckLatin } from './untrained.ts';

export interface LangidMeta {
  bits: number;
  maxNgram: number;
  /** Letters below this many: too little to tell, answer `und`. */
  minLetters: number;
  /** Factor a network's language hint multiplies its class probability by. */
  hintWeight: number;
}

export const UNDETERMINED: LanguageGuess = Object.freeze({ lang: 'und', confidence: 0 });

export class LanguageDetector {
  private readonly model: LinearModel;
  private readonly meta: LangidMeta;
  private readonly features = new FeatureBuffer();
  private readonly scores: Float64Array;
  // langidFeatures gives every feature the same value (1/√n), which the packed scorer relies on;
  // a Float32 model (while training) is scored the plain way.
  private readonly scorer: PackedInt8Scorer | null;

  constructor(file: ModelFile<LangidMeta>) {
    this.model = file.model;
    this.scorer = file.model.weights instanceof Int8Array && file.model.classes.length % 4 === 0 ? new PackedInt8Scorer(file.model) : null;
    this.meta = file.meta;
    this.scores = new Float64Array(file.model.classes.length);
  }

  get languages(): readonly string[] {
    return this.model.classes;
  }

  /** The model's input for `text`: what the training script must reproduce (see scripts/nlp/features.test.ts). */
  featuresOf(text: string): FeatureVector {
    this.extract(cleanForLangid(text));
    return copyFeatures(this.features);
  }

  private extract(clean: string): void {
    langidFeatures(clean, this.meta.bits, this.meta.maxNgram, this.features);
  }

  get featureSettings(): { bits: number; maxNgram: number } {
    return { bits: this.meta.bits, maxNgram: this.meta.maxNgram };
  }

  /** The language of `text`; `hint` (the network's tag) tips close calls, and decides when detection is unsure. */
  detect(text: string, hint?: string | null): LanguageGuess {
    return preferHintWhenUnsure(this.detectText(text, hint), hint, this.model.classes);
  }

  private detectText(text: string, hint?: string | null): LanguageGuess {
    const clean = cleanForLangid(text);
    if (letterCount(clean) < this.meta.minLetters) return UNDETERMINED;

    const scripts = countScripts(clean);
    const range = scripts.dominant;
    if (range?.lang) {
      const lang = range.script === 'Hani' && scripts.hasKana ? 'ja' : range.lang;
      return { lang, confidence: round(scripts.share), script: range.script };
    }

    this.extract(clean);
    if (this.scorer) this.scorer.scores(this.features, this.scores);
    else linearScores(this.model, this.features, this.scores);
    softmax(this.scores);
    const hintLang = primaryLanguage(hint);
    const hinted = hintLang ? this.model.classes.indexOf(hintLang) : -1;
    if (hinted >= 0) {
      // The network's language tag as a prior: it tips close calls, never overrides a clear one.
      const before = this.scores[hinted]!;
      const after = before * this.meta.hintWeight;
      const total = 1 - before + after;
      for (let k = 0; k < this.scores.length; k++) this.scores[k] = (k === hinted ? after : this.scores[k]!) / total;
    }
    let best = 0;
    for (let k = 1; k < this.scores.length; k++) if (this.scores[k]! > this.scores[best]!) best = k;
    const lang = this.model.classes[best]!;
    // Foreign-script leftovers (a Latin hashtag in an Arabic post) do not change the script we report.
    const confidence = round(this.scores[best]! * Math.max(scripts.share, 0.5));
    if (lang === 'hi') return { lang, confidence, script: range?.script === 'Arab' ? 'Arab' : 'Latn' };
    // Languages we do not train on (Dutch, Czech, Ukrainian…) would otherwise be forced into a neighbour.
    if (range?.script === 'Cyrl') {
      const other = cyrillicRule(clean, lang);
      if (other) return { lang: other, confidence: round(Math.max(scripts.share, 0.5) * 0.9) };
    } else if (range?.script === 'Latn' && shouldRecheckLatin(clean, lang, confidence)) {
      const other = eldUntrained(clean, lang);
      if (other) return { lang: other.lang, confidence: round(other.score * Math.max(scripts.share, 0.5)) };
    }
    return { lang, confidence };
  }
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
