/**
 * Peeking protection. Looking at a running test every day and stopping at the first
 * p < 0.05 inflates false positives to 20–30 %. Murmur uses O'Brien–Fleming group
 * sequential boundaries: at information fraction t (the share of the planned run or
 * sample observed) the result counts only if |z| ≥ C_K / √t, where C_K makes the
 * overall false-positive rate exactly alpha over K equally spaced looks. Early looks
 * need overwhelming evidence; the last look needs only slightly more than 1.96.
 *
 * C_K has no closed form. With equally spaced looks, |Z_k| ≥ C_K·√(K/k) is the same as
 * |S_k| ≥ C_K·√K for the partial sums S_k of K standard normal steps, so
 *   P(no crossing) = ∫ f_K, where f_1 = φ and f_{k+1}(s) = ∫_{−B}^{B} f_k(u) φ(s − u) du,
 * with B = C_K·√K (Armitage, McPherson & Rowe 1969). The densities are propagated on a
 * grid (Simpson's rule) and C_K found by bisection; the tests check it against
 * Jennison & Turnbull (2000), Table 2.3.
 */
import { normalQuantile } from './distributions.ts';
import { ValidationError } from '../core/validation.ts';

const GRID = 401; // odd, for Simpson's rule; accurate to 4 decimals of C_K
const cache = new Map<string, number>();
const phi = (x: number) => Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);

/** P(max_k |S_k| < bound) for a random walk of `looks` standard normal steps. */
function probabilityInside(looks: number, bound: number): number {
  const h = (2 * bound) / (GRID - 1);
  const grid = Float64Array.from({ length: GRID }, (_, i) => -bound + i * h);
  const weights = Float64Array.from({ length: GRID }, (_, i) => ((i === 0 || i === GRID - 1 ? 1 : i % 2 ? 4 : 2) * h) / 3);
  // φ(s_i − s_j) depends on i − j only: one table instead of GRID² exponentials per look.
  const kernel = Float64Array.from({ length: 2 * GRID - 1 }, (_, d) => phi((d - (GRID - 1)) * h));
  let density = grid.map(phi);
  for (let k = 1; k < looks; k++) {
    const weighted = density.map((f, j) => f * weights[j]!);
    const next = new Float64Array(GRID);
    for (let i = 0; i < GRID; i++) {
      let sum = 0;
      const offset = i + GRID - 1;
      for (let j = 0; j < GRID; j++) sum += weighted[j]! * kernel[offset - j]!;
      next[i] = sum;
    }
    density = next;
  }
  let total = 0;
  for (let i = 0; i < GRID; i++) total += weights[i]! * density[i]!;
  return total;
}

export function obrienFlemingConstant(looks: number, alpha = 0.05): number {
  if (!Number.isInteger(looks) || looks < 1 || looks > 50) throw new ValidationError('looks must be an integer from 1 to 50');
  if (!(alpha > 0 && alpha < 1)) throw new ValidationError('alpha must be between 0 and 1');
  if (looks === 1) return normalQuantile(1 - alpha / 2);
  const key = `${looks}:${alpha}`;
  const cached = cache.get(key);
  if (cached !== undefined) return cached;
  let lo = normalQuantile(1 - alpha / 2);
  let hi = lo + 1.5;
  for (let i = 0; i < 30; i++) {
    const mid = (lo + hi) / 2;
    if (1 - probabilityInside(looks, mid * Math.sqrt(looks)) > alpha) lo = mid;
    else hi = mid;
  }
  const constant = (lo + hi) / 2;
  cache.set(key, constant);
  return constant;
}

export interface SequentialLook {
  /** Share of the planned information observed, in (0, 1]. */
  informationFraction: number;
  /** |z| needed now. */
  boundary: number;
  crossed: boolean;
}

export function sequentialLook(z: number, informationFraction: number, looks: number, alpha = 0.05): SequentialLook {
  const t = Math.min(1, Math.max(1e-6, informationFraction));
  const boundary = obrienFlemingConstant(looks, alpha) / Math.sqrt(t);
  return { informationFraction: t, boundary, crossed: Math.abs(z) >= boundary };
}
