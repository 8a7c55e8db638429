import { describe, expect, it } from 'vitest';
import type { ExperimentAnalysis } from '../../experiment/analysis.ts';
import { twoProportionTest } from '../../experiment/rates.ts';
import { renderAnalysis } from './experiment.ts';

const analysis = (successes: [number, number]): ExperimentAnalysis => {
  const baseline = { successes: successes[0], trials: 100 };
  const variant = { successes: successes[1], trials: 100 };
  return {
    experimentId: 1, name: 'CTA', status: 'ended', analysedAt: 0, informationFraction: 1, decision: 'not enough data yet', direction: null,
    rate: { ...twoProportionTest(baseline, variant), baseline, variant, probabilityToBeat: 0.5 },
    count: null, sequential: null, planning: null, guardrails: [], guardrailFlag: null,
    feedback: { responses: 0, questions: [] }, suggestedVerdict: null, reasons: [],
  };
};

describe('renderAnalysis', () => {
  it('says why there is no z-test instead of printing z = 0, p = 1', () => {
    const text = renderAnalysis(analysis([0, 0]));
    expect(text).toContain('no conversions in either arm: nothing to test');
    expect(text).not.toMatch(/z = |p = /);
  });

  it('prints z and p when the test ran', () => {
    // 0/100 vs 1/100: z = 1.0025, p = 0.3161 (see rates.test.ts).
    expect(renderAnalysis(analysis([0, 1]))).toContain('z = 1.00, p = 0.3161');
  });
});
