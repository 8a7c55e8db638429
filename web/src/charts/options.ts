/**
 * The dashboard draws the same charts as the reports: the option builders live in one pure
 * module (types only from ECharts), shared with the server-side SVG rendering.
 */
export * from '../../../src/core/charts/options.ts';
