import { describe, expect, it } from 'vitest';
import { FeatureBuffer, copyFeatures } from '../../src/nlp/hashing.ts';
import { models } from '../../src/nlp/models.ts';
import { SentimentFeaturizer, sentimentRows, type SentimentFeatureConfig } from '../../src/nlp/sentiment-features.ts';
import { SENTIMENT_LABELS, SentimentAnalyzer } from '../../src/nlp/sentiment.ts';
import type { LinearModel } from '../../src/nlp/linear.ts';
import { Lexicon } from '../../src/nlp/lexicon.ts';
import { readModelFile } from '../../src/nlp/model-file.ts';
import type { SentimentMeta } from '../../src/nlp/sentiment.ts';
import { MODEL_DIR } from '../../src/nlp/models.ts';
import { langidTrainingFeatures, langidTrainingText, sentimentTrainingFeatures } from './features.ts';

// Texts with everything the cleaners touch: handles, links, placeholders, emoji, numbers, negation.
const TEXTS: [string, string][] = [
  ['RT @user: This is NOT good at all!!! 😡 http://t.co/abc #fail', 'en'],
  ["Ce film n'est pas terrible… 2/10 https://example.com", 'fr'],
  ['non è male, anzi!! 👍👍', 'it'],
  ['Филмът не е добре направен :(', 'bg'],
  ['makanannya tidak bagus , pelayanan lambat', 'id'],
  ['yaar ye movie toh bahut bakwas thi 😂 @srbachchan', 'hi'],
  ['\\u2019 &amp; soooo gooood', 'en'],
];

describe('training features are the runtime features', () => {
  const { detector, analyzer } = models();

  it('language ID: the training path gives the shipped detector the same input', () => {
    const buffer = new FeatureBuffer();
    for (const [text] of TEXTS) {
      langidTrainingFeatures(langidTrainingText(text), detector.featureSettings, buffer);
      expect(copyFeatures(buffer)).toEqual(detector.featuresOf(text));
      expect(buffer.length).toBeGreaterThan(0);
    }
  });

  it('sentiment: the training path gives the shipped analyzer the same input', () => {
    const featurizer = new SentimentFeaturizer(analyzer.featureConfig, Lexicon.load(`${MODEL_DIR}/lexicon.tsv.gz`));
    const buffer = new FeatureBuffer();
    for (const [text, lang] of TEXTS) {
      sentimentTrainingFeatures(featurizer, text, lang, buffer);
      expect(copyFeatures(buffer)).toEqual(analyzer.featuresOf(text, lang));
    }
  });

  it('sentiment with skip-bigrams: the training path gives a model that has them the same input', () => {
    const lexicon = Lexicon.load(`${MODEL_DIR}/lexicon.tsv.gz`);
    const config = { ...analyzer.featureConfig, skipBigrams: true };
    const file = readModelFile<SentimentMeta>(`${MODEL_DIR}/sentiment.bin.gz`);
    const withSkips = new SentimentAnalyzer({ ...file, meta: { ...file.meta, features: config } }, lexicon);
    const featurizer = new SentimentFeaturizer(config, lexicon);
    const buffer = new FeatureBuffer();
    let added = 0;
    for (const [text, lang] of TEXTS) {
      sentimentTrainingFeatures(featurizer, text, lang, buffer);
      expect(copyFeatures(buffer)).toEqual(withSkips.featuresOf(text, lang));
      added += buffer.length - analyzer.featuresOf(text, lang).index.length;
    }
    expect(added).toBeGreaterThan(0);
  });

  it('sentiment: the training path and the runtime agree with the domain cues on too', () => {
    const lexicon = Lexicon.load(`${MODEL_DIR}/lexicon.tsv.gz`);
    const config = { ...analyzer.featureConfig, bits: 16, lengthBucket: true, plainTextMarker: true };
    const runtime = new SentimentAnalyzer({ model: emptyModel(config), meta: { features: config, temperature: 1 } }, lexicon);
    const featurizer = new SentimentFeaturizer(config, lexicon);
    const buffer = new FeatureBuffer();
    for (const [text, lang] of TEXTS) {
      sentimentTrainingFeatures(featurizer, text, lang, buffer);
      expect(copyFeatures(buffer)).toEqual(runtime.featuresOf(text, lang));
      expect(copyFeatures(buffer)).not.toEqual(analyzer.featuresOf(text, lang));
    }
  });

  it('negation changes the sentiment features (the scope is marked)', () => {
    const plain = analyzer.featuresOf('this is good', 'en');
    const negated = analyzer.featuresOf('this is not good', 'en');
    const goodInScope = analyzer.featuresOf('not good', 'en').index;
    expect([...goodInScope].some((i) => !plain.index.includes(i) && negated.index.includes(i))).toBe(true);
  });
});

/** A zero-weight model: enough to read features through the runtime analyzer. */
function emptyModel(config: SentimentFeatureConfig): LinearModel {
  const rows = sentimentRows(config);
  return { classes: SENTIMENT_LABELS, rows, weights: new Float32Array(rows * SENTIMENT_LABELS.length), bias: new Float32Array(SENTIMENT_LABELS.length) };
}
