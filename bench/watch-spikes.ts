/**
 * `npm run bench:spikes`: precision and recall of the spike detector on ground truth.
 *
 * 1. The sample stream (weekday-heavy seasonality) and a second sample stream with a
 *    weekend-heavy week and another seed: per topic, daily series of volume and of negative
 *    volume; the events of src/demo/ground-truth.ts are the truth (crisis, campaign launch
 *    burst, competitor launch week); every other detection is a false alarm.
 * 2. Generated count series (two weekly profiles × three volumes × many seeds, daily and
 *    hourly) with injected rises and drops.
 * Each against the plain trailing mean + 3σ detector the method has to beat.
 * 3. A second, independent generator (bench/spike-world.ts): mentions on a local clock in
 *    Paris, New York (both DST changes each) and Kolkata (+05:30), eight kinds of event and a
 *    control week starting on the DST change; the daily, hourly and negative detectors with
 *    root cause, against the targets. Seeds 1–3 were used to choose detector
 *    changes; seeds 4–9 are held out and are the figures that count.
 */
import { generateSampleStream, type SampleStream } from '../src/demo/sample-stream.ts';
import { compileQuery } from '../src/listen/query/matcher.ts';
import { DAILY_DETECTOR, detectSpikes, detectSpikesNaive, HOURLY_DETECTOR, NEGATIVE_DAILY_DETECTOR, type SeriesPoint } from '../src/watch/spikes.ts';
import { SCENARIOS, generateWorld } from './spike-world.ts';
import { addTally, causeAccuracy, emptyTally, precision, recall, scoreWorld, type DetectorName, type WorldTally } from './spike-world-score.ts';
import { dailyStream, hourlyStream, scoreDetections, WEEKDAY_PROFILES, type InjectedEvent } from '../src/watch/synthetic-series.ts';

const DAY = 86_400_000;

interface Tally {
  tp: number;
  fp: number;
  found: number;
  events: number;
}
const tally = (): Tally => ({ tp: 0, fp: 0, found: 0, events: 0 });
function add(t: Tally, detected: { first: number; last: number }[], events: InjectedEvent[]) {
  const r = scoreDetections(detected, events);
  t.tp += r.truePositives;
  t.fp += r.falsePositives;
  t.found += events.length - r.missed;
  t.events += events.length;
}
const fmt = (t: Tally) =>
  `precision ${(t.tp + t.fp ? t.tp / (t.tp + t.fp) : 1).toFixed(3)}  recall ${(t.events ? t.found / t.events : 1).toFixed(3)}  (${t.found}/${t.events} events, ${t.fp} false alarms)`;

/** Daily series per topic and metric, straight from the generated mentions (UTC days). */
function sampleSeries(stream: SampleStream) {
  const start = Date.parse(`${stream.groundTruth.start}T00:00:00Z`);
  const out: { topic: string; metric: 'mentions' | 'negative'; points: SeriesPoint[] }[] = [];
  for (const topic of stream.topics) {
    const query = compileQuery(topic.query);
    const mentions = new Array<number>(stream.groundTruth.days).fill(0);
    const negative = new Array<number>(stream.groundTruth.days).fill(0);
    for (const m of stream.mentions) {
      if (!query.matches(m)) continue;
      const d = Math.floor((m.publishedAt.getTime() - start) / DAY);
      if (d < 0 || d >= mentions.length) continue;
      mentions[d]!++;
      if (m.sentiment?.label === 'negative') negative[d]!++;
    }
    out.push({ topic: topic.name, metric: 'mentions', points: mentions.map((value, d) => ({ start: start + d * DAY, label: `day ${d}`, value })) });
    // As loadSpikes does: negative mentions are judged against their usual share of the day's total.
    out.push({ topic: topic.name, metric: 'negative', points: negative.map((value, d) => ({ start: start + d * DAY, label: `day ${d}`, value, total: mentions[d]! })) });
  }
  return out;
}

/** Ground-truth events of the sample stream that a spike detector should raise, per series. */
function sampleTruth(stream: SampleStream, topic: string, metric: 'mentions' | 'negative'): InjectedEvent[] {
  const plan = stream.groundTruth.plan;
  const events: InjectedEvent[] = [];
  if (topic === plan.crisis.topic) events.push({ index: plan.crisis.day, length: 2, direction: 'rise', factor: 0 });
  if (topic === plan.burstCampaign.topic && metric === 'mentions') events.push({ index: plan.burstCampaign.startDay, length: 3, direction: 'rise', factor: 0 });
  if (topic === plan.competitorLaunch.topic && metric === 'mentions') {
    const { fromDay, toDay } = plan.competitorLaunch;
    events.push({ index: fromDay, length: toDay - fromDay + 1, direction: 'rise', factor: 0 });
  }
  return events;
}

function runSample(name: string, stream: SampleStream) {
  const ours = tally();
  const naive = tally();
  const quiet = stream.groundTruth.plan.quietWeek;
  let quietAlarms = 0;
  for (const s of sampleSeries(stream)) {
    const truth = sampleTruth(stream, s.topic, s.metric);
    const index = new Map(s.points.map((p, i) => [p.start, i]));
    const spans = detectSpikes(s.points, s.metric === 'negative' ? NEGATIVE_DAILY_DETECTOR : DAILY_DETECTOR).map((sp) => ({ first: index.get(sp.start)!, last: index.get(sp.end)! }));
    add(ours, spans, truth);
    add(naive, detectSpikesNaive(s.points, 14).map((i) => ({ first: i, last: i })), truth);
    quietAlarms += spans.filter((d) => d.first <= quiet.toDay && d.last >= quiet.fromDay).length;
  }
  console.log(`${name}\n  ours : ${fmt(ours)}; on the quiet week: ${quietAlarms} alarm(s)\n  naive: ${fmt(naive)}`);
}

