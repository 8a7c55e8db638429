/**
 * `murmur experiment …`: plan a safe, time-boxed experiment entirely from the command
 * line, feed it observations, analyse it (with the peeking guard) and record the verdict.
 */
import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import pc from 'picocolors';
import YAML from 'yaml';
import { analyzeExperiment, type ExperimentAnalysis } from '../../experiment/analysis.ts';
import type { ExperimentInput, Guardrail } from '../../experiment/experiment-schema.ts';
import { addObservation, createExperiment, getExperiment, listExperiments, type Experiment } from '../../experiment/experiments.ts';
import { feedbackSummary, submitFeedback, type FeedbackSummary } from '../../experiment/feedback.ts';
import { feedbackLinks } from '../../experiment/feedback-link.ts';
import { cliPublicBase, guessedBaseWarning } from '../../core/public-url.ts';
import { experimentSize, ExperimentSizeQuery, type ExperimentSize, type ExperimentSizeInput } from '../../experiment/size.ts';
import { decideExperiment } from '../../experiment/verdict.ts';
import { parseInput, toEpoch, ValidationError } from '../../core/validation.ts';
import { isoDates, output, UsageError } from '../context.ts';
import { author, collect, number, withUserStore } from './plan.ts';
import { SUMMARY } from '../summaries.ts';

/** Experiments keep epoch ms (the API and dashboard read them); --json prints ISO dates. */
function outputIso<T>(flags: { json?: boolean }, data: T, render: (data: T) => string): void {
  output(flags, data, render, isoDates);
}

const date = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const pct = (x: number) => `${x >= 0 ? '+' : ''}${(100 * x).toFixed(1)}%`;

const pctOf = (x: number) => `${(100 * x).toFixed(1)}%`;

function renderSize(r: ExperimentSize): string {
  return [
    r.sampleSizePerArm === null
      ? null
      : `${r.sampleSizePerArm.toLocaleString('en')} trials per arm to detect ${pctOf(r.baselineRate)} → ${pctOf(r.baselineRate + r.lift!)} (α ${r.alpha}, power ${r.power})${r.daysNeeded === null ? '' : `: ${r.daysNeeded} days at ${r.trialsPerDay!.toLocaleString('en')} a day`}`,
    r.detectableLift === null ? null : `${r.trials!.toLocaleString('en')} trials per arm detect +${(100 * r.detectableLift).toFixed(2)} pt over ${pctOf(r.baselineRate)}`,
  ]
    .filter(Boolean)
    .join('\n');
}

/** `NAME=MEASURE[:topic=T][:source=S][:hashtag=H][:max-drop=20]` */
export function parseGuardrail(spec: string): Guardrail {
  const eq = spec.indexOf('=');
  if (eq < 1) throw new UsageError(`--guardrail expects NAME=MEASURE[:source=S][:topic=T][:max-drop=PCT], got "${spec}"`);
  const [measure, ...options] = spec.slice(eq + 1).split(':');
  const g: Record<string, unknown> = { name: spec.slice(0, eq), measure, scope: {} };
  for (const option of options) {
    const [key, value] = option.split('=');
    if (!value) throw new UsageError(`--guardrail option "${option}" needs a value`);
    if (key === 'max-drop') g.maxDropPct = number('max-drop')(value);
    else if (key === 'topic' || key === 'source' || key === 'hashtag') (g.scope as Record<string, string>)[key] = value;
    else throw new UsageError(`--guardrail: unknown option "${key}" (topic, source, hashtag, max-drop)`);
  }
  return g as Guardrail;
}

