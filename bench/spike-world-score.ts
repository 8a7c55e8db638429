/**
 * Scores the three spike detectors (daily and hourly volume, daily negative volume) and root
 * cause on the worlds of spike-world.ts, the way loadSpikes and explainTopicSpike run them:
 * mentions folded into quarter-hour rows, then into local days or hours (buildSeries),
 * points on the local wall clock, the negative series judged against the day's total, and
 * root cause comparing the spike's mentions with the week before.
 */
import { explainSpike } from '../src/watch/root-cause.ts';
import type { MentionFact } from '../src/watch/read/model.ts';
import { buildSeries, emptyMeasures, type Granularity } from '../src/watch/series.ts';
import { DAILY_DETECTOR, detectSpikes, HOURLY_DETECTOR, NEGATIVE_DAILY_DETECTOR, type DetectorOptions, type SeriesPoint, type Spike } from '../src/watch/spikes.ts';
import { DAY, HOUR, QUARTER, startOfLocalDay, wallClock, addDays, localDateKey } from '../src/watch/time.ts';
import type { World, WorldEvent } from './spike-world.ts';

export type DetectorName = 'daily' | 'hourly' | 'negative';

export interface WorldTally {
  detections: number;
  truePositives: number;
  events: number;
  found: number;
  /** Events found that have a cause to name. */
  explained: number;
  causesRight: number;
  causesWrong: number;
  causesNone: number;
  controlAlarms: number;
  /** What went wrong, to read: "crisis missed", "false rise 2026-04-02", "cause domain=… for viral-repost". */
  notes: string[];
}

export const emptyTally = (): WorldTally => ({ detections: 0, truePositives: 0, events: 0, found: 0, explained: 0, causesRight: 0, causesWrong: 0, causesNone: 0, controlAlarms: 0, notes: [] });

export function addTally(into: WorldTally, t: WorldTally): void {
  for (const k of ['detections', 'truePositives', 'events', 'found', 'explained', 'causesRight', 'causesWrong', 'causesNone', 'controlAlarms'] as const) into[k] += t[k];
  into.notes.push(...t.notes);
}

export function seriesOf(world: World, granularity: Granularity, negative: boolean): SeriesPoint[] {
  const rows = new Map<number, ReturnType<typeof emptyMeasures> & { bucket: number }>();
  for (const m of world.facts) {
    const bucket = Math.floor(m.publishedAt / QUARTER) * QUARTER;
    let row = rows.get(bucket);
    if (!row) rows.set(bucket, (row = { ...emptyMeasures(), bucket }));
    row.mentions++;
    if (m.sentiment === 'negative') row.negative++;
  }
  const interval = { from: startOfLocalDay(world.first, world.timeZone), to: startOfLocalDay(addDays(world.last, 1), world.timeZone) };
  return buildSeries(rows.values(), { interval, timeZone: world.timeZone, granularity }).map((b) => ({
    start: b.start,
    label: b.label,
    wall: wallClock(b.date, b.hour),
    ...(negative ? { value: b.negative, total: b.mentions } : { value: b.mentions }),
  }));
}

/** The facts published in [from, to): facts are sorted by time. */
function slice(facts: MentionFact[], from: number, to: number): MentionFact[] {
  const lower = (t: number) => {
    let lo = 0;
    let hi = facts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (facts[mid]!.publishedAt < t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return facts.slice(lower(from), lower(to));
}

const DETECTORS: Record<DetectorName, { options: DetectorOptions; granularity: Granularity; negative: boolean }> = {
  daily: { options: DAILY_DETECTOR, granularity: 'day', negative: false },
  hourly: { options: HOURLY_DETECTOR, granularity: 'hour', negative: false },
  negative: { options: NEGATIVE_DAILY_DETECTOR, granularity: 'day', negative: true },
};

/** Events this detector must find (and those it may: a detection on them is neither right nor wrong). */
function truthFor(world: World, name: DetectorName): { required: WorldEvent[]; optional: WorldEvent[] } {
  if (name === 'negative') return { required: world.events.filter((e) => e.negative), optional: [] };
  const role = name === 'hourly' ? (e: WorldEvent) => e.hourly : (e: WorldEvent) => e.daily;
  return { required: world.events.filter(role), optional: world.events.filter((e) => !role(e)) };
}

export function scoreWorld(world: World, name: DetectorName, options?: DetectorOptions): WorldTally {
  const d = DETECTORS[name];
  const tally = emptyTally();
  const points = seriesOf(world, d.granularity, d.negative);
  const spikes = detectSpikes(points, options ?? d.options);
  const endOf = (s: Spike) => (d.granularity === 'hour' ? s.end + HOUR : startOfLocalDay(addDays(localDateKey(s.end, world.timeZone), 1), world.timeZone));
  const meets = (s: Spike, w: { from: number; to: number }) => s.start < w.to && endOf(s) > w.from;
  const { required, optional } = truthFor(world, name);
  const where = `${world.timeZone} ${world.first} seed ${world.seed}`;
  tally.detections = spikes.filter((s) => !optional.some((e) => meets(s, e)) || required.some((e) => meets(s, e))).length;
  for (const s of spikes) {
    if (required.some((e) => meets(s, e))) tally.truePositives++;
    else if (!optional.some((e) => meets(s, e))) tally.notes.push(`${name}: false ${s.direction} ${s.startLabel}–${s.endLabel} (${where})`);
    if (meets(s, world.control)) tally.controlAlarms++;
  }
  tally.events = required.length;
  for (const e of required) {
    const s = spikes.find((sp) => meets(sp, e) && sp.direction === e.direction) ?? spikes.find((sp) => meets(sp, e));
    if (!s) {
      tally.notes.push(`${name}: missed ${e.kind} (${where})`);
      continue;
    }
    tally.found++;
    if (!e.cause) continue;
    tally.explained++;
    const from = s.start;
    const to = endOf(s);
    const pick = (facts: MentionFact[]) => (d.negative ? facts.filter((m) => m.sentiment === 'negative') : facts);
    const cause = explainSpike({
      spike: pick(slice(world.facts, from, to)),
      spikeDuration: to - from,
      baseline: pick(slice(world.facts, from - 7 * DAY, from)),
      baselineDuration: 7 * DAY,
      expected: s.points.reduce((sum, p) => sum + (p.expected ?? 0), 0),
      direction: s.direction,
    });
    const main = cause.main;
    if (main && main.dimension === e.cause.dimension && main.value === e.cause.value) tally.causesRight++;
    else if (!main) {
      tally.causesNone++;
      tally.notes.push(`${name}: no cause named for ${e.kind} (${where})`);
    } else {
      tally.causesWrong++;
      tally.notes.push(`${name}: cause ${main.dimension}=${main.value} for ${e.kind}, expected ${e.cause.dimension}=${e.cause.value} (${where})`);
    }
  }
  return tally;
}

export const precision = (t: WorldTally) => (t.detections ? t.truePositives / t.detections : 1);
export const recall = (t: WorldTally) => (t.events ? t.found / t.events : 1);
/** Of the events found, the share whose root cause named the injected cause. */
export const causeAccuracy = (t: WorldTally) => (t.explained ? t.causesRight / t.explained : 1);
