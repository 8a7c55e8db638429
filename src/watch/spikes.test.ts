import { describe, expect, it } from 'vitest';
import { DAILY_DETECTOR, describeHistory, detectSpikes, historyState, HOURLY_DETECTOR, NEGATIVE_DAILY_DETECTOR, scoreSeries, scoreWithTrend, type SeriesPoint } from './spikes.ts';
import { dailyStream, hourlyStream, scoreDetections, WEEKDAY_PROFILES } from './synthetic-series.ts';
import { buildSeries } from './series.ts';
import { addDays, DAY, localDaysInterval, startOfLocalDay, wallClock } from './time.ts';

const origin = Date.UTC(2026, 0, 5); // a Monday
const series = (values: number[]): SeriesPoint[] =>
  values.map((value, d) => ({ start: origin + d * DAY, label: `d${d}`, value }));
/** Weeks of a strong weekday pattern: busy weekdays, quiet weekends, small wobble. */
const weekly = (weeks: number) =>
  Array.from({ length: weeks * 7 }, (_, d) => [100, 104, 98, 102, 96, 30, 28][d % 7]! + ((d * 5) % 7) - 3);

describe('detectSpikes', () => {
  it('returns nothing for an empty series, a single point, or too little history', () => {
    expect(detectSpikes([], DAILY_DETECTOR)).toEqual([]);
    expect(detectSpikes(series([5]), DAILY_DETECTOR)).toEqual([]);
    expect(detectSpikes(series([1, 2, 900]), DAILY_DETECTOR)).toEqual([]);
  });

  it('does not mistake the weekly pattern for spikes', () => {
    expect(detectSpikes(series(weekly(10)), DAILY_DETECTOR)).toEqual([]);
  });

  it('finds a rise with its start, peak and end, and a high severity', () => {
    const values = weekly(8);
    values[45] = 180; // a Thursday: rising
    values[46] = 520; // the peak
    values[47] = 160; // a Saturday, still far above a normal Saturday (30)
    const [spike, ...rest] = detectSpikes(series(values), DAILY_DETECTOR);
    expect(rest).toEqual([]);
    expect(spike).toMatchObject({ direction: 'rise', startLabel: 'd45', peakLabel: 'd46', endLabel: 'd47', peakValue: 520 });
    expect(spike!.severity).toBe('critical');
    expect(spike!.excess).toBeGreaterThan(500);
  });

  it('finds a weekend spike that a weekday would hide', () => {
    const values = weekly(8);
    values[47] = 95; // a Saturday at a weekday level: 3× a normal Saturday
    const spikes = detectSpikes(series(values), DAILY_DETECTOR);
    expect(spikes.map((s) => [s.direction, s.peakLabel])).toEqual([['rise', 'd47']]);
  });

  it('finds a drop (a connector outage) and no rise', () => {
    const values = weekly(8);
    values[50] = 2;
    const spikes = detectSpikes(series(values), DAILY_DETECTOR);
    expect(spikes.map((s) => [s.direction, s.peakLabel, s.severity])).toEqual([['drop', 'd50', 'critical']]);
  });

  it('reports one spike per event: flagged buckets whose windows overlap or touch are merged', () => {
    const values = weekly(8);
    // One event: two peaks (Monday and Friday) more than the cooldown apart, with the days
    // between still elevated (but not spikes by themselves); each peak's window reaches the other.
    values[35] = 400;
    values[36] = 125;
    values[37] = 126;
    values[38] = 124;
    values[39] = 380;
    const spikes = detectSpikes(series(values), DAILY_DETECTOR);
    expect(spikes.map((s) => [s.direction, s.startLabel, s.peakLabel, s.endLabel])).toEqual([['rise', 'd35', 'd35', 'd39']]);
    // The excess counts every bucket once.
    const expected = spikes[0]!.points.reduce((sum, p) => sum + p.value - p.expected!, 0);
    expect(spikes[0]!.excess).toBeCloseTo(expected, 9);
    expect(spikes[0]!.points.map((p) => p.label)).toEqual(['d35', 'd36', 'd37', 'd38', 'd39']);
  });

  it('does not flag steady growth', () => {
    const values = weekly(12).map((v, d) => Math.round(v * (1 + d / 40)));
    expect(detectSpikes(series(values), DAILY_DETECTOR)).toEqual([]);
  });

  it('reports only spikes peaking after reportFrom', () => {
    const values = weekly(8);
    values[40] = 600;
    values[52] = 600;
    const spikes = detectSpikes(series(values), { ...DAILY_DETECTOR, reportFrom: origin + 50 * DAY });
    expect(spikes.map((s) => s.peakLabel)).toEqual(['d52']);
  });

  it('finds most injected events in generated streams of either seasonality, with few false alarms', () => {
    for (const profile of Object.values(WEEKDAY_PROFILES)) {
      let tp = 0;
      let fp = 0;
      let missed = 0;
      let events = 0;
      for (let seed = 1; seed <= 10; seed++) {
        const s = dailyStream({ seed, days: 160, base: 400, profile, trend: 0.5 });
        const index = new Map(s.points.map((p, i) => [p.start, i]));
        const found = detectSpikes(s.points, DAILY_DETECTOR).map((sp) => ({ first: index.get(sp.start)!, last: index.get(sp.end)! }));
        const r = scoreDetections(found, s.events);
        tp += r.truePositives;
        fp += r.falsePositives;
        missed += r.missed;
        events += s.events.length;
      }
      expect(tp / (tp + fp)).toBeGreaterThan(0.85);
      expect(1 - missed / events).toBeGreaterThan(0.85);
    }
  });

  it('works on hourly series: finds the rises, raises no false alarm', () => {
    // A night-time drop (2 → 0 mentions an hour) is invisible hourly; the daily series catches outages.
    const s = hourlyStream({ seed: 3, days: 56, base: 600, profile: WEEKDAY_PROFILES.office, events: 2 });
    const spikes = detectSpikes(s.points, HOURLY_DETECTOR);
    const index = new Map(s.points.map((p, i) => [p.start, i]));
    const found = spikes.map((sp) => ({ first: index.get(sp.start)!, last: index.get(sp.end)! }));
    const rises = s.events.filter((e) => e.direction === 'rise');
    expect(rises.length).toBeGreaterThan(0);
    expect(scoreDetections(found, rises)).toMatchObject({ recall: 1, precision: 1 });
  });
});

