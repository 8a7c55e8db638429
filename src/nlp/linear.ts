/**
 * A multinomial linear model over hashed features: weights laid out
 * bucket-major (`weights[bucket * K + k]`) so one feature's K weights share a
 * cache line.
 */
import type { FeatureBuffer } from './hashing.ts';

export interface LinearModel {
  classes: readonly string[];
  /** Number of weight rows (hashed buckets plus any dense features). */
  rows: number;
  /** Float32 while training; Int8 in the shipped model (a quarter of the memory, so fewer cache misses). */
  weights: Float32Array | Int8Array;
  /** Per-class factor of Int8 weights; absent for Float32 weights. */
  scales?: Float32Array;
  bias: Float32Array;
}

/** Raw class scores W·x + b into `out` (length K). */
export function linearScores(model: LinearModel, features: FeatureBuffer, out: Float64Array): void {
  const K = model.classes.length;
  const { weights, bias, scales } = model;
  for (let k = 0; k < K; k++) out[k] = 0;
  const { index, value, length } = features;
  if (K === 3) {
    // Sentiment's three classes, unrolled: the hot loop of enrichment.
    let a = 0;
    let b = 0;
    let c = 0;
    for (let i = 0; i < length; i++) {
      const base = index[i]! * 3;
      const v = value[i]!;
      a += weights[base]! * v;
      b += weights[base + 1]! * v;
      c += weights[base + 2]! * v;
    }
    out[0] = a;
    out[1] = b;
    out[2] = c;
  } else {
    for (let i = 0; i < length; i++) {
      const base = index[i]! * K;
      const v = value[i]!;
      for (let k = 0; k < K; k++) out[k]! += weights[base + k]! * v;
    }
  }
  for (let k = 0; k < K; k++) out[k] = out[k]! * (scales ? scales[k]! : 1) + bias[k]!;
}

/** In-place softmax of `scores / temperature`; returns the index of the largest. */
export function softmax(scores: Float64Array, temperature = 1): number {
  let best = 0;
  for (let k = 1; k < scores.length; k++) if (scores[k]! > scores[best]!) best = k;
  const top = scores[best]!;
  let sum = 0;
  for (let k = 0; k < scores.length; k++) {
    const e = Math.exp((scores[k]! - top) / temperature);
    scores[k] = e;
    sum += e;
  }
  for (let k = 0; k < scores.length; k++) scores[k]! /= sum;
  return best;
}
