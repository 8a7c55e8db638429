/**
 * Pure builders of ECharts options, shared by the dashboard (drawn in the browser) and the
 * reports (rendered to SVG on the server), so both show the same charts. Every series is
 * named where it is drawn (end labels, bar labels, pie labels), so nobody has to hunt in a
 * legend. Types only from ECharts: importing this module must not pull ECharts into a bundle.
 */
import type { EChartsCoreOption } from 'echarts/core';

/** UTC ms, or an ISO string (or a string of digits, as some JSON APIs send ms). */
type Instant = string | number;

function toMs(value: Instant): number {
  return typeof value === 'string' ? (/^\d+$/.test(value) ? Number(value) : Date.parse(value)) : value;
}

/** Colour-blind-safe palette (Okabe–Ito), readable on white. */
export const PALETTE = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000', '#F0E442'];
export const NEGATIVE = '#D55E00';
export const BASELINE = '#6b7280';

const axisLabel = { color: '#374151', fontSize: 12 };
const tooltip = { trigger: 'axis', confine: true } as const;

export interface TimePoint {
  t: Instant;
  values: Record<string, number | null | undefined>;
}

export interface SeriesSpec {
  key: string;
  label: string;
  color?: string;
  dashed?: boolean;
  area?: boolean;
}

export interface TimeLinesOptions {
  percent?: boolean;
  /** The chart's height in pixels (end labels are spaced for it). */
  height?: number;
  /**
   * Points are calendar days or months placed at UTC midnight (date keys): tick and format
   * in UTC, so the server's or viewer's time zone does not shift them by a day.
   */
  utc?: boolean;
}

const TIME_FORMATS: Record<'hour' | 'day' | 'month', Intl.DateTimeFormatOptions> = {
  hour: { hour: '2-digit', minute: '2-digit' },
  day: { day: 'numeric', month: 'short' },
  month: { month: 'short', year: '2-digit' },
};

const MIN_INTERVAL: Record<'hour' | 'day' | 'month', number> = { hour: 3_600_000, day: 86_400_000, month: 28 * 86_400_000 };

/** Lines over time, each labelled at its end; the time axis formats in the given locale. */
export function timeLinesOption(
  points: TimePoint[],
  series: SeriesSpec[],
  locale: string,
  unit: 'hour' | 'day' | 'month',
  options: TimeLinesOptions = {},
): EChartsCoreOption {
  const offsets = endLabelOffsets(
    series.map((s) => lastValue(points, s.key)),
    Math.max(...points.flatMap((p) => series.map((s) => p.values[s.key] ?? 0)), 0),
    (options.height ?? 260) - 56,
  );
  const timeFormat = new Intl.DateTimeFormat(locale, { ...TIME_FORMATS[unit], ...(options.utc ? { timeZone: 'UTC' } : {}) });
  const numberFormat = new Intl.NumberFormat(locale, options.percent ? { style: 'percent', maximumFractionDigits: 0 } : { maximumFractionDigits: 1 });
  return {
    animation: false,
    useUTC: options.utc ?? false,
    color: series.map((s, i) => s.color ?? PALETTE[i % PALETTE.length]!),
    // Room on the right for the end labels that replace a legend, wide enough for the longest.
    grid: { left: 8, right: endLabelRoom(series.map((s) => s.label)), top: 16, bottom: 8, containLabel: true },
    tooltip: { ...tooltip, valueFormatter: (v: unknown) => (typeof v === 'number' ? numberFormat.format(v) : '–') },
    xAxis: {
      type: 'time',
      // No ticks finer than the unit: they would repeat the same formatted label.
      minInterval: MIN_INTERVAL[unit],
      axisLabel: { ...axisLabel, hideOverlap: true, formatter: (value: number) => timeFormat.format(new Date(value)) },
    },
    yAxis: { type: 'value', axisLabel: { ...axisLabel, formatter: (v: number) => numberFormat.format(v) }, splitLine: { lineStyle: { color: '#e5e7eb' } } },
    series: series.map((s, i) => ({
      name: s.label,
      type: 'line',
      showSymbol: false,
      smooth: false,
      lineStyle: { width: s.dashed ? 1.5 : 2.5, type: s.dashed ? 'dashed' : 'solid' },
      areaStyle: s.area ? { opacity: 0.12 } : undefined,
      endLabel: { show: true, formatter: '{a}', color: 'inherit', fontSize: 12, fontWeight: 600, offset: [4, offsets[i] ?? 0] },
      data: points.map((p) => [toMs(p.t), p.values[s.key] ?? null]),
    })),
  };
}

/** Pixels for end labels of 12px semi-bold text (about 7px a character), within limits. */
export function endLabelRoom(labels: string[]): number {
  const longest = Math.max(0, ...labels.map((l) => l.length));
  return Math.min(200, Math.max(96, 16 + 7 * longest));
}

function lastValue(points: TimePoint[], key: string): number {
  for (let i = points.length - 1; i >= 0; i--) {
    const value = points[i]!.values[key];
    if (value !== null && value !== undefined) return value;
  }
  return 0;
}

const LABEL_GAP = 15;

/**
 * Vertical pixel offsets for the end labels of lines, so labels of lines that end close
 * together stack instead of overprinting (ECharts does not move end labels apart itself).
 * `max` is the top of the value axis, `plotHeight` the plot's height in pixels.
 */
