/**
 * Peeking protection. Looking at a running test every day and stopping at the first
 * p < 0.05 inflates false positives to 20–30 %. Murmur uses O'Brien–Fleming group
 * sequential boundaries: at information fraction t (the share of the planned run or
 * sample observed) the result counts only if |z| ≥ C_K / √t, where C_K makes the
 * overall false-positive rate exactly alpha over K equally spaced looks. Early looks
 * need overwhelming evidence; the last look needs only slightly more than 1.96.
 *
 * C_K has no closed form; it is found here by simulating the K looks of a Brownian
 * motion under H0 with a seeded RNG and bisecting on the crossing probability. The
 * tests check it against Jennison & Turnbull (2000), Table 2.3.
 */
import { normalQuantile, normalSampler, seededRandom } from './distributions.ts';

const cache = new Map<string, number>();

export function obrienFlemingConstant(looks: number, alpha = 0.05, paths = 200_000, seed = 20260101): number {
  if (!Number.isInteger(looks) || looks < 1 || looks > 50) throw new RangeError('looks must be an integer from 1 to 50');
  if (looks === 1) return normalQuantile(1 - alpha / 2);
  const key = `${looks}:${alpha}:${paths}:${seed}`;
  const cached = cache.get(key);
  if (cached !== undefined) return cached;
  // For each simulated path keep max_k |S_k| / √k · √(k/K)... i.e. the C that path would need to cross.
  const normal = normalSampler(seededRandom(seed));
  const needed = new Float64Array(paths);
  for (let p = 0; p < paths; p++) {
    let sum = 0;
    let worst = 0;
    for (let k = 1; k <= looks; k++) {
      sum += normal();
      // Z_k = S_k/√k, t_k = k/K: the path crosses C/√t_k when |Z_k|·√t_k ≥ C.
      const c = (Math.abs(sum) / Math.sqrt(k)) * Math.sqrt(k / looks);
      if (c > worst) worst = c;
    }
    needed[p] = worst;
  }
  needed.sort();
  // C is the (1 − alpha) quantile of the per-path requirement.
  const constant = needed[Math.min(paths - 1, Math.ceil((1 - alpha) * paths))]!;
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
