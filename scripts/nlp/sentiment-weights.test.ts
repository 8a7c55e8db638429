import { describe, expect, it } from 'vitest';
import type { SentimentRow } from './sentiment-data.ts';
import { rowWeights, type WeightSettings } from './sentiment-weights.ts';

const row = (set: string, label: SentimentRow['label']): SentimentRow => ({ text: 'x', label, lang: 'bg', set });
// Set a: 1 negative, 4 positive (skewed); set b: 1 and 1.
const ROWS = [row('a', 'negative'), ...Array.from({ length: 4 }, () => row('a', 'positive')), row('b', 'negative'), row('b', 'positive')];
const SHIPPED: WeightSettings = { setBalance: 0, classBalance: 1, setClassBalance: {}, setWeight: {}, extra: {} };

describe('rowWeights', () => {
  it('balances the classes inside each set by default', () => {
    const w = rowWeights(ROWS, SHIPPED);
    expect(w[0]).toBeCloseTo(5 / 2); // the lone negative of set a
    expect(w[1]).toBeCloseTo(5 / 8);
    expect(w[5]).toBeCloseTo(1);
  });

  it('tempers the class balance of the sets named in setClassBalance only', () => {
    const w = rowWeights(ROWS, { ...SHIPPED, setClassBalance: { a: 0.5 } });
    expect(w[0]).toBeCloseTo(Math.sqrt(5 / 2));
    expect(w[1]).toBeCloseTo(Math.sqrt(5 / 8));
    expect(w[5]).toBeCloseTo(1);
  });

  it('multiplies the rows of the sets named in setWeight', () => {
    const w = rowWeights(ROWS, { ...SHIPPED, setBalance: 0.5, setWeight: { b: 2 } });
    const plain = rowWeights(ROWS, { ...SHIPPED, setBalance: 0.5 });
    expect(w.slice(0, 5)).toEqual(plain.slice(0, 5));
    expect(w[5]).toBeCloseTo(2 * plain[5]!);
  });
});
