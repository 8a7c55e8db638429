import { describe, expect, it } from 'vitest';
import { rankingOption, shareOption, timeLinesOption } from './options.ts';

describe('chart options', () => {
  it('labels every line at its end instead of relying on a legend', () => {
    const option = timeLinesOption(
      [
        { t: '2026-01-01T00:00:00Z', values: { count: 3, negative: 1 } },
        { t: 1767229200000, values: { count: 5 } },
      ],
      [
        { key: 'count', label: 'Mentions' },
        { key: 'negative', label: 'Negative' },
      ],
      'fr',
      'hour',
    ) as { series: Array<{ name: string; endLabel: { show: boolean }; data: Array<[number, number | null]> }>; legend?: unknown };
    expect(option.legend).toBeUndefined();
    expect(option.series.map((s) => s.name)).toEqual(['Mentions', 'Negative']);
    expect(option.series.every((s) => s.endLabel.show)).toBe(true);
    expect(option.series[0]!.data).toEqual([
      [Date.parse('2026-01-01T00:00:00Z'), 3],
      [1767229200000, 5],
    ]);
    expect(option.series[1]!.data[1]![1]).toBeNull();
  });

  it('ranks bars with the largest on top and formats values in the locale', () => {
    const option = rankingOption([{ name: 'a', value: 1200 }, { name: 'b', value: 5 }], 'en') as {
      yAxis: { data: string[] };
      series: Array<{ label: { formatter: (p: { value: number }) => string } }>;
    };
    // ECharts draws the first category at the bottom.
    expect(option.yAxis.data).toEqual(['b', 'a']);
    expect(option.series[0]!.label.formatter({ value: 1200 })).toBe('1.2K');
  });

  it('keeps a given ranking, first item on top', () => {
    const option = rankingOption([{ name: 'first', value: 5 }, { name: 'second', value: 1200 }], 'en', { ranked: true }) as { yAxis: { data: string[] } };
    expect(option.yAxis.data).toEqual(['second', 'first']);
  });

  it('prints each slice share on the slice', () => {
    const option = shareOption([{ name: 'Us', value: 3 }, { name: 'Them', value: 1 }], 'it') as {
      series: Array<{ label: { formatter: (p: { name: string; value: number }) => string } }>;
    };
    expect(option.series[0]!.label.formatter({ name: 'Us', value: 3 })).toBe('Us 75%');
  });
});

describe('spikeSeriesOption', () => {
  it('shades each spike half a bucket around its points and names it on the chart', async () => {
    const { spikeSeriesOption } = await import('./options.ts');
    const day = 86_400_000;
    const option = spikeSeriesOption(
      [0, 1, 2, 3].map((i) => ({ t: i * day, value: i })),
      [{ start: day, end: 2 * day, direction: 'rise' }],
      { label: 'Volume', color: '#000', rise: 'Rise', drop: 'Drop' },
      'en',
    ) as { series: Array<{ markArea: { data: Array<[{ xAxis: number; name: string }, { xAxis: number }]> } }> };
    const [from, to] = option.series[0]!.markArea.data[0]!;
    expect(from).toMatchObject({ xAxis: day / 2, name: 'Rise' });
    expect(to.xAxis).toBe(2.5 * day);
  });
});

describe('endLabelOffsets', () => {
  it('leaves labels of lines that end far apart where they are', async () => {
    const { endLabelOffsets } = await import('./options.ts');
    expect(endLabelOffsets([100, 0], 100, 200)).toEqual([0, 0]);
  });
  it('stacks labels of lines that end at the same value', async () => {
    const { endLabelOffsets } = await import('./options.ts');
    const offsets = endLabelOffsets([0, 0, 50], 100, 200);
    // The two lines at 0 (bottom) no longer share a spot; the one at 50 is untouched.
    expect(Math.abs(offsets[0]! - offsets[1]!)).toBeGreaterThanOrEqual(15);
    expect(offsets[2]).toBe(0);
  });
});

describe('endLabelRoom', () => {
  it('widens the right margin for long series names, within limits', async () => {
    const { endLabelRoom } = await import('./options.ts');
    expect(endLabelRoom(['Mentions'])).toBe(96);
    expect(endLabelRoom(['#brewlybaristas'])).toBeGreaterThan(96 + 20);
    expect(endLabelRoom(['x'.repeat(80)])).toBe(200);
  });
});

describe('time axis', () => {
  it('never ticks finer than the unit, so no label repeats', async () => {
    const { timeLinesOption } = await import('./options.ts');
    const month = timeLinesOption([{ t: 0, values: { a: 1 } }], [{ key: 'a', label: 'A' }], 'en', 'month') as { xAxis: { minInterval: number } };
    expect(month.xAxis.minInterval).toBeGreaterThanOrEqual(28 * 86_400_000);
  });
});
