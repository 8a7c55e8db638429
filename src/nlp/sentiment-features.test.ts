import { describe, expect, it } from 'vitest';
import { FeatureBuffer } from './hashing.ts';
import { Lexicon } from './lexicon.ts';
import { DENSE_FEATURES, SentimentFeaturizer, type SentimentFeatureConfig } from './sentiment-features.ts';

const CONFIG: SentimentFeatureConfig = { bits: 12, langs: ['en', 'bg'], copyWeight: 0.5, denseScale: 1, charMin: 2, charMax: 4, charCopies: false, negationScope: 3 };
const LEXICON = Lexicon.parse(
  ['s\ten\tgood\t0.5', 'n\ten\tnot', 'p\tbg\tна цената на едно\t0.6', 'p\ten\tyeah right\t-0.5'].join('\n'),
  'test lexicon',
);

function dense(text: string, lang: string): Map<string, number> {
  const out = new FeatureBuffer();
  new SentimentFeaturizer(CONFIG, LEXICON).extract(text, lang, out);
  const shared = new Map<string, number>();
  for (let i = 0; i < out.length; i++) {
    const d = out.index[i]! - (1 << CONFIG.bits);
    if (d >= 0 && d < DENSE_FEATURES.length) shared.set(DENSE_FEATURES[d]!, out.value[i]!);
  }
  return shared;
}

describe('SentimentFeaturizer lexicon features', () => {
  it('counts a multi-word expression of the language as one lexicon hit', () => {
    expect(dense('Две на цената на едно!', 'bg').get('lexicon_positive')).toBeCloseTo(Math.log1p(0.6));
    // The same words out of order are no phrase.
    expect(dense('едно на цената на две', 'bg').has('lexicon_positive')).toBe(false);
  });

  it('reads English expressions and words in any language, and flips negated words', () => {
    expect(dense('yeah right', 'bg').get('english_negative')).toBeCloseTo(Math.log1p(0.5));
    expect(dense('good', 'en').get('lexicon_positive')).toBeCloseTo(Math.log1p(0.5));
    expect(dense('not good', 'en').get('lexicon_negative')).toBeCloseTo(Math.log1p(0.5 * 0.74));
  });
});

describe('SentimentFeaturizer word trigrams', () => {
  const buckets = (text: string, config: SentimentFeatureConfig) => {
    const out = new FeatureBuffer();
    new SentimentFeaturizer(config, LEXICON).extract(text, 'en', out);
    return new Set(out.index.subarray(0, out.length));
  };

  it('adds one hashed feature per three-word run (shared and per-language copy) only when configured, none across punctuation', () => {
    const trigrams = { ...CONFIG, wordTrigrams: true };
    const added = (text: string) => [...buckets(text, trigrams)].filter((b) => !buckets(text, CONFIG).has(b));
    expect(added('ready in minutes')).toHaveLength(2);
    expect(added('ready in minutes today')).toHaveLength(4);
    expect(added('ready, in minutes')).toHaveLength(0);
    // Word order matters: the same words in another order give other trigrams.
    expect(added('minutes in ready')).not.toEqual(added('ready in minutes'));
  });
});

describe('SentimentFeaturizer skip-bigrams', () => {
  const buckets = (text: string, config: SentimentFeatureConfig) => {
    const out = new FeatureBuffer();
    new SentimentFeaturizer(config, LEXICON).extract(text, 'en', out);
    return [...out.index.subarray(0, out.length)];
  };
  const skip = { ...CONFIG, skipBigrams: true };
  const added = (text: string, base: SentimentFeatureConfig = CONFIG) => {
    const before = new Set(buckets(text, base));
    return buckets(text, { ...base, skipBigrams: true }).filter((b) => !before.has(b));
  };

  it('adds one hashed feature per word pair with one word between (shared and per-language copy), none across punctuation', () => {
    expect(added('not really good')).toHaveLength(2);
    expect(added('not really good today')).toHaveLength(4);
    expect(added('not, really good')).toHaveLength(0);
    // The middle word does not matter: "not really good" and "not very good" share "not _ good".
    expect(added('not really good').sort()).toEqual(added('not very good').sort());
    // Beside trigrams, they are features of their own.
    expect(added('not really good', { ...CONFIG, wordTrigrams: true })).toHaveLength(2);
  });

  it('is off when the config has no skipBigrams field (models trained before it score the same)', () => {
    expect(buckets('not really good today', { ...CONFIG, skipBigrams: false })).toEqual(buckets('not really good today', CONFIG));
    expect(buckets('not really good today', skip)).not.toEqual(buckets('not really good today', CONFIG));
  });
});

describe('SentimentFeaturizer domain cues (length bucket, no @/#/link)', () => {
  const features = (text: string, config: SentimentFeatureConfig, lang = 'bg') => {
    const out = new FeatureBuffer();
    new SentimentFeaturizer(config, LEXICON).extract(text, lang, out);
    return new Set(out.index.subarray(0, out.length));
  };
  const added = (text: string, config: SentimentFeatureConfig, lang = 'bg') =>
    [...features(text, config, lang)].filter((b) => !features(text, CONFIG, lang).has(b)).sort();

  it('adds nothing when the config has no such field (models trained before them)', () => {
    expect(added('Много добър филм', { ...CONFIG })).toEqual([]);
  });

  it('length: one shared and one per-language feature, the same within a bucket and different across buckets', () => {
    const length = { ...CONFIG, lengthBucket: true };
    expect(added('Много добър филм', length)).toHaveLength(2);
    expect(added('Много добър филм', length)).toEqual(added('Не беше добър', length));
    expect(added('Много добър филм', length)).not.toEqual(added('Много добър филм, гледах го два пъти с децата', length));
    // A language without its own head gets the shared copy only.
    expect(added('Много добър филм', length, 'sv')).toHaveLength(1);
  });

  it('plain text: only texts without an @handle, a #tag or a link get it', () => {
    const plain = { ...CONFIG, plainTextMarker: true };
    expect(added('Много добър филм', plain)).toHaveLength(2);
    expect(added('Много добър филм @user', plain)).toEqual([]);
    expect(added('Много добър филм #кино', plain)).toEqual([]);
    expect(added('Много добър филм http://t.co/x', plain)).toEqual([]);
  });
});
