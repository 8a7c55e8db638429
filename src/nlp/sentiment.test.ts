import { describe, expect, it } from 'vitest';
import { isNotSure } from '../watch/figure-definitions.ts';
import { Lexicon } from './lexicon.ts';
import { models } from './models.ts';
import { SentimentAnalyzer, sentimentConfidence, type SentimentMeta } from './sentiment.ts';
import { sentimentRows, type SentimentFeatureConfig } from './sentiment-features.ts';

const FEATURES: SentimentFeatureConfig = { bits: 8, langs: ['en', 'it'], copyWeight: 0.5, denseScale: 1, charMin: 2, charMax: 3, charCopies: false, negationScope: 3 };
const LEXICON = Lexicon.parse('s\ten\tgood\t0.8', 'test lexicon');

/** A model whose every feature leans positive, so the temperature alone sets how sure it is. */
function analyzer(meta: Omit<SentimentMeta, 'features'>): SentimentAnalyzer {
  const rows = sentimentRows(FEATURES);
  const weights = new Float32Array(rows * 3);
  for (let i = 0; i < rows; i++) weights[i * 3 + 2] = 0.2;
  return new SentimentAnalyzer({ model: { classes: ['negative', 'neutral', 'positive'], rows, weights, bias: new Float32Array(3) }, meta: { features: FEATURES, ...meta } }, LEXICON);
}

describe('SentimentAnalyzer calibration', () => {
  it('uses the language’s own temperature, and the shared one for other languages', () => {
    const model = analyzer({ temperature: 1, temperatures: { it: 4 } });
    const shared = model.probabilities('good good good', 'en');
    const italian = model.probabilities('good good good', 'it');
    expect(model.temperatureFor('it')).toBe(4);
    expect(model.temperatureFor('fr')).toBe(1);
    // A higher temperature: less sure of the same answer.
    expect(italian[2]).toBeLessThan(shared[2]);
    expect(italian[2]).toBeGreaterThan(1 / 3);
  });

  it('states its confidence as the probability of the label it gave', () => {
    const sentiment = analyzer({ temperature: 1 }).analyze('good good good', 'en');
    expect(sentiment.label).toBe('positive');
    expect(sentimentConfidence(sentiment)).toBe(sentiment.probabilities.positive);
  });

  it('marks Russian "not sure" in the shipped model: it has no Russian head and reads Russian through the Bulgarian tweets, confidently wrong one time in eight', () => {
    const { analyzer: shipped } = models();
    expect(shipped.temperatureFor('ru')).toBeGreaterThan(shipped.temperatureFor('bg'));
    for (const text of ['Ужасный сервис, больше никогда', 'Отличный кофе, спасибо!', 'Кафе открывается в понедельник']) {
      expect(isNotSure(shipped.analyze(text, 'ru').probabilities), text).toBe(true);
    }
    // A language it has a head for keeps its confident answers.
    expect(isNotSure(shipped.analyze('Ужасно обслужване, никога повече', 'bg').probabilities)).toBe(false);
  });
});