function runGenerated() {
  for (const [profileName, profile] of Object.entries(WEEKDAY_PROFILES)) {
    const ours = tally();
    const naive = tally();
    for (let seed = 1; seed <= 40; seed++) {
      for (const base of [30, 300, 3000]) {
        const s = dailyStream({ seed: seed * 7919 + base, days: 180, base, profile, trend: 0.6 });
        const index = new Map(s.points.map((p, i) => [p.start, i]));
        add(ours, detectSpikes(s.points, DAILY_DETECTOR).map((sp) => ({ first: index.get(sp.start)!, last: index.get(sp.end)! })), s.events);
        add(naive, detectSpikesNaive(s.points).map((i) => ({ first: i, last: i })), s.events);
      }
    }
    console.log(`generated daily, ${profileName} week (120 streams × 180 days)\n  ours : ${fmt(ours)}\n  naive: ${fmt(naive)}`);
    // The hourly thresholds were chosen on seeds 1–10; seeds 11–30 are held out.
    for (const [first, last, role] of [[1, 10, 'seeds 1–10, used to choose the thresholds'], [11, 30, 'seeds 11–30, held out']] as const) {
      const hourly = tally();
      const hourlyNaive = tally();
      for (let seed = first; seed <= last; seed++) {
        const s = hourlyStream({ seed, days: 70, base: 500, profile, trend: 0.3 });
        const index = new Map(s.points.map((p, i) => [p.start, i]));
        // Night-time drops of 2 → 0 mentions an hour are invisible at this volume: scored on rises.
        const rises = s.events.filter((e) => e.direction === 'rise');
        add(hourly, detectSpikes(s.points, HOURLY_DETECTOR).filter((sp) => sp.direction === 'rise').map((sp) => ({ first: index.get(sp.start)!, last: index.get(sp.end)! })), rises);
        add(hourlyNaive, detectSpikesNaive(s.points, 168).map((i) => ({ first: i, last: i })), rises);
      }
      console.log(`generated hourly rises, ${profileName} week (${last - first + 1} streams × 70 days; ${role})\n  ours : ${fmt(hourly)}\n  naive: ${fmt(hourlyNaive)}`);
    }
  }
}

/** The targets: precision and recall ≥ 0.9, every named cause right, no alarm in the control week. */
function targetsMet(t: WorldTally): string[] {
  const missed: string[] = [];
  if (precision(t) < 0.9) missed.push('precision');
  if (recall(t) < 0.9) missed.push('recall');
  if (causeAccuracy(t) < 1) missed.push('root cause');
  if (t.controlAlarms > 0) missed.push('control week');
  return missed;
}

function runWorlds(first: number, last: number, role: string) {
  const names: DetectorName[] = ['daily', 'hourly', 'negative'];
  const tallies = Object.fromEntries(names.map((n) => [n, emptyTally()])) as Record<DetectorName, WorldTally>;
  for (let seed = first; seed <= last; seed++) {
    for (const scenario of SCENARIOS) {
      const world = generateWorld(seed, scenario);
      for (const name of names) addTally(tallies[name], scoreWorld(world, name));
    }
  }
  console.log(`second generator (bench/spike-world.ts), ${SCENARIOS.length} scenarios × seeds ${first}–${last} (${role})`);
  console.log('  detector  precision         recall            root cause right      control-week alarms  targets (P ≥ 0.9, R ≥ 0.9, every cause right, 0 alarms)');
  for (const name of names) {
    const t = tallies[name];
    const missed = targetsMet(t);
    console.log(
      `  ${name.padEnd(9)} ${precision(t).toFixed(3)} (${t.truePositives}/${t.detections})`.padEnd(30) +
        `${recall(t).toFixed(3)} (${t.found}/${t.events})`.padEnd(18) +
        `${causeAccuracy(t).toFixed(3)} (${t.causesRight}/${t.explained}; ${t.causesWrong} wrong, ${t.causesNone} none)`.padEnd(40) +
        `${t.controlAlarms}`.padEnd(21) +
        (missed.length ? `NOT MET: ${missed.join(', ')}` : 'met'),
    );
  }
  if (process.env.BENCH_VERBOSE) for (const name of names) for (const note of tallies[name].notes) console.log(`    ${note}`);
}

const started = Date.now();
const only = process.argv.includes('--second-only');
if (!only) {
  runSample('sample stream (ground-truth.ts, weekday-heavy week), daily, 3 topics × 2 metrics', generateSampleStream());
  runSample(
    'second sample stream (weekend-heavy week, seed 7), daily, 3 topics × 2 metrics',
    generateSampleStream({ seed: 7, weeklySeasonality: [0.8, 0.78, 0.82, 0.9, 1.1, 1.35, 1.3] }),
  );
  runGenerated();
}
if (!process.argv.includes('--first-only')) {
  runWorlds(1, 3, 'used to choose the detector changes');
  runWorlds(4, 9, 'held out');
}
console.log(`(${((Date.now() - started) / 1000).toFixed(1)} s)`);
