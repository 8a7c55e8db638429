/**
 * NB-SVM-style feature scaling (Wang & Manning, ACL 2012) for the hashed sentiment features: each
 * bucket's value is multiplied by how strongly its presence leans to one class (a log-count ratio),
 * so the linear model starts from Naive Bayes' view of which n-grams matter. AdaGrad's steps are
 * per-weight, so the scale acts as a per-bucket learning rate of the effective weight w·s.
 *
 * The runtime never scales: a linear model with per-feature scales s equals one with weights w·s on
 * the unscaled features, so `foldScales` writes the scales into the weights before a model is scored
 * or saved (same model format, same runtime).
 */
import type { FeatureBuffer } from '../../src/nlp/hashing.ts';
import type { LinearModel } from '../../src/nlp/linear.ts';
import type { TrainingExample } from './softmax-trainer.ts';

/**
 * Per-row scales for the first `hashedRows` rows (the rest, dense lexicon features, stay 1).
 * For each class c and bucket j, r_cj = log(p_cj/|p_c|) − log(q_cj/|q_c|), with p the (example-
 * weighted) count of rows of class c where j occurs, q the same over the other classes, both
 * smoothed by `alpha`; the bucket's strength is max_c |r_cj|, divided by its mean over the buckets
 * seen (so the overall scale, and the learning rate chosen for it, stay as they were) and raised
 * to `gamma` (0: no scaling, 1: the full ratio). A bucket present in fewer than `minRows` training rows
 * gets scale 0 (pruned: its weight folds to 0), so a hashed n-gram seen once cannot carry a label.
 */
export function logCountRatioScales<E extends TrainingExample>(
  examples: readonly E[],
  extract: (example: E, out: FeatureBuffer) => void,
  buffer: FeatureBuffer,
  classes: number,
  rows: number,
  hashedRows: number,
  gamma: number,
  alpha = 1,
  minRows = 0,
): Float32Array {
  const counts = new Float64Array(hashedRows * classes);
  const rowCounts = new Uint32Array(hashedRows);
  const classTotals = new Float64Array(classes);
  const seen = new Uint8Array(hashedRows);
  for (const example of examples) {
    extract(example, buffer);
    const k = example.label;
    classTotals[k]! += example.weight;
    // Presence, not frequency: a bucket counts once per row.
    for (let f = 0; f < buffer.length; f++) {
      const j = buffer.index[f]!;
      if (j >= hashedRows || seen[j]) continue;
      seen[j] = 1;
      rowCounts[j]!++;
      counts[j * classes + k]! += example.weight;
    }
    for (let f = 0; f < buffer.length; f++) {
      const j = buffer.index[f]!;
      if (j < hashedRows) seen[j] = 0;
    }
  }
  const bucketTotal = new Float64Array(hashedRows);
  const classSums = new Float64Array(classes);
  for (let j = 0; j < hashedRows; j++) {
    for (let k = 0; k < classes; k++) {
      bucketTotal[j]! += counts[j * classes + k]!;
      classSums[k]! += counts[j * classes + k]! + alpha;
    }
  }
  const allSum = classSums.reduce((a, b) => a + b, 0);
  const strength = new Float64Array(hashedRows);
  let sum = 0;
  let n = 0;
  for (let j = 0; j < hashedRows; j++) {
    if (bucketTotal[j] === 0) continue;
    let best = 0;
    for (let k = 0; k < classes; k++) {
      const p = (counts[j * classes + k]! + alpha) / classSums[k]!;
      const q = (bucketTotal[j]! - counts[j * classes + k]! + alpha * (classes - 1)) / (allSum - classSums[k]!);
      best = Math.max(best, Math.abs(Math.log(p / q)));
    }
    strength[j] = best;
    sum += best;
    n++;
  }
  const meanStrength = n ? sum / n : 1;
  const scales = new Float32Array(rows).fill(1);
  for (let j = 0; j < hashedRows; j++) {
    if (bucketTotal[j] === 0) continue;
    scales[j] = rowCounts[j]! < minRows ? 0 : (strength[j]! / meanStrength) ** gamma;
  }
  return scales;
}

/** Multiplies every value in `out` from `from` on by its row's scale. */
export function applyScales(out: FeatureBuffer, scales: Float32Array, from = 0): void {
  for (let f = from; f < out.length; f++) out.value[f]! *= scales[out.index[f]!]!;
}

/** The model that scores unscaled features as `model` scores scaled ones (weights × row scale). */
export function foldScales(model: LinearModel, scales: Float32Array): LinearModel {
  const K = model.classes.length;
  const weights = new Float32Array(model.weights.length);
  for (let j = 0; j < model.rows; j++) for (let k = 0; k < K; k++) weights[j * K + k] = model.weights[j * K + k]! * scales[j]!;
  return { ...model, weights };
}
