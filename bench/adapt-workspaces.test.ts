import { describe, expect, it } from 'vitest';
import { sameTextKey } from '../src/nlp/same-text.ts';
import { distinctTexts, notSureThreshold, shuffled, splitWorkspace } from './adapt-workspaces.ts';

describe('bench:nlp-adapt workspaces', () => {
  it('shuffles the same way for the same seed, and differently for another', () => {
    const items = Array.from({ length: 50 }, (_, i) => i);
    expect(shuffled(items, 1)).toEqual(shuffled(items, 1));
    expect(shuffled(items, 1)).not.toEqual(shuffled(items, 2));
    expect([...shuffled(items, 1)].sort((a, b) => a - b)).toEqual(items);
  });

  it('keeps the first of each same text, so no text is both held back and corrected', () => {
    const rows = [
      { text: 'Schon wieder Verspätung http://t.co/1', id: 1 },
      { text: 'Klimaanlage kaputt', id: 2 },
      { text: 'RT @x: schon wieder Verspätung http://t.co/2', id: 3 },
      ...Array.from({ length: 40 }, (_, i) => ({ text: `post ${i}`, id: 10 + i })),
    ];
    const distinct = distinctTexts(rows);
    expect(distinct.map((r) => r.id).slice(0, 2)).toEqual([1, 2]);
    expect(distinct).toHaveLength(rows.length - 1);
    for (const seed of [1, 2, 3]) {
      // Given the rows with their repeats, it keeps each text once itself.
      const { held, pool } = splitWorkspace(rows, seed, 0.3);
      expect(held).toHaveLength(Math.round(distinct.length * 0.3));
      expect(held.length + pool.length).toBe(distinct.length);
      const heldKeys = new Set(held.map((r) => sameTextKey(r.text)));
      expect(pool.filter((r) => heldKeys.has(sameTextKey(r.text)))).toEqual([]);
    }
  });

  it('picks the largest threshold under which the model is right less often than wrong', () => {
    const posts = [
      { top: 0.4, right: false },
      { top: 0.45, right: false },
      { top: 0.52, right: true },
      { top: 0.57, right: false },
      { top: 0.62, right: true },
      { top: 0.66, right: true },
      { top: 0.9, right: true },
    ];
    // under 0.6: 1 right of 4; under 0.65: 2 of 5; under 0.7: 3 of 6 (not less often than wrong).
    expect(notSureThreshold(posts, [0.5, 0.55, 0.6, 0.65, 0.7])).toBe(0.65);
    expect(notSureThreshold(posts, [0.7])).toBeNull();
    expect(notSureThreshold([], [0.5])).toBeNull();
  });
});
