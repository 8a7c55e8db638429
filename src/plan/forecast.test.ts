import { describe, expect, it } from 'vitest';
import { expectedForMonth, forecastCurve, monotoneInterpolator, quarterMonths } from './forecast.ts';
import { KpiSchema } from './plan-schema.ts';

describe('monotoneInterpolator', () => {
  it('passes through the sketched points and is linear on linear data', () => {
    const f = monotoneInterpolator([0, 1, 2, 3], [0, 10, 20, 30]);
    expect(f(1)).toBe(10);
    expect(f(1.5)).toBeCloseTo(15, 10);
    expect(f(2.25)).toBeCloseTo(22.5, 10);
  });

  it('never overshoots a monotone sketch (a natural cubic spline would)', () => {
    const xs = [0, 1, 2, 3, 4];
    const ys = [0, 0, 1, 1, 1]; // a step: splines ring around it
    const f = monotoneInterpolator(xs, ys);
    let last = -Infinity;
    for (let x = 0; x <= 4; x += 0.01) {
      const y = f(x);
      expect(y).toBeGreaterThanOrEqual(last - 1e-12);
      expect(y).toBeGreaterThanOrEqual(0);
      expect(y).toBeLessThanOrEqual(1);
      last = y;
    }
    // Hand-computed: on [1,2] both tangents are 0 after the flat neighbours, so the
    // Hermite basis gives y(1.5) = 3t² − 2t³ at t = .5 = 0.5 exactly.
    expect(f(1.5)).toBeCloseTo(0.5, 12);
  });

  it('stays flat outside the sketch', () => {
    const f = monotoneInterpolator([1, 2], [5, 7]);
    expect(f(0)).toBe(5);
    expect(f(9)).toBe(7);
  });
});

describe('KPI expectations', () => {
  it('spreads a quarterly flow target over its months', () => {
    const kpi = KpiSchema.parse({ id: 'm', name: 'M', metric: 'mentions', targets: [{ quarter: '2026-Q1', value: 90 }] });
    expect(quarterMonths('2026-Q1')).toEqual(['2026-01', '2026-02', '2026-03']);
    expect(expectedForMonth(kpi, '2026-02')).toBe(30);
  });

  it('draws the path through a user sketch', () => {
    const kpi = KpiSchema.parse({
      id: 'f',
      name: 'Followers',
      metric: 'followers',
      forecast: [
        { month: '2026-01', value: 100 },
        { month: '2026-04', value: 400 },
        { month: '2026-07', value: 500 },
      ],
    });
    const curve = forecastCurve(kpi, '2026-01', '2026-07', 2);
    expect(curve).toHaveLength(13);
    expect(curve[0]).toMatchObject({ month: '2026-01', expected: 100, sketched: true });
    expect(curve.at(-1)).toMatchObject({ month: '2026-07', expected: 500, sketched: true });
    for (let i = 1; i < curve.length; i++) expect(curve[i]!.expected).toBeGreaterThanOrEqual(curve[i - 1]!.expected);
  });
});