describe('hourly baselines across DST changes', () => {
  // Same local-hour shape every day (busy office hours, quiet nights), quieter weekends,
  // a small deterministic wobble so the residual scale is not zero.
  const HOURS = [3, 2, 2, 2, 2, 4, 10, 35, 90, 160, 170, 150, 120, 150, 160, 140, 110, 90, 70, 50, 30, 15, 8, 4];
  const flat = (zone: string, first: string, last: string): SeriesPoint[] => {
    const buckets = buildSeries([], { interval: localDaysInterval(first, last, zone), timeZone: zone, granularity: 'hour' });
    return buckets.map((b, i) => ({
      start: b.start,
      label: b.label,
      wall: wallClock(b.date, b.hour),
      value: Math.round(HOURS[b.hour]! * (b.weekday >= 5 ? 0.5 : 1)) + ((i * 7) % 5) - 2,
    }));
  };
  const cases: [string, string, string][] = [
    ['Europe/Paris', '2026-03-29', 'spring forward'],
    ['Europe/Paris', '2026-10-25', 'fall back'],
    ['America/New_York', '2026-03-08', 'spring forward'],
    ['America/New_York', '2026-11-01', 'fall back'],
    ['Asia/Kolkata', '2026-03-29', 'no DST, +05:30'],
  ];
  for (const [zone, change, what] of cases) {
    it(`raises no alarm on a flat seasonal series around ${change} in ${zone} (${what})`, () => {
      const points = flat(zone, addDays(change, -42), addDays(change, 20));
      // Check the series really crosses the change: a local day with 23 or 25 hours.
      if (what !== 'no DST, +05:30') expect(new Set(points.map((p) => p.label.slice(0, 10))).size * 24).not.toBe(points.length);
      const spikes = detectSpikes(points, { ...HOURLY_DETECTOR, reportFrom: startOfLocalDay(addDays(change, -7), zone) });
      expect(spikes.map((s) => `${s.direction} ${s.startLabel}`)).toEqual([]);
    });
  }

  it('still finds a real rise the week after the change, at its local hour', () => {
    const points = flat('Europe/Paris', '2026-02-16', '2026-04-10');
    const i = points.findIndex((p) => p.label === '2026-04-02 15:00');
    points[i]!.value = 700;
    const spikes = detectSpikes(points, { ...HOURLY_DETECTOR, reportFrom: startOfLocalDay('2026-03-22', 'Europe/Paris') });
    expect(spikes.map((s) => [s.direction, s.peakLabel])).toEqual([['rise', '2026-04-02 15:00']]);
  });
});

