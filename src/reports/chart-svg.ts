/**
 * ECharts rendered on the server to SVG (no canvas, no browser). The only module that loads
 * echarts (≈0.5 s): reportHtml imports it when a report is rendered, so the server and the
 * commands that render no report do not pay for it at start-up.
 */
import * as echarts from 'echarts';
import type { EChartsCoreOption } from 'echarts/core';
import { CHART_HEIGHT } from './charts.ts';
import { PALETTE } from '../core/charts/options.ts';

const CHART_WIDTH = 780;

export function renderChartSvg(option: EChartsCoreOption, width = CHART_WIDTH, height = CHART_HEIGHT): string {
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

