import { describe, expect, it } from 'vitest';
import type { KpiComparison } from '../api/types.ts';
import { experimentStatus } from './Experiments.tsx';
import { kpiTone } from './Overview.tsx';

const kpi = (kpi: KpiComparison['kpi'], status: KpiComparison['status']): KpiComparison => ({
  kpi,
  status,
  value: 1,
  change: 0.5,
  median: 1,
  sameWeekday: 1,
  low: 0,
  high: 2,
});

describe('kpiTone', () => {
  it('colours more mentions good and more negative share bad', () => {
    expect(kpiTone(kpi('mentions', 'above'))).toBe('good');
    expect(kpiTone(kpi('negativeShare', 'above'))).toBe('bad');
    expect(kpiTone(kpi('negativeShare', 'below'))).toBe('good');
    expect(kpiTone(kpi('engagement', 'below'))).toBe('bad');
  });
  it('stays neutral on a normal day or without a baseline', () => {
    expect(kpiTone(kpi('mentions', 'normal'))).toBe('neutral');
    expect(kpiTone(kpi('mentions', 'unknown'))).toBe('neutral');
  });
});

describe('experimentStatus', () => {
  it('follows the time box', () => {
    const e = { startAt: 1_000, endAt: 2_000 };
    expect(experimentStatus(e, 999)).toBe('planned');
    expect(experimentStatus(e, 1_000)).toBe('running');
    expect(experimentStatus(e, 2_000)).toBe('ended');
  });
});
