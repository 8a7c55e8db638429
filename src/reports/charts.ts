/**
 * The reports' charts as ECharts options, from the builders the dashboard uses
 * (src/core/charts/options.ts), so a report shows the same charts; this module adds the
 * report's series choices, ./chart-svg.ts renders them.
 */
import type { EChartsCoreOption } from 'echarts/core';
import { localDateKey } from '../watch/time.ts';
import type { Spike } from '../watch/spikes.ts';
import { NEGATIVE, PALETTE, markSpikes, timeLinesOption, type SpikeBand, type TimePoint } from '../core/charts/options.ts';

export const CHART_HEIGHT = 250;

/** A date key (YYYY-MM-DD) as UTC midnight: report charts place calendar days in UTC. */
export function dayMs(dateKey: string): number {
  return Date.parse(`${dateKey}T00:00:00Z`);
}

/**
 * Mentions per day with the negative ones as a red line, and the period's spikes shaded and
 * named on the chart: the dashboard's volume and spike charts in one.
 */
export function volumeChart(
  days: Array<{ date: string; mentions: number; negative: number }>,
  spikes: Spike[],
  timeZone: string,
  names: { total: string; negative: string; rise: string; drop: string },
  locale: string,
): EChartsCoreOption {
  const points: TimePoint[] = days.map((d) => ({ t: dayMs(d.date), values: { total: d.mentions, negative: d.negative } }));
  const option = timeLinesOption(
    points,
    [
      { key: 'total', label: names.total, color: PALETTE[0], area: true },
      { key: 'negative', label: names.negative, color: NEGATIVE },
    ],
    locale,
    'day',
    { utc: true, height: CHART_HEIGHT },
  );
  return markSpikes(option, spikeDays(spikes, timeZone), names, DAY_MS);
}

const DAY_MS = 86_400_000;

/** Spikes as bands of whole local days, once each (the hourly and daily scans overlap). */
export function spikeDays(spikes: Spike[], timeZone: string): SpikeBand[] {
  const bands = new Map<string, SpikeBand>();
  for (const s of spikes) {
    const band = { start: dayMs(localDateKey(s.start, timeZone)), end: dayMs(localDateKey(s.end, timeZone)), direction: s.direction };
    bands.set(`${band.start}:${band.end}:${band.direction}`, band);
  }
  return [...bands.values()];
}

/** Lines over calendar days or months (date keys), each named at its end. */
export function linesChart(
  dates: string[],
  series: Array<{ name: string; data: Array<number | null> }>,
  locale: string,
  options: { percent?: boolean; unit?: 'day' | 'month' } = {},
): EChartsCoreOption {
  return timeLinesOption(
    dates.map((date, i) => ({ t: dayMs(date), values: Object.fromEntries(series.map((s, k) => [String(k), s.data[i]])) })),
    series.map((s, k) => ({ key: String(k), label: s.name })),
    locale,
    options.unit ?? 'day',
    { utc: true, percent: options.percent, height: CHART_HEIGHT },
  );
}
