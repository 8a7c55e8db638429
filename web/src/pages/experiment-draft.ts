/**
 * What the new-experiment form holds (text, as typed) and the ExperimentInput it sends.
 * The rules are not here: the form checks the input with the API's ExperimentInputSchema
 * (src/experiment/experiment-schema.ts), so a number typed badly stays NaN and the schema
 * names it, and an empty optional field is left out so the schema's default applies.
 */
import type { ExperimentInput } from '../../../src/experiment/experiment-schema.ts';

export interface GuardrailDraft {
  name: string;
  measure: 'mentions' | 'engagement';
  topic: string;
  source: string;
  maxDropPct: string;
}

export interface ExperimentDraft {
  name: string;
  hypothesis: string;
  tactic: string;
  ridesOn: string;
  /** A campaign id, or '' for none. */
  campaign: string;
  start: string;
  end: string;
  budgetMoney: string;
  budgetHours: string;
  metricKind: 'count' | 'rate';
  measure: 'mentions' | 'engagement';
  topic: string;
  source: string;
  hashtag: string;
  rateName: string;
  preDays: string;
  controlDescription: string;
  guardrails: GuardrailDraft[];
  alpha: string;
  plannedLooks: string;
  baselineRate: string;
  minimumLift: string;
  trialsPerDayPerArm: string;
  competitorsMayCopy: string;
}

export const emptyGuardrail = (): GuardrailDraft => ({ name: '', measure: 'mentions', topic: '', source: '', maxDropPct: '' });

export const emptyExperiment = (): ExperimentDraft => ({
  name: '',
  hypothesis: '',
  tactic: '',
  ridesOn: '',
  campaign: '',
  start: '',
  end: '',
  budgetMoney: '',
  budgetHours: '',
  metricKind: 'count',
  measure: 'mentions',
  topic: '',
  source: '',
  hashtag: '',
  rateName: '',
  preDays: '',
  controlDescription: '',
  guardrails: [],
  alpha: '',
  plannedLooks: '',
  baselineRate: '',
  minimumLift: '',
  trialsPerDayPerArm: '',
  competitorsMayCopy: '',
});

/** '' → left out (the schema's default); anything else → a number, NaN when it is not one. */
export function numberOrUnset(text: string): number | undefined {
  return text.trim() === '' ? undefined : Number(text.trim().replace(',', '.'));
}

const text = (value: string) => (value.trim() === '' ? undefined : value);

/** Only the keys that have a value: `{ a: undefined }` would be refused by a strict schema. */
function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

function scopeOf(d: { topic: string; source: string; hashtag?: string }) {
  return defined({ topic: text(d.topic), source: text(d.source), hashtag: text(d.hashtag ?? '') });
}

export function experimentInput(d: ExperimentDraft): ExperimentInput {
  const planned = [d.baselineRate, d.minimumLift, d.trialsPerDayPerArm].some((v) => v.trim() !== '');
  return defined({
    name: d.name,
    hypothesis: d.hypothesis,
    tactic: d.tactic,
    ridesOn: d.ridesOn,
    campaign: d.campaign === '' ? undefined : Number(d.campaign),
    start: d.start,
    end: text(d.end),
    budgetMoney: numberOrUnset(d.budgetMoney),
    budgetHours: numberOrUnset(d.budgetHours),
    metric: d.metricKind === 'count' ? { kind: 'count' as const, measure: d.measure, scope: scopeOf(d) } : { kind: 'rate' as const, name: d.rateName },
    baseline:
      d.metricKind === 'count'
        ? defined({ kind: 'pre-period' as const, days: numberOrUnset(d.preDays) })
        : defined({ kind: 'control' as const, description: text(d.controlDescription) }),
    guardrails: d.guardrails.map((g) => defined({ name: g.name, measure: g.measure, scope: scopeOf(g), maxDropPct: numberOrUnset(g.maxDropPct) })),
    alpha: numberOrUnset(d.alpha),
    plannedLooks: numberOrUnset(d.plannedLooks),
    planning:
      d.metricKind === 'rate' && planned
        ? { baselineRate: numberOrUnset(d.baselineRate) ?? Number.NaN, minimumLift: numberOrUnset(d.minimumLift) ?? Number.NaN, trialsPerDayPerArm: numberOrUnset(d.trialsPerDayPerArm) ?? Number.NaN }
        : undefined,
    competitorsMayCopy: text(d.competitorsMayCopy),
  }) as ExperimentInput;
}
