import { describe, expect, it } from 'vitest';
import { approximateBytes } from './approximate-bytes.ts';
import { ResponseCache } from './response-cache.ts';
import type { Store } from '../store/store.ts';

/** A cache whose data version is whatever the test says (no store needed to weigh answers). */
function cache(maxBytes: number): { cache: ResponseCache } {
  const c = new ResponseCache({} as Store, maxBytes);
  c.version = async () => 'v1';
  return { cache: c };
}

const page = (chars: number) => ({ items: [{ text: 'x'.repeat(chars) }], nextCursor: null });

describe('approximateBytes', () => {
  it('counts text at two bytes a character and stops past the cap', () => {
    expect(approximateBytes('x'.repeat(1000))).toBeGreaterThanOrEqual(2000);
    expect(approximateBytes(page(10_000))).toBeGreaterThan(20_000);
    expect(approximateBytes(page(10_000))).toBeLessThan(21_000);
    const big = Array.from({ length: 100_000 }, (_, i) => ({ i }));
    // Stopped early: the weight passes the cap by at most one item.
    expect(approximateBytes(big, 1000)).toBeLessThan(2_000_000);
  });
});

describe('ResponseCache bounded by bytes', () => {
  it('keeps the weight of its answers under the bound, dropping the least recently used', async () => {
    const { cache: c } = cache(100_000);
    for (let i = 0; i < 150; i++) await c.get(1, `/mentions?to=${i}`, async () => page(20_000));
    // 150 answers of ~40 KB each would be ~6 MB; the bound keeps two.
    expect(c.bytes).toBeLessThanOrEqual(100_000);
    expect(c.size).toBe(2);
    let recomputed = 0;
    await c.get(1, '/mentions?to=149', async () => (recomputed++, page(20_000)));
    await c.get(1, '/mentions?to=0', async () => (recomputed++, page(20_000)));
    expect(recomputed).toBe(1);
  });

  it('answers but does not keep an answer heavier than the whole cache', async () => {
    const { cache: c } = cache(10_000);
    const answer = await c.get(1, '/huge', async () => page(50_000));
    expect(answer.items[0]!.text).toHaveLength(50_000);
    expect(c.size).toBe(0);
    expect(c.bytes).toBe(0);
  });

  it('still shares one computation between concurrent requests for the same answer', async () => {
    const { cache: c } = cache(1_000_000);
    let computations = 0;
    const compute = async () => (computations++, page(10));
    await Promise.all([c.get(1, '/a', compute), c.get(1, '/a', compute), c.get(1, '/a', compute)]);
    expect(computations).toBe(1);
  });
});
