import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { FeatureBuffer } from './hashing.ts';
import { linearScores, type LinearModel } from './linear.ts';
import { decodeModel, encodeModel } from './model-file.ts';

describe('model file', () => {
  const model: LinearModel = {
    classes: ['a', 'b', 'c'],
    rows: 4,
    weights: Float32Array.from([0.5, -1, 0, 2, 0.25, -0.5, 0, 0, 1, -2, 1, 0.1]),
    bias: Float32Array.from([0.1, 0, -0.1]),
  };

  it('round-trips through Int8 with per-class scales, scoring within quantisation error', () => {
    const decoded = decodeModel<{ note: string }>(encodeModel(model, { note: 'x' }), 'test');
    expect(decoded.meta).toEqual({ note: 'x' });
    expect(decoded.model.weights).toBeInstanceOf(Int8Array);
    const features = new FeatureBuffer();
    features.push(0, 1);
    features.push(3, 0.5);
    const expected = new Float64Array(3);
    const actual = new Float64Array(3);
    linearScores(model, features, expected);
    linearScores(decoded.model, features, actual);
    for (let k = 0; k < 3; k++) expect(actual[k]).toBeCloseTo(expected[k]!, 1);
  });

  it('names the file when it is not a model', () => {
    const length = Buffer.alloc(4);
    const header = Buffer.from(JSON.stringify({ magic: 'nope' }));
    length.writeUInt32LE(header.length);
    expect(() => decodeModel(gzipSync(Buffer.concat([length, header])), 'models/x.bin.gz')).toThrow(/models\/x\.bin\.gz: not a Murmur model/);
  });
});
