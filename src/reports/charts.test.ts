import { describe, expect, it } from 'vitest';
import { linesChart, spikeDays, volumeChart } from './charts.ts';
import { renderChartSvg } from './chart-svg.ts';
import type { Spike } from '../watch/spikes.ts';

const HOUR = 3_600_000;
const spike = (start: number, end: number, direction: Spike['direction'] = 'rise') => ({ start, end, direction }) as Spike;

describe('report charts', () => {
  it('draws the volume chart as SVG with its series and spikes named on the chart, no legend', () => {
    const days = ['2026-10-01', '2026-10-02', '2026-10-03'].map((date, i) => ({ date, mentions: 10 + i * 50, negative: i * 30 }));
    const option = volumeChart(days, [spike(Date.parse('2026-10-03T14:00:00Z'), Date.parse('2026-10-03T14:00:00Z'))], 'UTC', { total: 'Mentions', negative: 'Negative', rise: 'Rise', drop: 'Drop' }, 'en');
    expect(option.legend).toBeUndefined();
    const svg = renderChartSvg(option);
    expect(svg.startsWith('<svg')).toBe(true);
    for (const text of ['Mentions', 'Negative', 'Rise', 'Oct 3']) expect(svg).toContain(`>${text}</text>`);
  });

  it('marks spikes as whole local days, once each', () => {
    // 23:30 UTC on Oct 2 is already Oct 3 in Sofia: an hourly and a daily scan of the same spike.
    const bands = spikeDays([spike(Date.parse('2026-10-02T23:30:00Z'), Date.parse('2026-10-02T23:30:00Z') + HOUR), spike(Date.parse('2026-10-02T21:00:00Z'), Date.parse('2026-10-02T21:00:00Z'))], 'Europe/Sofia');
    expect(bands).toEqual([{ start: Date.parse('2026-10-03T00:00:00Z'), end: Date.parse('2026-10-03T00:00:00Z'), direction: 'rise' }]);
  });

  it('places date keys at UTC midnight and formats them in UTC, whatever the server zone', () => {
    const option = linesChart(['2026-08-01', '2026-09-01'], [{ name: 'bluesky', data: [0.4, 0.5] }], 'en', { percent: true, unit: 'month' }) as {
      useUTC: boolean;
      xAxis: { axisLabel: { formatter: (v: number) => string } };
      series: Array<{ data: Array<[number, number]> }>;
    };
    expect(option.useUTC).toBe(true);
    expect(option.series[0]!.data[1]).toEqual([Date.parse('2026-09-01T00:00:00Z'), 0.5]);
    expect(option.xAxis.axisLabel.formatter(Date.parse('2026-09-01T00:00:00Z'))).toBe('Sep 26');
  });
});