function renderExperiment(e: Experiment): string {
  return [
    pc.bold(`#${e.id} ${e.name}`) + pc.dim(` ${date(e.startAt)} → ${date(e.endAt)}`),
    `  hypothesis: ${e.hypothesis}`,
    `  tactic: ${e.tactic} (rides on ${e.ridesOn}); budget ${e.budgetMoney} + ${e.budgetHours} h`,
    `  metric: ${e.metric.kind === 'count' ? `${e.metric.measure} ${JSON.stringify(e.metric.scope)} vs ${e.baseline.kind === 'pre-period' ? `${e.baseline.days}-day pre-period` : 'control'}` : `${e.metric.name} (rate) vs control arm`}`,
    `  guardrails: ${e.guardrails.map((g) => `${g.name} (${g.measure} ${JSON.stringify(g.scope)}, max drop ${g.maxDropPct}%)`).join('; ') || '—'}`,
    `  peeking guard: α = ${e.alpha}, ${e.plannedLooks} planned looks`,
    `  feedback link token: ${e.feedbackToken}`,
    `  competitors may copy: ${e.competitorsMayCopy ?? '—'}`,
    `  verdict: ${e.verdict ?? pc.dim('not yet')}`,
  ].join('\n');
}

function renderFeedback(f: FeedbackSummary): string {
  if (f.responses === 0) return 'feedback: no answers yet';
  return [
    `feedback: ${f.responses} answers`,
    ...f.questions.map((q) =>
      q.type === 'scale'
        ? `  ${q.label} ${q.mean === null ? '—' : q.mean.toFixed(1)} (${Object.entries(q.distribution).map(([k, v]) => `${k}:${v}`).join(' ')})`
        : q.type === 'choice'
          ? `  ${q.label} ${Object.entries(q.counts).map(([k, v]) => `${k} ${v}`).join(', ')}`
          : `  ${q.label} ${q.latest.map((t) => `“${t}”`).join(' ')}`,
    ),
  ].join('\n');
}

export function renderAnalysis(a: ExperimentAnalysis): string {
  const lines = [pc.bold(`${a.name}: ${a.status}, ${Math.round(a.informationFraction * 100)}% of the run observed`)];
  if (a.planning) lines.push(`  planning: ${a.planning.sampleSizePerArm} trials per arm (${a.planning.daysNeeded} days); detectable in this run: +${(100 * a.planning.detectableLift).toFixed(1)} pt`);
  if (a.rate)
    lines.push(
      `  control ${a.rate.baseline.successes}/${a.rate.baseline.trials} = ${(100 * a.rate.baselineRate).toFixed(2)}%, variant ${a.rate.variant.successes}/${a.rate.variant.trials} = ${(100 * a.rate.variantRate).toFixed(2)}%`,
      `  difference ${(100 * a.rate.difference).toFixed(2)} pt, ${Math.round(a.rate.confidence * 100)}% CI [${(100 * a.rate.ci[0]).toFixed(2)}, ${(100 * a.rate.ci[1]).toFixed(2)}] pt, ${a.rate.test.status === 'tested' ? `z = ${a.rate.test.z.toFixed(2)}, p = ${a.rate.test.pValue.toFixed(4)}` : a.rate.test.reason}`,
      `  P(variant beats control) = ${(100 * a.rate.probabilityToBeat).toFixed(1)}%`,
    );
  if (a.count)
    lines.push(
      `  observed ${a.count.observed} vs ${a.count.expected.toFixed(1)} expected from the same weekdays before: ${Number.isFinite(a.count.lift) ? `${pct(a.count.lift)} [${pct(a.count.ci[0])}, ${pct(a.count.ci[1])}]` : 'new activity (none before)'}, z = ${a.count.z.toFixed(2)}`,
    );
  if (a.sequential) lines.push(`  peeking guard: boundary |z| ≥ ${a.sequential.boundary.toFixed(2)} at this look`);
  lines.push(`  decision: ${a.decision === 'significant' ? pc.green(a.decision) : a.decision === 'not enough data yet' ? pc.yellow(a.decision) : a.decision}${a.direction ? ` (${a.direction})` : ''}`);
  for (const g of a.guardrails) lines.push(`  guardrail ${g.name}: ${g.breached ? pc.red(g.note) : g.note}`);
  if (a.guardrailFlag) lines.push(pc.red(`  ⚠ you are diverting energy from what works`));
  lines.push(`  ${renderFeedback(a.feedback)}`);
  lines.push(`  suggested verdict: ${a.suggestedVerdict ? pc.bold(a.suggestedVerdict) : pc.dim('none yet')}`);
  lines.push(...a.reasons.map((r) => pc.dim(`  · ${r}`)));
  return lines.join('\n');
}