describe('a ×1.5 day', () => {
  // A topic whose days wobble by up to ±18 % around a weekday pattern of ~1,000 mentions.
  const wobble = [0, 60, -50, 90, -80, 40, -30, 70, -60, 20, -90, 50, -20, 80, -70, 30, -40, 60, -10, 75, -85];
  const noisy = () => Array.from({ length: 56 }, (_, d) => Math.round([1000, 1040, 980, 1020, 960, 600, 560][d % 7]! * (1 + (2 * wobble[d % wobble.length]!) / 1000)));

  it('is caught at ×1.51 even when an earlier event and a busy week sit in its baseline weeks (z 3.5 once missed under a threshold of 4)', () => {
    const values = noisy();
    const day = 51; // a Wednesday
    values[day - 14] = 2 * values[day - 14]!; // an event two weeks before, on the same weekday
    values[day - 7] = Math.round(1.15 * values[day - 7]!); // and a busy one last week
    values[day] = Math.round(1.51 * values[day]!);
    const spikes = detectSpikes(series(values), DAILY_DETECTOR);
    expect(spikes.map((s) => [s.direction, s.peakLabel])).toEqual([['rise', 'd37'], ['rise', 'd51']]);
    // Its baseline is the usual Wednesday, not one raised by the event two weeks before.
    expect(spikes[1]!.expectedAtPeak).toBeLessThan(1000);
  });

  it('is still tested when the judged weeks already hold more outlying days than 10 % of them', () => {
    const values = noisy();
    // Three earlier events in the four weeks judged (28 days: at most 2 outliers at 10 %), then a ×1.6 day.
    for (const d of [30, 36, 40]) values[d] = 3 * values[d]!;
    values[53] = Math.round(1.6 * values[53]!);
    const spikes = detectSpikes(series(values), DAILY_DETECTOR);
    expect(spikes.at(-1)?.peakLabel).toBe('d53');
  });

  // A calmer topic: days within ±5 % of a weekday pattern of ~1,000 mentions.
  const calm = (days: number) => Array.from({ length: days }, (_, d) => Math.round([1000, 1040, 980, 1020, 960, 600, 560][d % 7]! * (1 + wobble[d % wobble.length]! / 1000 / 1.8)));

  it('is caught the week after a bigger event on the same weekday: it need only beat that day\'s usual level', () => {
    const values = calm(56);
    values[44] = Math.round(1.8 * values[44]!); // a campaign on a Wednesday
    values[51] = Math.round(1.5 * values[51]!); // a crisis the next Wednesday: fewer than the campaign day
    const spikes = detectSpikes(series(values), DAILY_DETECTOR);
    expect(spikes.map((s) => s.peakLabel)).toEqual(['d44', 'd51']);
  });

  it('is caught at ×1.5 of the current level while the topic declines (its four-week median is 20 % high)', () => {
    // 1 % fewer mentions every day: the median of the four earlier same weekdays lags by
    // about 2.5 weeks, so a ×1.5 day reads ×1.25 against it.
    const values = calm(70).map((v, d) => Math.round(v * 0.99 ** d));
    const day = 65;
    values[day] = Math.round(1.5 * values[day]!);
    const spikes = detectSpikes(series(values), DAILY_DETECTOR);
    expect(spikes.map((s) => [s.direction, s.peakLabel])).toEqual([['rise', `d${day}`]]);
    expect(spikes[0]!.ratio).toBeLessThan(1.35);
  });
});

describe('a day a third above the usual', () => {
  // Days within ±2 % of a weekday pattern of ~1,000 mentions, and within ±18 %.
  const steady = (days: number, spread: number) => Array.from({ length: days }, (_, d) => Math.round([1000, 1040, 980, 1020, 960, 600, 560][d % 7]! * (1 + spread * Math.sin(d * 2.3))));

  it('is a spike on a steady topic, where it is six times the usual variation (the 35 % minimum once refused it)', () => {
    const values = steady(56, 0.02);
    values[51] = Math.round(1.3 * values[51]!);
    const spikes = detectSpikes(series(values), DAILY_DETECTOR);
    expect(spikes.map((s) => [s.direction, s.peakLabel])).toEqual([['rise', 'd51']]);
    expect(spikes[0]!.z).toBeGreaterThan(6);
    expect(spikes[0]!.ratio).toBeLessThan(1.35);
  });

  it('is no spike on a topic whose days wobble by ±18 %', () => {
    const values = steady(56, 0.18);
    values[51] = Math.round(1.3 * values[51]!);
    expect(detectSpikes(series(values), DAILY_DETECTOR)).toEqual([]);
  });
});

