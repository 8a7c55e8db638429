/**
 * Multinomial logistic regression on hashed features, trained with AdaGrad:
 * per-weight step sizes suit hashed n-grams, where a few features are frequent
 * and most are rare. No regularisation term: the number of epochs, picked on
 * the validation split by the caller, is the regulariser.
 */
import { FeatureBuffer } from '../../src/nlp/hashing.ts';
import { linearScores, softmax, type LinearModel } from '../../src/nlp/linear.ts';
import { seededRandom, shuffle } from './data.ts';

export interface TrainingExample {
  label: number;
  /** Importance of the example in the loss (class balancing). */
  weight: number;
  /**
   * Bit k set: class k is one this example's source can give. A two-class source (positive/negative
   * only) leaves neutral out: its softmax runs over the classes it has, so it teaches polarity and
   * says nothing about neutrality. Absent: every class.
   */
  allowed?: number;
  /**
   * Bit k set: class k is consistent with what the example's source says (a partial label). The loss
   * is −log Σ p_k over these classes: a two-class source's "positive" only says "not negative" (its
   * neutral posts were dropped), so its rows push the opposite class down and share the mass between
   * positive and neutral as the rest of the data already does, instead of teaching that everyday
   * words are polar. Absent: `label` alone.
   */
  candidates?: number;
}

export interface TrainOptions {
  classes: readonly string[];
  rows: number;
  epochs: number;
  learningRate: number;
  seed: number;
  /**
   * Score (and return) the mean of the end-of-epoch weights instead of the last
   * ones: smooths AdaGrad's epoch-to-epoch swings on small training sets.
   */
  average?: boolean;
  /**
   * Feature dropout: each feature of an example is left out of a training step with this
   * probability (the rest scaled by 1/(1 − p)), a fresh draw every step. Regularises like an
   * adaptive L2 (Wager et al. 2013, "Dropout training as adaptive regularization").
   */
  dropout?: number;
  /** 'best': the epoch `afterEpoch` scored highest (default); 'last': the final epoch, whatever the scores. */
  select?: 'best' | 'last';
  /**
   * Extract every example's features once and keep them (memory ~ 8 bytes per feature) instead of
   * once per epoch: the extraction is most of the cost on large sets. Same model either way.
   */
  cache?: boolean;
  /** Label smoothing of one-label examples: the target is (1 − ε) on the label and ε/K on every class (exploring). */
  labelSmoothing?: number;
}

/** All examples' features in one growing buffer, example i at offsets[i]..offsets[i + 1]. */
class FeatureCache {
  private readonly all = new FeatureBuffer(1 << 20);
  private readonly offsets: Float64Array;

  constructor(count: number, fill: (i: number, out: FeatureBuffer) => void) {
    this.offsets = new Float64Array(count + 1);
    const buffer = new FeatureBuffer();
    for (let i = 0; i < count; i++) {
      fill(i, buffer);
      for (let j = 0; j < buffer.length; j++) this.all.push(buffer.index[j]!, buffer.value[j]!);
      this.offsets[i + 1] = this.all.length;
    }
  }

  /** Points `out` at example i's features (views, no copy). */
  read(i: number, out: FeatureBuffer): void {
    const start = this.offsets[i]!;
    const end = this.offsets[i + 1]!;
    out.index = this.all.index.subarray(start, end);
    out.value = this.all.value.subarray(start, end);
    out.length = end - start;
  }
}

export type Extract<E> = (example: E, out: FeatureBuffer) => void;

/**
 * Trains for `epochs` passes, calling `afterEpoch` with the current model after
 * each; returns the model of the epoch `afterEpoch` scored highest (or the last, see `select`).
 */
