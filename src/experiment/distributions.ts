/**
 * The few distribution functions the experiment statistics need, from jStat (which
 * ships no types: this module is the one typed door to it). jStat's normal CDF uses
 * erf to double precision, unlike simple-statistics' 2-decimal lookup table.
 */
import { createRequire } from 'node:module';

interface JStat {
  normal: { cdf(x: number, mean: number, sd: number): number; inv(p: number, mean: number, sd: number): number };
  betaln(a: number, b: number): number;
  ibeta(x: number, a: number, b: number): number;
}

const { jStat } = createRequire(import.meta.url)('jstat') as { jStat: JStat };

/** Φ(x), the standard normal CDF. */
export const normalCdf = (x: number): number => jStat.normal.cdf(x, 0, 1);
/** Φ⁻¹(p). */
export const normalQuantile = (p: number): number => jStat.normal.inv(p, 0, 1);
/** ln B(a, b). */
export const logBeta = (a: number, b: number): number => jStat.betaln(a, b);
/** The regularized incomplete beta I_x(a, b): the Beta(a, b) CDF at x. */
export const betaCdf = (x: number, a: number, b: number): number => jStat.ibeta(x, a, b);

/** Standard normal draws from a uniform source (Box–Muller). */
export function normalSampler(random: () => number): () => number {
  let spare: number | null = null;
  return () => {
    if (spare !== null) {
      const s = spare;
      spare = null;
      return s;
    }
    const u = 1 - random();
    const v = random();
    const r = Math.sqrt(-2 * Math.log(u));
    spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  };
}

/** A Beta(a, b) draw for integer-ish a, b via two Gamma draws (Marsaglia–Tsang). */
export function betaSampler(random: () => number): (a: number, b: number) => number {
  const normal = normalSampler(random);
  const gamma = (shape: number): number => {
    if (shape < 1) return gamma(shape + 1) * Math.pow(random(), 1 / shape);
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      let x: number;
      let v: number;
      do {
        x = normal();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const u = random();
      if (u < 1 - 0.0331 * x ** 4 || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
    }
  };
  return (a, b) => {
    const x = gamma(a);
    return x / (x + gamma(b));
  };
}
