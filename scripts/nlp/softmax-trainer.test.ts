import { describe, expect, it } from 'vitest';
import type { FeatureBuffer } from '../../src/nlp/hashing.ts';
import { trainSoftmax, type TrainingExample } from './softmax-trainer.ts';

const CLASSES = ['negative', 'neutral', 'positive'];
const POLARITY_ONLY = 0b101;

interface Row extends TrainingExample {
  feature: number;
}

function trained(rows: Row[], cache: boolean) {
  return trainSoftmax(rows, (row, out: FeatureBuffer) => {
    out.clear();
    out.push(row.feature, 1);
  }, { classes: CLASSES, rows: 4, epochs: 3, learningRate: 0.1, seed: 1, cache }, () => 0).model;
}

describe('trainSoftmax', () => {
  it('a two-class row teaches polarity and leaves the class its source lacks alone', () => {
    const rows: Row[] = [
      { feature: 1, label: 0, weight: 1, allowed: POLARITY_ONLY },
      { feature: 2, label: 2, weight: 1, allowed: POLARITY_ONLY },
    ];
    const model = trained(rows, false);
    // Neutral's weights and bias never move: the rows say nothing about neutrality.
    expect(model.weights[1 * 3 + 1]).toBe(0);
    expect(model.weights[2 * 3 + 1]).toBe(0);
    expect(model.bias[1]).toBe(0);
    expect(model.weights[1 * 3 + 0]).toBeGreaterThan(model.weights[1 * 3 + 2]!);
    expect(model.weights[2 * 3 + 2]).toBeGreaterThan(model.weights[2 * 3 + 0]!);
    // A three-class row with the same label does push neutral down.
    expect(trained([{ feature: 1, label: 0, weight: 1 }], false).weights[1 * 3 + 1]).toBeLessThan(0);
  });

  it('a two-class positive row read as "not negative" leaves a phrase the three-class rows call neutral neutral', () => {
    // Feature 1 ("this morning"): neutral in the three-class rows, and in three times as many
    // positive rows of a two-class source (whose neutral posts were dropped).
    const neutral: Row = { feature: 1, label: 1, weight: 1 };
    const twoClassPositive: Row = { feature: 1, label: 2, weight: 1, candidates: 0b110 };
    const rows = [neutral, twoClassPositive, twoClassPositive, twoClassPositive, { feature: 2, label: 0, weight: 1 }];
    const model = trainSoftmax(rows, (row, out: FeatureBuffer) => {
      out.clear();
      out.push(row.feature, 1);
    }, { classes: CLASSES, rows: 4, epochs: 20, learningRate: 0.1, seed: 1 }, () => 0).model;
    const logit = (k: number) => model.weights[1 * 3 + k]! + model.bias[k]!;
    expect(logit(1)).toBeGreaterThan(logit(2));
    // …while the row still says it is not negative.
    expect(logit(0)).toBeLessThan(logit(1));
  });

  it('trains the same model from cached features', () => {
    const rows: Row[] = [0, 1, 2, 3, 1, 2].map((feature, i) => ({ feature, label: i % 3, weight: 1 + (i % 2) }));
    const a = trained(rows, false);
    const b = trained(rows, true);
    expect([...b.weights]).toEqual([...a.weights]);
    expect([...b.bias]).toEqual([...a.bias]);
  });

  it('label smoothing stops a one-label row short of certainty, and leaves a partial-label row as it was', () => {
    const train = (labelSmoothing: number, row: Row) =>
      trainSoftmax([row], (r, out: FeatureBuffer) => {
        out.clear();
        out.push(r.feature, 1);
      }, { classes: CLASSES, rows: 4, epochs: 2000, learningRate: 1, seed: 1, labelSmoothing, select: 'last' }, () => 0).model;
    const probability = (model: ReturnType<typeof train>, k: number) => {
      const z = [0, 1, 2].map((c) => model.weights[1 * 3 + c]! + model.bias[c]!);
      const top = Math.max(...z);
      return Math.exp(z[k]! - top) / z.reduce((sum, v) => sum + Math.exp(v - top), 0);
    };
    const oneLabel: Row = { feature: 1, label: 2, weight: 1 };
    // Its target is 0.9 + 0.1/3 on the label: the fitted probability settles there, not at 1.
    expect(probability(train(0, oneLabel), 2)).toBeGreaterThan(0.999);
    expect(probability(train(0.1, oneLabel), 2)).toBeCloseTo(0.9 + 0.1 / 3, 4);
    const partial: Row = { feature: 1, label: 2, weight: 1, candidates: 0b110 };
    expect([...train(0.1, partial).weights]).toEqual([...train(0, partial).weights]);
  });
});