export function trainSoftmax<E extends TrainingExample>(
  examples: readonly E[],
  extract: Extract<E>,
  options: TrainOptions,
  afterEpoch: (epoch: number, model: LinearModel) => number,
): { model: LinearModel; epoch: number; score: number } {
  const K = options.classes.length;
  const weights = new Float32Array(options.rows * K);
  const model: LinearModel = { classes: options.classes, rows: options.rows, weights, bias: new Float32Array(K) };
  const gradSq = new Float32Array(options.rows * K);
  const biasGradSq = new Float64Array(K);
  const features = new FeatureBuffer();
  const probs = new Float64Array(K);
  const grad = new Float64Array(K);
  const random = seededRandom(options.seed);
  const order = examples.map((_, i) => i);
  const eta = options.learningRate;
  const dropout = options.dropout ?? 0;
  const smoothing = options.labelSmoothing ?? 0;
  let sumWeights: Float32Array | undefined;
  const sumBias = new Float32Array(K);
  let best = { weights: new Float32Array(0), bias: new Float32Array(0), epoch: 0, score: -Infinity };
  if (options.cache && dropout > 0) throw new Error('trainSoftmax: dropout edits the features in place, so it cannot run on cached features');
  const cache = options.cache ? new FeatureCache(examples.length, (i, out) => extract(examples[i]!, out)) : null;
  const all = (1 << K) - 1;

  for (let epoch = 1; epoch <= options.epochs; epoch++) {
    shuffle(order, random);
    for (const i of order) {
      const example = examples[i]!;
      if (cache) cache.read(i, features);
      else extract(example, features);
      if (dropout > 0) dropFeatures(features, dropout, random);
      linearScores(model, features, probs);
      const allowed = example.allowed ?? all;
      if (allowed !== all) for (let k = 0; k < K; k++) if (!(allowed & (1 << k))) probs[k] = -Infinity;
      softmax(probs);
      const candidates = example.candidates ?? 1 << example.label;
      let mass = 0;
      for (let k = 0; k < K; k++) if (candidates & (1 << k)) mass += probs[k]!;
      // d/dz_k of −log Σ_{c∈C} p_c is p_k − [k ∈ C]·p_k/Σ_C p (for one candidate: p_k − [k = label]).
      for (let k = 0; k < K; k++) grad[k] = (probs[k]! - (candidates & (1 << k) ? probs[k]! / mass : 0)) * example.weight;
      if (smoothing > 0 && example.candidates === undefined) for (let k = 0; k < K; k++) grad[k]! += smoothing * ((k === example.label ? 1 : 0) - 1 / K) * example.weight;
      for (let k = 0; k < K; k++) {
        biasGradSq[k]! += grad[k]! * grad[k]!;
        model.bias[k]! -= (eta * grad[k]!) / Math.sqrt(biasGradSq[k]! + 1e-8);
      }
      const { index, value, length } = features;
      for (let f = 0; f < length; f++) {
        const base = index[f]! * K;
        const v = value[f]!;
        for (let k = 0; k < K; k++) {
          const g = grad[k]! * v;
          if (g === 0) continue;
          const j = base + k;
          gradSq[j]! += g * g;
          weights[j]! -= (eta * g) / Math.sqrt(gradSq[j]! + 1e-8);
        }
      }
    }
    let scored = model;
    if (options.average) {
      sumWeights ??= new Float32Array(weights.length);
      for (let j = 0; j < weights.length; j++) sumWeights[j]! += weights[j]!;
      for (let k = 0; k < K; k++) sumBias[k]! += model.bias[k]!;
      const averaged = new Float32Array(weights.length);
      for (let j = 0; j < weights.length; j++) averaged[j] = sumWeights[j]! / epoch;
      scored = { ...model, weights: averaged, bias: sumBias.map((b) => b / epoch) };
    }
    const score = afterEpoch(epoch, scored);
    if (score > best.score || (options.select === 'last' && epoch === options.epochs)) {
      best = { weights: (scored.weights as Float32Array).slice(), bias: scored.bias.slice(), epoch, score };
    }
  }
  return {
    model: { classes: options.classes, rows: options.rows, weights: best.weights, bias: best.bias },
    epoch: best.epoch,
    score: best.score,
  };
}

/** Keeps each feature with probability 1 − p (scaled by 1/(1 − p)), compacting the buffer in place. */
function dropFeatures(features: FeatureBuffer, p: number, random: () => number): void {
  const { index, value } = features;
  let kept = 0;
  for (let i = 0; i < features.length; i++) {
    if (random() < p) continue;
    index[kept] = index[i]!;
    value[kept] = value[i]! / (1 - p);
    kept++;
  }
  features.length = kept;
}
