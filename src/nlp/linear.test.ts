import { describe, expect, it } from 'vitest';
import { seededRandom } from '../core/random.ts';
import { FeatureBuffer } from './hashing.ts';
import { linearScores, PackedInt8Scorer, type LinearModel } from './linear.ts';

function int8Model(rows: number, K: number, random: () => number): LinearModel {
  const weights = new Int8Array(rows * K);
  for (let i = 0; i < weights.length; i++) weights[i] = Math.floor(random() * 255) - 127;
  const scales = Float32Array.from({ length: K }, () => 0.001 + random() * 0.01);
  const bias = Float32Array.from({ length: K }, () => random() - 0.5);
  return { classes: Array.from({ length: K }, (_, k) => `c${k}`), rows, weights, scales, bias };
}

describe('PackedInt8Scorer', () => {
  it.each([20, 8])('gives the scores of linearScores for uniform-valued features, across the 256-feature flush (%i classes)', (K) => {
    const random = seededRandom(7);
    const model = int8Model(512, K, random);
    const scorer = new PackedInt8Scorer(model);
    for (const n of [0, 1, 5, 255, 256, 257, 700]) {
      const features = new FeatureBuffer(16);
      // All -127 or all +127 rows in one bucket, many times over, is the worst case for the lanes.
      for (let i = 0; i < n; i++) features.push(i % 3 === 0 ? 0 : Math.floor(random() * 512), 1 / Math.sqrt(Math.max(n, 1)));
      const expected = new Float64Array(K);
      const actual = new Float64Array(K);
      linearScores(model, features, expected);
      scorer.scores(features, actual);
      for (let k = 0; k < K; k++) expect(actual[k]).toBeCloseTo(expected[k]!, 9);
    }
  });

  it('refuses a model it cannot pack', () => {
    const model = int8Model(4, 3, seededRandom(1));
    expect(() => new PackedInt8Scorer(model)).toThrow(/multiple of 4 classes/);
  });
});
