import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ExperimentAnalysis } from '../../experiment/analysis.ts';
import { twoProportionTest } from '../../experiment/rates.ts';
import { cliHarness } from '../cli-testing.ts';
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

describe('murmur experiment size', () => {
  const cli = cliHarness('experiment-size');

  it('prints the trials and days per arm, and the detectable lift, from the shared contract', async () => {
    expect(await cli.murmur('experiment', 'size', '--baseline-rate', '0.1', '--lift', '0.02', '--trials', '5000', '--trials-per-day', '250', '--json')).toBe(0);
    const answer = JSON.parse(cli.out);
    // Fleiss without continuity correction, 10 % → 12 %, α 0.05, power 0.8: 3,841 per arm.
    expect(answer).toMatchObject({ baselineRate: 0.1, alpha: 0.05, power: 0.8, sampleSizePerArm: 3841, daysNeeded: 16, trials: 5000 });
    expect(answer.detectableLift).toBeCloseTo(0.0174, 3);
    expect(await cli.murmur('experiment', 'size', '--baseline-rate', '0.1', '--lift', '0.02', '--trials-per-day', '250')).toBe(0);
    expect(cli.out).toContain('3,841 trials per arm to detect 10.0% → 12.0% (α 0.05, power 0.8): 16 days at 250 a day');
  });

  it('refuses a lift that takes the rate past 100 %, naming the flag', async () => {
    expect(await cli.murmur('experiment', 'size', '--baseline-rate', '0.9', '--lift', '0.2')).toBe(1);
    expect(cli.err).toContain('lift: the baseline rate plus the lift must stay below 1');
    expect(await cli.murmur('experiment', 'size', '--baseline-rate', 'ten')).toBe(1);
    expect(cli.err).toContain('baselineRate');
  });
});

describe('murmur experiment feedback', () => {
  const cli = cliHarness('experiment-feedback');
  beforeEach(() => vi.useFakeTimers({ toFake: ['Date'], now: Date.parse('2026-06-15T12:00:00Z') }));
  afterEach(() => vi.useRealTimers());

  it('prints the public page to share, not the JSON route, and gives it as formUrl with --json', async () => {
    expect(await cli.murmur('experiment', 'create', 'Teasers', '--hypothesis', 'teasers help', '--tactic', 'TikTok teasers', '--rides-on', 'instagram', '--start', '2026-06-15', '--end', '2026-06-29', '--json')).toBe(0);
    expect(await cli.murmur('experiment', 'feedback', 'Teasers', '--base-url', 'https://listen.example.org', '--answer', 'useful=4', '--json')).toBe(0);
    const answer = JSON.parse(cli.out);
    expect(answer.formUrl).toBe(`https://listen.example.org/feedback/${answer.token}`);
    expect(answer.formPath).toBe(`/api/v1/public/feedback/${answer.token}`);
    expect(answer.summary.responses).toBe(1);
    expect(await cli.murmur('experiment', 'feedback', 'Teasers', '--base-url', 'https://listen.example.org')).toBe(0);
    expect(cli.out).toContain(`public feedback page: https://listen.example.org/feedback/${answer.token}`);
    expect(cli.out).not.toContain('/api/v1');
    // No --base-url and no MURMUR_PUBLIC_URL: serve's default address, said to be a guess.
    expect(await cli.murmur('experiment', 'feedback', 'Teasers', '--json')).toBe(0);
    expect(JSON.parse(cli.out)).toMatchObject({ formUrl: `http://127.0.0.1:8080/feedback/${answer.token}`, publicUrlGuessed: true });
    expect(await cli.murmur('experiment', 'feedback', 'Teasers')).toBe(0);
    expect(cli.out).toContain('MURMUR_PUBLIC_URL is not set');
    expect(await cli.murmur('experiment', 'feedback', 'Teasers', '--base-url', 'listen.example.org')).toBe(1);
    expect(cli.err).toContain('--base-url: "listen.example.org" is not an absolute URL');
  });
});
