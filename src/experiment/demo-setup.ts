/**
 * The Experiment part of `murmur demo`: the Brewly Baristas advocacy programme run as a
 * time-boxed experiment on the sample stream (September), analysed once mid-run (the
 * peeking guard at work) and once at the end, with the suggested verdict recorded.
 */
import type { DemoSection, DemoStep } from '../demo/demo-step.ts';
import type { Store } from '../store/store.ts';
import { analyzeExperiment, type ExperimentAnalysis } from './analysis.ts';
import type { ExperimentInput } from './experiment-schema.ts';
import { createExperiment, type Experiment } from './experiments.ts';
import { decideExperiment } from './verdict.ts';

export const demoExperimentInput: ExperimentInput = {
  name: 'Brewly Baristas on Bluesky',
  hypothesis: 'Customers answering questions as Brewly Baristas raise Bluesky mentions of Brewly by at least 10% within four weeks',
  tactic: 'Brewly Baristas advocacy programme',
  ridesOn: 'bluesky',
  campaign: 'brewly-baristas',
  start: '2026-09-02',
  end: '2026-09-30',
  budgetMoney: 2500,
  budgetHours: 60,
  metric: { kind: 'count', measure: 'mentions', scope: { topic: 'Brewly', source: 'bluesky' } },
  baseline: { kind: 'pre-period', days: 28 },
  guardrails: [
    { name: 'Reddit conversation', measure: 'mentions', scope: { topic: 'Brewly', source: 'reddit' }, maxDropPct: 20 },
    { name: 'Mastodon engagement', measure: 'engagement', scope: { topic: 'Brewly', source: 'mastodon' }, maxDropPct: 20 },
  ],
  plannedLooks: 4,
  competitorsMayCopy: 'Kaffio could copy the format within a month; our head start is the baristas we recruited and their languages',
};

export interface DemoExperiment {
  experiment: Experiment;
  midRun: ExperimentAnalysis;
  final: ExperimentAnalysis;
}

/** Needs the demo campaigns (ROI step) for the campaign link; without them the experiment is created unlinked. */
export async function setupDemoExperiment(store: Store, workspaceId: number): Promise<DemoExperiment> {
  const hasCampaign = await store.db.selectFrom('campaigns').select('id').where('workspace_id', '=', workspaceId).where('utm_campaign', '=', 'brewly-baristas').executeTakeFirst();
  const input = hasCampaign ? demoExperimentInput : { ...demoExperimentInput, campaign: undefined };
  const created = await createExperiment(store, workspaceId, input, 'maya', Date.parse('2026-08-28T09:00:00Z'));
  const midRun = await analyzeExperiment(store, workspaceId, created.id, Date.parse('2026-09-05T00:00:00Z'));
  const end = created.endAt;
  const final = await analyzeExperiment(store, workspaceId, created.id, end);
  const verdict = final.suggestedVerdict ?? 'iterate';
  const { experiment } = await decideExperiment(store, workspaceId, created.id, { verdict, reasoning: final.reasons.join('; ') }, end);
  return { experiment, midRun, final };
}

const pct = (x: number) => `${x >= 0 ? '+' : ''}${(100 * x).toFixed(1)}%`;

export const demoExperimentStep: DemoStep = async ({ store, workspaceId }): Promise<DemoSection> => {
  const demo = await setupDemoExperiment(store, workspaceId);
  const { midRun, final, experiment } = demo;
  const line = (a: ExperimentAnalysis, label: string) =>
    a.count
      ? `  ${label}: ${a.count.observed.toLocaleString('en')} mentions vs ${Math.round(a.count.expected).toLocaleString('en')} expected (${pct(a.count.lift)}, 95% CI ${pct(a.count.ci[0])} to ${pct(a.count.ci[1])}); |z| ${Math.abs(a.count.z).toFixed(2)} vs boundary ${a.sequential?.boundary.toFixed(2) ?? '—'} → ${a.decision}`
      : `  ${label}: ${a.decision}`;
  return {
    title: `Experiment: ${experiment.name} (${experiment.tactic}, ${new Date(experiment.startAt).toISOString().slice(0, 10)} → ${new Date(experiment.endAt).toISOString().slice(0, 10)})`,
    lines: [
      line(midRun, 'day 3 (peeking)'),
      line(final, 'end of run     '),
      ...final.guardrails.map((g) => `  guardrail ${g.name}: ${g.note}${g.breached ? ' — BREACHED' : ''}`),
      ...(final.guardrailFlag ? ['  ⚠ you are diverting energy from what works'] : []),
      `  verdict: ${experiment.verdict?.toUpperCase()} — competitors may copy: ${experiment.competitorsMayCopy}`,
    ],
    data: demo,
  };
};
