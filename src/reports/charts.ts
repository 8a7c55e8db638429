/**
 * ECharts rendered on the server to SVG (no canvas, no browser): the same option objects
 * the dashboard uses, drawn into the report's HTML.
 */
import * as echarts from 'echarts';
import type { EChartsOption } from 'echarts';

export const PALETTE = ['#2f5d8a', '#e07a3f', '#5a9e6f', '#8e6bb8', '#c9a227', '#4aa3b5', '#b5525c'];
export const NEGATIVE = '#c0392b';
export const MUTED = '#9aa5b1';

export function renderChartSvg(option: EChartsOption, width = 760, height = 260): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({
      animation: false,
      color: PALETTE,
      textStyle: { fontFamily: 'Inter, "Helvetica Neue", Arial, "Noto Sans", sans-serif', color: '#33404d' },
      ...option,
    });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

const axisStyle = {
  axisLine: { lineStyle: { color: '#c8d0d8' } },
  axisTick: { show: false },
  axisLabel: { color: '#5b6876', fontSize: 11 },
  splitLine: { lineStyle: { color: '#eef1f4' } },
};

/** Bars of volume with the negative part stacked in red, optionally a highlighted category. */
export function volumeChart(labels: string[], total: number[], negative: number[], names: { total: string; negative: string }, highlight?: number): EChartsOption {
  return {
    grid: { left: 48, right: 16, top: 28, bottom: 36 },
    legend: { top: 0, right: 0, itemWidth: 12, itemHeight: 8, textStyle: { fontSize: 11 } },
    xAxis: { type: 'category', data: labels, ...axisStyle },
    yAxis: { type: 'value', ...axisStyle },
    series: [
      {
        name: names.negative,
        type: 'bar',
        stack: 'v',
        data: negative,
        itemStyle: { color: NEGATIVE },
        barMaxWidth: 28,
      },
      {
        name: names.total,
        type: 'bar',
        stack: 'v',
        data: total.map((t, i) => ({
          value: Math.max(0, t - (negative[i] ?? 0)),
          itemStyle: { color: i === highlight ? '#1d3f63' : PALETTE[0] },
        })),
        barMaxWidth: 28,
      },
    ],
  };
}

/** Lines over a category axis, one per series. */
export function linesChart(labels: string[], series: { name: string; data: (number | null)[] }[], options: { percent?: boolean; area?: boolean } = {}): EChartsOption {
  return {
    grid: { left: 52, right: 16, top: 32, bottom: 36 },
    legend: { top: 0, right: 0, itemWidth: 14, itemHeight: 8, textStyle: { fontSize: 11 } },
    xAxis: { type: 'category', data: labels, boundaryGap: false, ...axisStyle },
    yAxis: {
      type: 'value',
      ...axisStyle,
      ...(options.percent ? { max: 1, axisLabel: { ...axisStyle.axisLabel, formatter: (v: number) => `${Math.round(v * 100)}%` } } : {}),
    },
    series: series.map((s) => ({
      name: s.name,
      type: 'line',
      data: s.data,
      symbol: 'none',
      smooth: false,
      lineStyle: { width: 2 },
      ...(options.area ? { stack: 'all', areaStyle: { opacity: 0.85 } } : {}),
    })),
  };
}

/** Horizontal bars (channels, languages). */
export function barsChart(labels: string[], values: number[], name: string): EChartsOption {
  return {
    grid: { left: 110, right: 40, top: 8, bottom: 24 },
    xAxis: { type: 'value', ...axisStyle },
    yAxis: { type: 'category', data: [...labels].reverse(), ...axisStyle },
    series: [{ name, type: 'bar', data: [...values].reverse(), barMaxWidth: 18, label: { show: true, position: 'right', fontSize: 11, color: '#33404d' } }],
  };
}