interface CreateFlags {
  file?: string;
  hypothesis?: string;
  tactic?: string;
  ridesOn?: string;
  campaign?: string;
  start?: string;
  end?: string;
  budget?: number;
  hours?: number;
  metric: string;
  topic?: string;
  source?: string;
  hashtag?: string;
  preDays?: number;
  guardrail?: string[];
  alpha?: number;
  looks?: number;
  baselineRate?: number;
  lift?: number;
  trialsPerDay?: number;
  competitorsMayCopy?: string;
  as?: string;
  json?: boolean;
}

async function experimentInput(name: string, f: CreateFlags): Promise<ExperimentInput> {
  if (f.file) {
    const text = await readFile(f.file, 'utf8').catch(() => {
      throw new UsageError(`cannot read ${f.file}`);
    });
    let data: unknown;
    try {
      data = /\.ya?ml$/i.test(f.file) ? YAML.parse(text) : JSON.parse(text);
    } catch (error) {
      throw new UsageError(`${f.file} is not valid ${/\.ya?ml$/i.test(f.file) ? 'YAML' : 'JSON'}: ${(error as Error).message.split('\n')[0]}`);
    }
    if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new UsageError(`${f.file} must hold one experiment object`);
    return { ...(data as ExperimentInput), name };
  }
  const rate = f.metric.startsWith('rate:');
  const scope = Object.fromEntries(Object.entries({ topic: f.topic, source: f.source, hashtag: f.hashtag }).filter(([, v]) => v !== undefined));
  return {
    name,
    hypothesis: f.hypothesis ?? '',
    tactic: f.tactic ?? '',
    ridesOn: f.ridesOn ?? '',
    campaign: f.campaign,
    start: f.start ?? '',
    end: f.end,
    budgetMoney: f.budget,
    budgetHours: f.hours,
    metric: rate ? { kind: 'rate', name: f.metric.slice(5) } : { kind: 'count', measure: f.metric as 'mentions', scope },
    baseline: rate ? { kind: 'control' } : { kind: 'pre-period', days: f.preDays },
    guardrails: (f.guardrail ?? []).map(parseGuardrail),
    alpha: f.alpha,
    plannedLooks: f.looks,
    planning:
      f.baselineRate !== undefined || f.lift !== undefined || f.trialsPerDay !== undefined
        ? { baselineRate: f.baselineRate as number, minimumLift: f.lift as number, trialsPerDayPerArm: f.trialsPerDay as number }
        : undefined,
    competitorsMayCopy: f.competitorsMayCopy,
  };
}

