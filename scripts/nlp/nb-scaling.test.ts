import { describe, expect, it } from 'vitest';
import { FeatureBuffer } from '../../src/nlp/hashing.ts';
import { linearScores, type LinearModel } from '../../src/nlp/linear.ts';
import { applyScales, foldScales, logCountRatioScales } from './nb-scaling.ts';

interface Row {
  label: number;
  weight: number;
  buckets: number[];
}

const extract = (row: Row, out: FeatureBuffer) => {
  out.clear();
  for (const b of row.buckets) out.push(b, 1);
};

describe('NB log-count-ratio scaling', () => {
  // Bucket 0 occurs in every row (no class lean), bucket 1 only in class 0, bucket 2 in classes 0
  // and 1 but never 2; bucket 3 never occurs; row 4 is a dense feature.
  const rows: Row[] = [
    { label: 0, weight: 1, buckets: [0, 1, 2] },
    { label: 0, weight: 1, buckets: [0, 1, 2, 2] },
    { label: 1, weight: 1, buckets: [0, 2] },
    { label: 2, weight: 1, buckets: [0] },
    { label: 2, weight: 1, buckets: [0, 4] },
  ];
  const scales = logCountRatioScales(rows, extract, new FeatureBuffer(), 3, 5, 4, 1);

  it('scales a bucket by how strongly it leans to one class, leaves unseen and dense rows at 1', () => {
    expect(scales[1]!).toBeGreaterThan(scales[0]!);
    expect(scales[2]!).toBeGreaterThan(scales[0]!);
    expect(scales[3]).toBe(1);
    expect(scales[4]).toBe(1);
    // The seen buckets' scales average 1 at γ = 1 (the learning rate keeps its meaning).
    expect((scales[0]! + scales[1]! + scales[2]!) / 3).toBeCloseTo(1, 5);
    // γ = 0 scales nothing.
    expect([...logCountRatioScales(rows, extract, new FeatureBuffer(), 3, 5, 4, 0)]).toEqual([1, 1, 1, 1, 1]);
  });

  it('prunes (scale 0) a bucket seen in fewer rows than minRows, counting rows, not occurrences', () => {
    // Bucket 1 is in two rows, bucket 2 in three (twice in one), bucket 0 in five.
    const pruned = logCountRatioScales(rows, extract, new FeatureBuffer(), 3, 5, 4, 1, 1, 3);
    expect(pruned[1]).toBe(0);
    expect(pruned[2]).toBe(scales[2]);
    expect(pruned[0]).toBe(scales[0]);
    expect([pruned[3], pruned[4]]).toEqual([1, 1]);
  });

  it('a model folded with the scales scores unscaled features as the model scores scaled ones', () => {
    const model: LinearModel = { classes: ['a', 'b', 'c'], rows: 5, weights: Float32Array.from({ length: 15 }, (_, i) => Math.sin(i)), bias: Float32Array.of(0.1, -0.2, 0) };
    const scaled = new FeatureBuffer();
    extract({ label: 0, weight: 1, buckets: [0, 1, 2, 2, 4] }, scaled);
    const plain = new FeatureBuffer();
    extract({ label: 0, weight: 1, buckets: [0, 1, 2, 2, 4] }, plain);
    applyScales(scaled, scales);
    const a = new Float64Array(3);
    const b = new Float64Array(3);
    linearScores(model, scaled, a);
    linearScores(foldScales(model, scales), plain, b);
    for (let k = 0; k < 3; k++) expect(b[k]).toBeCloseTo(a[k]!, 5);
  });
});