describe('minimum history', () => {
  // Weekend-heavy: Saturday is the ordinary peak of the week.
  const WEEKEND = [40, 42, 41, 45, 60, 125, 110];
  const days = (n: number) => series(Array.from({ length: n }, (_, d) => WEEKEND[d % 7]! + ((d * 3) % 5) - 2));

  it('gives no verdict on an ordinary Saturday peak with one earlier Saturday, and says it is learning', () => {
    const points = days(13); // Monday … the second Saturday
    expect(detectSpikes(points, DAILY_DETECTOR)).toEqual([]);
    const h = historyState(points, DAILY_DETECTOR);
    expect(h).toEqual({ status: 'learning', weeks: 1, seasons: 4, minimum: 3 });
    expect(describeHistory(h)).toBe('learning: 1 of 4 weeks (3 needed before any verdict)');
  });

  it('reads the history state from the scores of a longer series (a spike scan scores once)', () => {
    // A bucket is scored on earlier buckets only: a prefix's scores are the longer series' first scores.
    const s = hourlyStream({ seed: 3, days: 56, base: 600, profile: WEEKDAY_PROFILES.office, events: 2 });
    const scored = scoreSeries(s.points, HOURLY_DETECTOR);
    for (const n of [0, 24 * 20, 24 * 22 + 5, 24 * 40]) {
      const prefix = s.points.slice(0, n);
      expect(scoreSeries(prefix, HOURLY_DETECTOR)).toEqual(scored.slice(0, n));
      expect(historyState(prefix, HOURLY_DETECTOR, scored)).toEqual(historyState(prefix, HOURLY_DETECTOR));
    }
    expect(detectSpikes(s.points, HOURLY_DETECTOR, scoreWithTrend(s.points, HOURLY_DETECTOR))).toEqual(detectSpikes(s.points, HOURLY_DETECTOR));
  });

  it('is still learning with two earlier weeks, and ready with three', () => {
    expect(historyState(days(21), DAILY_DETECTOR)).toMatchObject({ status: 'learning', weeks: 2 });
    expect(historyState(days(22), DAILY_DETECTOR)).toMatchObject({ status: 'ready', weeks: 3 });
    expect(historyState(days(35), DAILY_DETECTOR)).toEqual({ status: 'ready', weeks: 4, seasons: 4, minimum: 3 });
    // A Saturday-heavy week is not a spike once the Saturdays are known.
    expect(detectSpikes(days(35), DAILY_DETECTOR)).toEqual([]);
    expect(historyState([], DAILY_DETECTOR)).toMatchObject({ status: 'learning', weeks: 0 });
  });

  it('gives no hourly verdict either with one earlier week of the same weekday-hour', () => {
    const hours = (n: number): SeriesPoint[] =>
      Array.from({ length: n }, (_, h) => ({ start: origin + h * 3_600_000, label: `h${h}`, value: (h % 24 >= 9 && h % 24 < 18 ? 80 : 5) * (Math.floor(h / 24) % 7 === 5 ? 3 : 1) }));
    const points = hours(13 * 24); // through the second Saturday
    expect(detectSpikes(points, HOURLY_DETECTOR)).toEqual([]);
    expect(historyState(points, HOURLY_DETECTOR)).toMatchObject({ status: 'learning', weeks: 1 });
  });
});