export function registerExperiment(program: Command): void {
  const experiment = program.command('experiment').description(SUMMARY.experiment);

  experiment
    .command('create')
    .description('plan an experiment (end date required)')
    .argument('<name>')
    .option('--file <file>', 'read the whole experiment from JSON or YAML instead of flags')
    .option('--hypothesis <text>', 'what you expect and why')
    .option('--tactic <text>', 'the new channel or tactic')
    .option('--rides-on <channel>', 'the established channel it rides on')
    .option('--campaign <name>', 'the finite campaign it runs on')
    .option('--start <date>', 'YYYY-MM-DD')
    .option('--end <date>', 'YYYY-MM-DD (required: experiments are time-boxed)')
    .option('--budget <money>', 'money set aside', number('--budget'))
    .option('--hours <hours>', 'effort set aside', number('--hours'))
    .option('--metric <metric>', 'mentions | engagement (counted from the store) | rate:NAME (observed per arm)', 'mentions')
    .option('--topic <name>', 'count scope: topic')
    .option('--source <name>', 'count scope: source')
    .option('--hashtag <tag>', 'count scope: hashtag')
    .option('--pre-days <n>', 'pre-period baseline length in days', number('--pre-days'))
    .option('--guardrail <spec>', 'NAME=MEASURE[:source=S][:topic=T][:max-drop=PCT] on a core channel (repeatable)', collect)
    .option('--alpha <a>', 'significance level', number('--alpha'))
    .option('--looks <n>', 'how many times you will look before the end', number('--looks'))
    .option('--baseline-rate <p>', 'planning: expected control rate, e.g. 0.1', number('--baseline-rate'))
    .option('--lift <d>', 'planning: absolute lift to detect, e.g. 0.02', number('--lift'))
    .option('--trials-per-day <n>', 'planning: trials per arm per day', number('--trials-per-day'))
    .option('--competitors-may-copy <text>', 'how easily competitors may copy the tactic')
    .option('--as <name>', 'author')
    .option('--json', 'print JSON')
    .action((name: string, flags: CreateFlags, command: Command) =>
      withUserStore(command, async (store, ws) => {
        const created = await createExperiment(store, ws, await experimentInput(name, flags), author(flags));
        const analysis = await analyzeExperiment(store, ws, created.id);
        outputIso(flags, { experiment: created, planning: analysis.planning }, ({ experiment: e, planning }) =>
          `${renderExperiment(e)}${planning ? `\n  planning: ${planning.sampleSizePerArm} trials per arm, ${planning.daysNeeded} days needed${planning.warning ? pc.yellow(`\n  ⚠ ${planning.warning}`) : ''}` : ''}`,
        );
      }, { create: true }),
    );

  experiment
    .command('size')
    .description('before launch: trials per arm to detect a lift, or the lift a given sample can detect')
    .requiredOption('--baseline-rate <p>', 'expected control rate, e.g. 0.1')
    .option('--lift <d>', 'absolute lift to detect, e.g. 0.02')
    .option('--trials <n>', 'trials per arm you can get (gives the detectable lift)')
    .option('--trials-per-day <n>', 'trials each arm gets a day (gives the days needed)')
    .option('--alpha <a>', 'significance level', '0.05')
    .option('--power <p>', 'power', '0.8')
    .option('--json', 'print JSON')
    .action(({ json, ...flags }: ExperimentSizeInput & { json?: boolean }) => {
      try {
        // The API's contract, so both refuse and default the same way.
        const result = experimentSize(parseInput(ExperimentSizeQuery, flags, 'experiment size'));
        outputIso({ json }, result, renderSize);
      } catch (error) {
        if (error instanceof ValidationError) throw new UsageError(error.message);
        throw error;
      }
    });

  experiment.command('list').description('all experiments').option('--json', 'print JSON').action((flags: { json?: boolean }, command: Command) =>
    withUserStore(command, async (store, ws) => {
      const all = await listExperiments(store, ws);
      const now = Date.now();
      const status = (e: Experiment) => (e.verdict ? `verdict: ${e.verdict}` : now < e.startAt ? 'planned' : now < e.endAt ? 'running' : 'ended, awaiting verdict');
      outputIso(flags, all.map((e) => ({ ...e, status: status(e) })), (es) => es.map((e) => `#${e.id} ${e.name}  ${date(e.startAt)} → ${date(e.endAt)}  ${e.status}`).join('\n') || 'no experiments');
    }),
  );

  experiment.command('show').description('one experiment: plan, metric, guardrails, verdict').argument('<experiment>', 'id or name').option('--json', 'print JSON').action((ref: string, flags: { json?: boolean }, command: Command) =>
    withUserStore(command, async (store, ws) => outputIso(flags, await getExperiment(store, ws, ref), renderExperiment)),
  );

  experiment
    .command('analyze')
    .description('analyse now (or --at a date): statistics, peeking guard, guardrails, feedback, suggested verdict')
    .argument('<experiment>', 'id or name')
    .option('--at <date>', 'analyse as of this date')
    .option('--json', 'print JSON')
    .action((ref: string, flags: { at?: string; json?: boolean }, command: Command) =>
      withUserStore(command, async (store, ws) => outputIso(flags, await analyzeExperiment(store, ws, ref, flags.at ? toEpoch(flags.at) : Date.now()), renderAnalysis)),
    );

  experiment
    .command('observe')
    .description('record a day of a rate metric for one arm')
    .argument('<experiment>', 'id or name')
    .requiredOption('--arm <arm>', 'baseline | variant')
    .requiredOption('--successes <n>', 'e.g. clicks', number('--successes'))
    .requiredOption('--trials <n>', 'e.g. impressions', number('--trials'))
    .option('--on <date>', 'YYYY-MM-DD (default today)')
    .option('--json', 'print JSON')
    .action((ref: string, flags: { arm: string; successes: number; trials: number; on?: string; json?: boolean }, command: Command) =>
      withUserStore(command, async (store, ws) => {
        const observation = { arm: flags.arm as 'variant', on: flags.on ?? date(Date.now()), successes: flags.successes, trials: flags.trials };
        await addObservation(store, ws, ref, observation);
        outputIso(flags, observation, (o) => `recorded ${o.arm} ${o.successes}/${o.trials} on ${o.on}`);
      }),
    );

  experiment
    .command('verdict')
    .description('record adopt | iterate | drop, with the evidence')
    .argument('<experiment>', 'id or name')
    .argument('<verdict>', 'adopt | iterate | drop')
    .requiredOption('--why <text>', 'the reasoning')
    .option('--competitors-may-copy <text>', 'how easily competitors may copy it')
    .option('--at <date>', 'analyse as of this date')
    .option('--json', 'print JSON')
    .action((ref: string, verdict: string, flags: { why: string; competitorsMayCopy?: string; at?: string; json?: boolean }, command: Command) =>
      withUserStore(command, async (store, ws) => {
        const result = await decideExperiment(store, ws, ref, { verdict: verdict as 'adopt', reasoning: flags.why, competitorsMayCopy: flags.competitorsMayCopy }, flags.at ? toEpoch(flags.at) : Date.now());
        outputIso(flags, result, (r) => `${renderAnalysis(r.analysis)}\n${pc.bold(`verdict: ${r.experiment.verdict}`)} — ${flags.why}`);
      }),
    );

  experiment
    .command('feedback')
    .description('the public feedback page to share with the audience and the answers so far; --answer submits one response')
    .argument('<experiment>', 'id or name')
    .option('--answer <question=value>', 'submit a response (repeatable), e.g. --answer useful=4', collect)
    .option('--base-url <url>', 'the dashboard address the link starts with (default $MURMUR_PUBLIC_URL, else a guess: http://127.0.0.1:8080)')
    .option('--json', 'print JSON')
    .action((ref: string, flags: { answer?: string[]; baseUrl?: string; json?: boolean }, command: Command) =>
      withUserStore(command, async (store, ws) => {
        const e = await getExperiment(store, ws, ref);
        if (flags.answer?.length) {
          const answers = Object.fromEntries(flags.answer.map((a) => [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)]));
          await submitFeedback(store, e.feedbackToken, answers);
        }
        const summary = await feedbackSummary(store, e.id, e.feedbackQuestions);
        const base = cliPublicBase(flags.baseUrl);
        outputIso(flags, { token: e.feedbackToken, ...feedbackLinks(e.feedbackToken, base), publicUrlGuessed: base.guessed, questions: e.feedbackQuestions, summary }, (d) =>
          [`public feedback page: ${d.formUrl}`, ...(base.guessed ? [pc.dim(guessedBaseWarning(base)!)] : []), renderFeedback(d.summary)].join('\n'),
        );
      }),
    );
}
