import { expect, it } from 'vitest';
import { createTopic, storeMentions } from '../plan/test-fixtures.ts';
import { ValidationError } from '../core/validation.ts';
import { describeEachStore } from '../store/testing.ts';
import { analyzeExperiment } from './analysis.ts';
import type { ExperimentInput } from './experiment-schema.ts';
import { addObservation, createExperiment, getExperiment } from './experiments.ts';
import { feedbackForm, submitFeedback } from './feedback.ts';
import { decideExperiment } from './verdict.ts';

const WEEK = [6, 8, 7, 9, 8, 3, 2]; // Monday … Sunday
const day = (offset: number) => new Date(Date.UTC(2026, 1, 2) + offset * 86_400_000).toISOString().slice(0, 10); // 2026-02-02 is a Monday

const countExperiment: ExperimentInput = {
  name: 'Short videos',
  hypothesis: 'Short recipe videos raise mentions by 30% within two weeks',
  tactic: 'Short recipe videos',
  ridesOn: 'mastodon',
  start: day(28),
  end: day(42),
  budgetMoney: 300,
  budgetHours: 12,
  metric: { kind: 'count', measure: 'mentions', scope: { topic: 'videos' } },
  guardrails: [{ name: 'Core channel', measure: 'mentions', scope: { topic: 'core' }, maxDropPct: 20 }],
  competitorsMayCopy: 'Easy to copy: no unique asset',
};