export function endLabelOffsets(lasts: number[], max: number, plotHeight: number): number[] {
  const y = lasts.map((v) => (max > 0 ? plotHeight * (1 - v / max) : plotHeight));
  const order = lasts.map((_, i) => i).sort((a, b) => y[a]! - y[b]! || a - b);
  const placed: number[] = new Array(lasts.length).fill(0);
  // Top to bottom: each label at least a line below the one above it…
  let previous = -Infinity;
  for (const i of order) {
    placed[i] = Math.max(y[i]!, previous + LABEL_GAP);
    previous = placed[i]!;
  }
  // …then bottom to top: none below the plot, pushing up only those in the way.
  let next = plotHeight + LABEL_GAP;
  for (const i of [...order].reverse()) {
    placed[i] = Math.min(placed[i]!, next - LABEL_GAP);
    next = placed[i]!;
  }
  return placed.map((at, i) => Math.round(at - y[i]!));
}

export interface RankedItem {
  name: string;
  value: number;
}

/**
 * Horizontal bars, each with its value printed at the bar's end: largest on top, or in the
 * given order (`ranked`) when a table beside the chart lists the same items by another score.
 */
export function rankingOption(
  items: RankedItem[],
  locale: string,
  options: { color?: string; percent?: boolean; ranked?: boolean } = {},
): EChartsCoreOption {
  const { color = PALETTE[0]!, percent = false, ranked = false } = options;
  const format = percent
    ? new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 })
    : new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 });
  // ECharts draws the first category at the bottom: reverse so the first item is on top.
  const sorted = ranked ? [...items].reverse() : [...items].sort((a, b) => a.value - b.value);
  return {
    animation: false,
    grid: { left: 8, right: 56, top: 8, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, confine: true, valueFormatter: (v: unknown) => (typeof v === 'number' ? format.format(v) : '–') },
    xAxis: { type: 'value', show: false },
    yAxis: { type: 'category', data: sorted.map((i) => i.name), axisLabel: { ...axisLabel, width: 140, overflow: 'truncate' }, axisTick: { show: false } },
    series: [
      {
        type: 'bar',
        // A loss reads as a loss: negative bars in the negative colour.
        data: sorted.map((i) => ({ value: i.value, itemStyle: { color: i.value < 0 ? NEGATIVE : color } })),
        itemStyle: { borderRadius: [0, 3, 3, 0] },
        barMaxWidth: 22,
        label: { show: true, position: 'right', color: '#111827', formatter: (p: { value: number }) => format.format(p.value) },
      },
    ],
  };
}

/** A donut whose slices carry their name and share, so the legend is the chart. */
export function shareOption(items: RankedItem[], locale: string): EChartsCoreOption {
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
  const total = items.reduce((sum, i) => sum + i.value, 0) || 1;
  return {
    animation: false,
    color: PALETTE,
    tooltip: { trigger: 'item', confine: true },
    series: [
      {
        type: 'pie',
        // Room around the ring for the labels, which wrap rather than being cut on a phone.
        radius: ['38%', '62%'],
        avoidLabelOverlap: true,
        label: {
          formatter: (p: { name: string; value: number }) => `${p.name} ${percent.format(p.value / total)}`,
          color: '#111827',
          fontSize: 12,
          overflow: 'break',
          width: 90,
          edgeDistance: 4,
        },
        labelLine: { length: 8, length2: 6 },
        data: items.map((i) => ({ name: i.name, value: i.value })),
      },
    ],
  };
}

export interface SpikeBand {
  start: number;
  end: number;
  direction: 'rise' | 'drop';
}

/**
 * One series over time with each spike shaded and named on the chart ("Rise", "Drop"),
 * so where the spikes are is seen, not looked up.
 */
export function spikeSeriesOption(
  points: Array<{ t: number; value: number }>,
  spikes: SpikeBand[],
  labels: { label: string; color: string; rise: string; drop: string },
  locale: string,
): EChartsCoreOption {
  const base = timeLinesOption(
    points.map((p) => ({ t: p.t, values: { v: p.value } })),
    [{ key: 'v', label: labels.label, color: labels.color, area: true }],
    locale,
    'day',
  );
  return markSpikes(base, spikes, labels, bucketStep(points.map((p) => p.t)));
}

/** The spacing of evenly spaced buckets (a day when there are fewer than two). */
function bucketStep(starts: number[]): number {
  return starts.length > 1 ? starts[1]! - starts[0]! : 86_400_000;
}

/**
 * Shades each spike on the first series of a time chart and names it there. Points sit at
 * their buckets' starts, so the band runs half a `step` either side of the spike's first and
 * last points: a one-bucket spike is a band around its point, still visible when it is the
 * chart's last point (the usual case: "today").
 */
export function markSpikes(option: EChartsCoreOption, spikes: SpikeBand[], names: { rise: string; drop: string }, step: number): EChartsCoreOption {
  const series = (option.series as Array<Record<string, unknown>> | undefined) ?? [];
  if (series.length === 0 || spikes.length === 0) return option;
  const first = {
    ...series[0],
    markArea: {
      silent: true,
      data: spikes.map((s) => [
        {
          xAxis: s.start - step / 2,
          name: s.direction === 'rise' ? names.rise : names.drop,
          itemStyle: { color: s.direction === 'rise' ? 'rgba(213,94,0,0.14)' : 'rgba(0,114,178,0.14)' },
          label: { color: s.direction === 'rise' ? '#8a3a00' : '#0a4a85', fontWeight: 600 },
        },
        { xAxis: s.end + step / 2 },
      ]),
    },
  };
  return { ...option, series: [first, ...series.slice(1)] };
}
