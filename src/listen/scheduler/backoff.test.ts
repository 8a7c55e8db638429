import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff.ts';

describe('back-off', () => {
  it('doubles per failure between half and all of the ceiling, capped', () => {
    const policy = { baseMs: 1000, maxMs: 10_000 };
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffDelay(n, () => 0, policy))).toEqual([500, 1000, 2000, 4000, 5000, 5000]);
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffDelay(n, () => 0.999999, policy))).toEqual([1000, 2000, 4000, 8000, 10_000, 10_000]);
    expect(backoffDelay(1000, () => 0.5, policy)).toBe(7500);
  });
});