describeEachStore('experiments', (open) => {
  it('refuses an experiment without an end date, naming the field', async () => {
    const store = await open();
    const { end: _end, ...noEnd } = countExperiment;
    const error = await createExperiment(store, 1, noEnd).catch((e) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.message).toMatch(/end: an experiment is time-boxed: give its end date/);
    await expect(createExperiment(store, 1, { ...countExperiment, end: day(20) })).rejects.toThrow(/end: must be at least one day after the start/);
    expect(await store.db.selectFrom('experiments').selectAll().execute()).toEqual([]);
  });

  it('finds a real lift against the seasonal pre-period, flags a hurt core channel, and records the verdict', async () => {
    const store = await open();
    const videos = await createTopic(store, 1, 'videos');
    const core = await createTopic(store, 1, 'core');
    const days = (from: number, to: number, factor: number) =>
      Array.from({ length: to - from }, (_, i) => ({ at: day(from + i), count: Math.round(WEEK[(from + i) % 7]! * factor) }));
    await storeMentions(store, 1, videos, [...days(0, 28, 1), ...days(28, 42, 1.8)]);
    await storeMentions(store, 1, core, [...days(0, 28, 2), ...days(28, 42, 1)]);
    const experiment = await createExperiment(store, 1, countExperiment, 'ana');

    // Day 3 of 14: a lift is visible but too early to call: the peeking guard says wait.
    const early = await analyzeExperiment(store, 1, experiment.id, Date.parse(`${day(31)}T00:00:00Z`));
    expect(early.status).toBe('running');
    expect(early.decision).toBe('not enough data yet');
    expect(early.reasons.join(' ')).toMatch(/stopping now would be peeking/);

    const end = Date.parse(`${day(42)}T00:00:00Z`);
    const final = await analyzeExperiment(store, 1, experiment.id, end);
    expect(final.status).toBe('ended');
    expect(final.count!.expected).toBe(86); // two weeks of WEEK
    expect(final.count!.lift).toBeGreaterThan(0.6);
    expect(final).toMatchObject({ decision: 'significant', direction: 'better' });
    expect(final.guardrails[0]).toMatchObject({ name: 'Core channel', breached: true });
    expect(final.guardrails[0]!.changePct).toBeCloseTo(-50, 0);
    expect(final.guardrailFlag).toMatch(/you are diverting energy from what works/);
    expect(final.suggestedVerdict).toBe('iterate');

    const decided = await decideExperiment(store, 1, 'Short videos', { verdict: 'iterate', reasoning: 'Works, but the core channel suffered' }, end);
    expect(decided.experiment).toMatchObject({ verdict: 'iterate', competitorsMayCopy: 'Easy to copy: no unique asset', verdictAt: end });
    expect((decided.experiment.verdictEvidence as { analysis: { decision: string } }).analysis.decision).toBe('significant');
  });

  it('analyses a rate experiment with its control arm and warns when the run is too short', async () => {
    const store = await open();
    const e = await createExperiment(store, 1, {
      name: 'CTA wording',
      hypothesis: 'A question in the CTA raises clicks',
      tactic: 'Question CTA',
      ridesOn: 'newsletter',
      start: '2026-03-02',
      end: '2026-03-16',
      metric: { kind: 'rate', name: 'clicks / opens' },
      planning: { baselineRate: 0.1, minimumLift: 0.02, trialsPerDayPerArm: 100 },
    });
    const planned = await analyzeExperiment(store, 1, e.id, Date.parse('2026-03-01'));
    expect(planned.planning).toMatchObject({ sampleSizePerArm: 3841, daysNeeded: 39, runDays: 14 });
    expect(planned.planning!.warning).toMatch(/the run is too short/);

    await addObservation(store, 1, e.id, { arm: 'baseline', on: '2026-03-03', successes: 50, trials: 1000 });
    await addObservation(store, 1, e.id, { arm: 'variant', on: '2026-03-03', successes: 70, trials: 1000 });
    const mid = await analyzeExperiment(store, 1, e.id, Date.parse('2026-03-09'));
    expect(mid.rate!.test).toMatchObject({ status: 'tested' });
    expect(mid.rate!.test.status === 'tested' && mid.rate!.test.z).toBeCloseTo(1.8831, 3);
    expect(mid.rate!.probabilityToBeat).toBeCloseTo(0.9699, 3);
    expect(mid.decision).toBe('not enough data yet');
    await expect(addObservation(store, 1, e.id, { arm: 'variant', on: '2026-03-04', successes: 7, trials: 5 })).rejects.toThrow(/successes: cannot exceed trials/);
  });

  it('reports a rate experiment with no conversions in either arm as untestable, not as z = 0', async () => {
    const store = await open();
    const e = await createExperiment(store, 1, {
      name: 'Dead link', hypothesis: 'A new CTA raises clicks', tactic: 'CTA', ridesOn: 'newsletter',
      start: '2026-03-02', end: '2026-03-16', metric: { kind: 'rate', name: 'clicks / opens' },
    });
    await addObservation(store, 1, e.id, { arm: 'baseline', on: '2026-03-03', successes: 0, trials: 100 });
    await addObservation(store, 1, e.id, { arm: 'variant', on: '2026-03-03', successes: 0, trials: 100 });
    const ended = await analyzeExperiment(store, 1, e.id, Date.parse('2026-03-20'));
    expect(ended.rate!.test).toEqual({ status: 'untestable', reason: 'no conversions in either arm: nothing to test' });
    expect(ended.decision).toBe('not enough data yet');
    expect(ended.direction).toBeNull();
    expect(ended.sequential).toBeNull();
    expect(ended.reasons).toContain('no conversions in either arm: nothing to test');
    expect(JSON.parse(JSON.stringify(ended)).rate.test).toEqual({ status: 'untestable', reason: 'no conversions in either arm: nothing to test' });
  });

  it('collects audience feedback through the public token and summarises it', async () => {
    const store = await open();
    await createTopic(store, 1, 'videos');
    await createTopic(store, 1, 'core');
    const e = await createExperiment(store, 1, countExperiment);
    const now = Date.parse(`${day(30)}T00:00:00Z`);
    const form = await feedbackForm(store, e.feedbackToken, now);
    expect(form).toMatchObject({ title: 'Short recipe videos', open: true });
    expect(JSON.stringify(form)).not.toMatch(/hypothesis|budget/i);
    await submitFeedback(store, e.feedbackToken, { useful: 5, more: 'yes', comment: 'More please' }, now);
    await submitFeedback(store, e.feedbackToken, { useful: '3', more: 'no' }, now);
    await expect(submitFeedback(store, e.feedbackToken, { useful: 9 }, now)).rejects.toThrow(/answers\.useful/);
    await expect(submitFeedback(store, e.feedbackToken, { email: 'a@b.c' }, now)).rejects.toThrow(/answers/);
    await expect(submitFeedback(store, 'x'.repeat(24), { useful: 4 }, now)).rejects.toThrow(/no feedback form/);
    const analysis = await analyzeExperiment(store, 1, (await getExperiment(store, 1, e.id)).id, now);
    expect(analysis.feedback.responses).toBe(2);
    expect(analysis.feedback.questions[0]).toMatchObject({ mean: 4, distribution: { 1: 0, 2: 0, 3: 1, 4: 0, 5: 1 } });
    expect(analysis.feedback.questions[1]).toMatchObject({ counts: { yes: 1, maybe: 0, no: 1 } });
    expect(analysis.feedback.questions[2]).toMatchObject({ answers: 1, latest: ['More please'] });
  });
});
