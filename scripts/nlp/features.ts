/**
 * The feature extraction the training scripts use, written as thin calls into
 * the runtime's own code (src/nlp), so a model is trained on exactly the
 * features it will see in production. scripts/nlp/features.test.ts checks it.
 */
import { cleanForLangid } from '../../src/nlp/clean.ts';
import { hashString, mix, type FeatureBuffer } from '../../src/nlp/hashing.ts';
import { langidFeatures } from '../../src/nlp/langid-features.ts';
import type { SentimentFeaturizer } from '../../src/nlp/sentiment-features.ts';
import { applyScales } from './nb-scaling.ts';

/** Cleaning is done once per row (it is the slow part), features every epoch. */
export function langidTrainingText(raw: string): string {
  return cleanForLangid(raw);
}

export function langidTrainingFeatures(clean: string, settings: { bits: number; maxNgram: number }, out: FeatureBuffer): void {
  langidFeatures(clean, settings.bits, settings.maxNgram, out);
}

/**
 * `source` (training only) adds one indicator feature for the data source a row comes from: it
 * soaks up what is peculiar to that source (its label priors, its domain) so the shared weights need
 * not. The runtime never has it, so it answers as for the sets we score on.
 */
export function sentimentTrainingFeatures(featurizer: SentimentFeaturizer, text: string, lang: string, out: FeatureBuffer, source?: string, scales?: Float32Array): void {
  featurizer.extract(text, lang, out);
  // NB scaling (nb-scaling.ts) is training-only too: it is folded into the weights before a model is saved.
  if (scales) applyScales(out, scales);
  if (source) out.push(mix(hashString(`source:${source}`)) & ((1 << featurizer.config.bits) - 1), 1);
}
