import { describe, expect, it } from 'vitest';
import { ExperimentInputSchema } from '../../../src/experiment/experiment-schema.ts';
import { schemaIssues } from '../components/schema-issues.tsx';
import { emptyExperiment, emptyGuardrail, experimentInput, type ExperimentDraft } from './experiment-draft.ts';

const filled = (patch: Partial<ExperimentDraft> = {}): ExperimentDraft => ({
  ...emptyExperiment(),
  name: 'Newsletter CTA',
  hypothesis: 'A clearer button gets more clicks',
  tactic: 'New call to action',
  ridesOn: 'newsletter',
  start: '2026-03-01',
  end: '2026-03-29',
  ...patch,
});

describe('the new-experiment form', () => {
  it('refuses an experiment without an end date with the API schema’s own message', () => {
    expect(schemaIssues(ExperimentInputSchema, experimentInput(filled({ end: '' })))).toEqual([
      { path: 'end', message: 'an experiment is time-boxed: give its end date (YYYY-MM-DD)' },
    ]);
  });

  it('sends a count experiment with its pre-period, scope and guardrails, leaving empty fields to the defaults', () => {
    const input = experimentInput(
      filled({
        topic: 'Brewly',
        preDays: '42',
        budgetMoney: '1 500',
        guardrails: [{ ...emptyGuardrail(), name: 'Blog holds', source: 'rss', maxDropPct: '15' }],
      }),
    );
    expect(input).toMatchObject({
      metric: { kind: 'count', measure: 'mentions', scope: { topic: 'Brewly' } },
      baseline: { kind: 'pre-period', days: 42 },
      guardrails: [{ name: 'Blog holds', measure: 'mentions', scope: { source: 'rss' }, maxDropPct: 15 }],
    });
    expect(input).not.toHaveProperty('alpha');
    // "1 500" is not a number: the schema names the field rather than the form guessing.
    expect(schemaIssues(ExperimentInputSchema, input).map((i) => i.path)).toEqual(['budgetMoney']);
    expect(schemaIssues(ExperimentInputSchema, experimentInput(filled({ topic: 'Brewly', budgetMoney: '1500' })))).toEqual([]);
  });

  it('sends a rate experiment against a control arm, with its planning when any of it is given', () => {
    const input = experimentInput(filled({ metricKind: 'rate', rateName: 'clicks / opens', baselineRate: '0.1', minimumLift: '0,02', trialsPerDayPerArm: '500' }));
    expect(input).toMatchObject({ metric: { kind: 'rate', name: 'clicks / opens' }, baseline: { kind: 'control' }, planning: { baselineRate: 0.1, minimumLift: 0.02, trialsPerDayPerArm: 500 } });
    expect(schemaIssues(ExperimentInputSchema, input)).toEqual([]);
    const partial = experimentInput(filled({ metricKind: 'rate', rateName: 'clicks / opens', baselineRate: '0.1' }));
    expect(schemaIssues(ExperimentInputSchema, partial).map((i) => i.path)).toEqual(['planning.minimumLift', 'planning.trialsPerDayPerArm']);
  });

  it('reports a guardrail’s problem at its path', () => {
    const input = experimentInput(filled({ guardrails: [emptyGuardrail()] }));
    expect(schemaIssues(ExperimentInputSchema, input).map((i) => i.path)).toEqual(['guardrails[0].name']);
  });
});
