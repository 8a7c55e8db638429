/**
 * Charts load ECharts on demand: the first screen's figures and tables appear without
 * waiting for it, and its download starts as soon as the app knows who is signed in.
 */
import { lazy, Suspense } from 'react';
import type { EChartsCoreOption } from 'echarts/core';

const loadEChart = () => import('./EChart.tsx');
const EChart = lazy(() => loadEChart().then((m) => ({ default: m.EChart })));

/** Starts fetching the chart code early (no-op once loaded). */
export function preloadCharts(): void {
  void loadEChart();
}

export function Chart({ option, height = 260, label }: { option: EChartsCoreOption; height?: number; label: string }) {
  return (
    <Suspense fallback={<div className="chart" style={{ height }} role="img" aria-label={label} aria-busy="true" />}>
      <EChart option={option} height={height} label={label} />
    </Suspense>
  );
}
