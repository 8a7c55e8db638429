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

/**
 * Class scores for a text whose features all carry one value (language ID: 1/√n each) over an Int8
 * model with a multiple of 4 classes. Each bucket's Int8 row is read as 32-bit words of four
 * classes (biased to unsigned) and summed two classes per 16-bit lane; ~1.8× faster than
 * linearScores on the 20-class langid model (measured over the langid val posts), the same scores
 * up to float rounding.
 */
export class PackedInt8Scorer {
  private readonly rows: Uint32Array;
  private readonly words: number;
  private readonly even: Int32Array;
  private readonly odd: Int32Array;
  private readonly sums: Float64Array;

  constructor(private readonly model: LinearModel) {
    const K = model.classes.length;
    if (!(model.weights instanceof Int8Array) || !model.scales || K % 4 !== 0) {
      throw new Error(`PackedInt8Scorer: needs Int8 weights and a multiple of 4 classes (got ${K})`);
    }
    this.words = K / 4;
    this.rows = new Uint32Array(model.weights.length / 4);
    const bytes = new Uint8Array(this.rows.buffer);
    for (let i = 0; i < model.weights.length; i++) bytes[i] = model.weights[i]! + 128;
    this.even = new Int32Array(this.words);
    this.odd = new Int32Array(this.words);
    this.sums = new Float64Array(K);
  }

  /** Raw class scores W·x + b into `out`, for `features` whose values are all equal. */
  scores(features: FeatureBuffer, out: Float64Array): void {
    const { rows, words, even, odd, sums } = this;
    const { index, length } = features;
    sums.fill(0);
    // A 16-bit lane holds at most 257 biased bytes (≤ 255 each): flush every 256 features.
    for (let start = 0; start < length; start += 256) {
      const end = Math.min(length, start + 256);
      if (words === 5) this.sumFiveWords(index, start, end);
      else {
        even.fill(0);
        odd.fill(0);
        for (let i = start; i < end; i++) {
          const base = index[i]! * words;
          for (let j = 0; j < words; j++) {
            const x = rows[base + j]!;
            even[j]! += x & 0xff00ff;
            odd[j]! += (x >>> 8) & 0xff00ff;
          }
        }
      }
      const bias = 128 * (end - start);
      for (let j = 0; j < words; j++) {
        sums[4 * j]! += (even[j]! & 0xffff) - bias;
        sums[4 * j + 1]! += (odd[j]! & 0xffff) - bias;
        sums[4 * j + 2]! += (even[j]! >>> 16) - bias;
        sums[4 * j + 3]! += (odd[j]! >>> 16) - bias;
      }
    }
    const value = length ? features.value[0]! : 0;
    const { scales, bias } = this.model;
    for (let k = 0; k < sums.length; k++) out[k] = sums[k]! * value * scales![k]! + bias[k]!;
  }

  /**
   * The loop above for 20 classes (the langid model), unrolled so the ten lane sums stay in
   * registers: twice as fast again as the generic loop.
   */
  private sumFiveWords(index: Int32Array, start: number, end: number): void {
    const rows = this.rows;
    let e0 = 0, e1 = 0, e2 = 0, e3 = 0, e4 = 0, o0 = 0, o1 = 0, o2 = 0, o3 = 0, o4 = 0;
    for (let i = start; i < end; i++) {
      const b = index[i]! * 5;
      let x = rows[b]!;
      e0 += x & 0xff00ff;
      o0 += (x >>> 8) & 0xff00ff;
      x = rows[b + 1]!;
      e1 += x & 0xff00ff;
      o1 += (x >>> 8) & 0xff00ff;
      x = rows[b + 2]!;
      e2 += x & 0xff00ff;
      o2 += (x >>> 8) & 0xff00ff;
      x = rows[b + 3]!;
      e3 += x & 0xff00ff;
      o3 += (x >>> 8) & 0xff00ff;
      x = rows[b + 4]!;
      e4 += x & 0xff00ff;
      o4 += (x >>> 8) & 0xff00ff;
    }
    const { even, odd } = this;
    even[0] = e0;
    even[1] = e1;
    even[2] = e2;
    even[3] = e3;
    even[4] = e4;
    odd[0] = o0;
    odd[1] = o1;
    odd[2] = o2;
    odd[3] = o3;
    odd[4] = o4;
  }
}
