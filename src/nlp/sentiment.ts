/**
 * Three-class sentiment from the hashed-feature linear model trained by
 * scripts/nlp/train-sentiment.ts, with probabilities calibrated by a softmax
 * temperature per language (one shared for the rest), fitted on the validation
 * splits' log-loss: a post given 0.8 is right about 8 times in 10.
 */
import type { Sentiment, SentimentLabel } from '../core/mention.ts';
import { copyFeatures, FeatureBuffer, type FeatureVector } from './hashing.ts';
import type { Lexicon } from './lexicon.ts';
import { linearScores, softmax, type LinearModel } from './linear.ts';
import type { ModelFile } from './model-file.ts';
import { SentimentFeaturizer, type SentimentFeatureConfig } from './sentiment-features.ts';

export interface SentimentMeta {
  features: SentimentFeatureConfig;
  /** Temperature of languages without their own (and of every language in older models). */
  temperature: number;
  /** Per-language temperatures, fitted on that language's val rows. */
  temperatures?: Record<string, number>;
  /** Val macro-F1 the training script measured on this very file (mean and per set), for rebuild checks. */
  val?: { mean: number; sets: Record<string, number> };
  /**
   * Val mean macro-F1 of the same settings trained with the shipped seed and the next ones (the
   * shipped seed first), recorded when the model ships: the ship gate compares a candidate with
   * these seed by seed, since one seed's mean moves by ±0.3 with the shuffle alone.
   */
  valSeeds?: number[];
}

export const SENTIMENT_LABELS: readonly SentimentLabel[] = ['negative', 'neutral', 'positive'];

export class SentimentAnalyzer {
  private readonly model: LinearModel;
  private readonly featurizer: SentimentFeaturizer;
  private readonly temperature: number;
  private readonly temperatures: Record<string, number>;
  private readonly features = new FeatureBuffer();
  private readonly scores = new Float64Array(3);
  private readonly order: number[];

  constructor(file: ModelFile<SentimentMeta>, lexicon: Lexicon) {
    this.model = file.model;
    this.temperature = file.meta.temperature;
    this.temperatures = file.meta.temperatures ?? {};
    this.featurizer = new SentimentFeaturizer(file.meta.features, lexicon);
    this.order = SENTIMENT_LABELS.map((label) => {
      const k = file.model.classes.indexOf(label);
      if (k < 0) throw new Error(`sentiment model has no class ${label} (classes: ${file.model.classes.join(', ')})`);
      return k;
    });
  }

  /** The model's input for `text` in `lang`: what the training script must reproduce. */
  featuresOf(text: string, lang: string): FeatureVector {
    this.featurizer.extract(text, lang, this.features);
    return copyFeatures(this.features);
  }

  get featureConfig(): SentimentFeatureConfig {
    return this.featurizer.config;
  }

  /** The temperature the probabilities of a post in `lang` are calibrated with. */
  temperatureFor(lang: string): number {
    return this.temperatures[lang] ?? this.temperature;
  }

  /** Calibrated probabilities in SENTIMENT_LABELS order. */
  probabilities(text: string, lang: string): [number, number, number] {
    return this.probabilitiesAt(text, lang, this.temperatureFor(lang));
  }

  /** Probabilities at temperature `t` (1: the raw, uncalibrated model), in SENTIMENT_LABELS order. */
  probabilitiesAt(text: string, lang: string, t: number): [number, number, number] {
    this.featurizer.extract(text, lang, this.features);
    linearScores(this.model, this.features, this.scores);
    softmax(this.scores, t);
    const [neg, neu, pos] = this.order as [number, number, number];
    return [this.scores[neg]!, this.scores[neu]!, this.scores[pos]!];
  }

  analyze(text: string, lang: string): Sentiment {
    const [negative, neutral, positive] = this.probabilities(text, lang).map(round3) as [number, number, number];
    const label: SentimentLabel =
      negative >= neutral && negative >= positive ? 'negative' : positive >= neutral ? 'positive' : 'neutral';
    return { label, probabilities: { negative, neutral, positive }, score: round3(positive - negative) };
  }
}

/**
 * How sure the model is of its answer: the calibrated probability of the label it gave (in [1/3, 1]).
 * The "not sure" band is a threshold on this.
 */
export function sentimentConfidence(sentiment: Sentiment): number {
  return sentiment.probabilities[sentiment.label];
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