describe('negative spikes are about sentiment, not volume', () => {
  // 8 weeks of a weekday pattern with 25 % negative mentions (a little wobble).
  const totals = () => weekly(8);
  const negatives = (total: number[]) => total.map((t, d) => Math.round(t * 0.25) + ((d * 3) % 3) - 1);
  const negativeSeries = (total: number[], negative: number[]): SeriesPoint[] =>
    negative.map((value, d) => ({ start: origin + d * DAY, label: `d${d}`, value, total: total[d]! }));

  it('raises no negative spike on a campaign day that triples the volume while the negative share falls', () => {
    const total = totals();
    const negative = negatives(total);
    total[46] = total[46]! * 3; // a Friday: 3× the volume …
    negative[46] = Math.round(total[46]! * 0.2); // … with 20 % negative instead of 25 %
    expect(negative[46]! / total[46]!).toBeLessThan(0.25);
    expect(detectSpikes(negativeSeries(total, negative), NEGATIVE_DAILY_DETECTOR)).toEqual([]);
    // Without the total (negative volume alone) it would be rated a negative crisis.
    expect(detectSpikes(series(negative), DAILY_DETECTOR).map((s) => [s.direction, s.peakLabel])).toEqual([['rise', 'd46']]);
    // The campaign itself is a rise of the volume.
    expect(detectSpikes(series(total), DAILY_DETECTOR).map((s) => [s.direction, s.peakLabel])).toEqual([['rise', 'd46']]);
  });

  it('raises no negative drop when a campaign dilutes the share but the negative mentions stay as many', () => {
    const total = totals();
    const negative = negatives(total);
    total[46] = total[46]! * 3; // negative share 25 % → 8 %, negative mentions unchanged
    expect(detectSpikes(negativeSeries(total, negative), NEGATIVE_DAILY_DETECTOR)).toEqual([]);
  });

  it('raises a negative drop when the negative mentions fall at the same volume', () => {
    const total = totals();
    const negative = negatives(total);
    negative[46] = 2;
    expect(detectSpikes(negativeSeries(total, negative), NEGATIVE_DAILY_DETECTOR).map((s) => [s.direction, s.peakLabel])).toEqual([['drop', 'd46']]);
  });

  it('raises a negative spike when the negative share triples at the same volume', () => {
    const total = totals();
    const negative = negatives(total);
    negative[46] = Math.round(total[46]! * 0.75);
    const spikes = detectSpikes(negativeSeries(total, negative), NEGATIVE_DAILY_DETECTOR);
    expect(spikes.map((s) => [s.direction, s.peakLabel])).toEqual([['rise', 'd46']]);
    // Expected at the peak: the usual share (about 25 %, the wobble aside) of the day's observed total.
    expect(spikes[0]!.expectedAtPeak / total[46]!).toBeGreaterThan(0.23);
    expect(spikes[0]!.expectedAtPeak / total[46]!).toBeLessThan(0.27);
    // 25 % → 75 % negative: a crisis, though the count is only 3× what the share predicts.
    expect(spikes[0]!.severity).toBe('critical');
  });

  it('keeps an ordinary day (a z under its threshold of 5) as a reference: a later ordinary Friday is no negative spike', () => {
    // Six weeks of [negative, total] from bench/spike-world.ts (seed 2, New York, from Monday
    // 2025-12-29): the negative share wobbles by day and has no weekday pattern. Friday d25 is
    // at 33 % (z 4–5, no spike); replaced by its expected share (19 %, itself the median of
    // earlier Fridays), it counted Friday d16 (19 %) twice and read Friday d39 (36 %) as ×1.7.
    const days = [[306,1376],[237,953],[156,715],[222,832],[226,1251],[401,1698],[458,1850],[399,1709],[290,1139],[150,662],[204,949],[347,1247],[528,1643],[546,1898],[461,1768],[282,1121],[157,699],[210,785],[231,1206],[310,1507],[361,1754],[436,1691],[289,1148],[176,760],[246,821],[385,1164],[322,1448],[505,2034],[398,1653],[372,1267],[164,690],[236,829],[273,1212],[348,1600],[584,2215],[427,1752],[281,1315],[193,842],[233,863],[499,1395],[463,1629],[426,1804]] as const;
    const points = negativeSeries(days.map(([, t]) => t), days.map(([n]) => n));
    const d25 = scoreSeries(points, NEGATIVE_DAILY_DETECTOR)[25]!;
    expect(d25.z).toBeGreaterThan(4);
    expect(d25.z).toBeLessThan(NEGATIVE_DAILY_DETECTOR.minZ);
    expect(detectSpikes(points, NEGATIVE_DAILY_DETECTOR)).toEqual([]);
  });

  it('raises a negative spike when negative volume outgrows the total (volume ×2, negative ×6)', () => {
    const total = totals();
    const negative = negatives(total);
    total[46] = total[46]! * 2;
    negative[46] = Math.round(total[46]! * 0.75);
    expect(detectSpikes(negativeSeries(total, negative), NEGATIVE_DAILY_DETECTOR).map((s) => [s.direction, s.peakLabel])).toEqual([['rise', 'd46']]);
  });
});
