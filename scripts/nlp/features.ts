/**
 * The feature extraction the training scripts use, written as thin calls into
 * the runtime's own code (src/nlp), so a model is trained on exactly the
 * features it will see in production. scripts/nlp/features.test.ts checks it.
 */
import { cleanForLangid } from '../../src/nlp/clean.ts';
import type { FeatureBuffer } from '../../src/nlp/hashing.ts';
import { langidFeatures } from '../../src/nlp/langid-features.ts';
import type { SentimentFeaturizer } from '../../src/nlp/sentiment-features.ts';

/** Cleaning is done once per row (it is the slow part), features every epoch. */
export function langidTrainingText(raw: string): string {
  return cleanForLangid(raw);
}

export function langidTrainingFeatures(clean: string, settings: { bits: number; maxNgram: number }, out: FeatureBuffer): void {
  langidFeatures(clean, settings.bits, settings.maxNgram, out);
}

export function sentimentTrainingFeatures(featurizer: SentimentFeaturizer, text: string, lang: string, out: FeatureBuffer): void {
  featurizer.extract(text, lang, out);
}
