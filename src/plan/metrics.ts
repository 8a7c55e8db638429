/**
 * The metrics a KPI can be bound to. Murmur measures most of them from its own store;
 * the rest are entered by the user (kpi_entries).
 */
export const MEASURED_METRICS = [
  'mentions',
  'share_of_voice',
  'net_sentiment',
  'engagement',
  /** Likes + shares + replies on the brand's own posts (src/listen/own-accounts.ts). */
  'own_engagement',
  'clicks',
  'leads',
  'conversions',
  'revenue',
] as const;
/**
 * Entered by the user. `followers` is read from the own accounts' daily follower counts
 * where a source reads them (Mastodon --own-account, Bluesky --own-posts), and from the
 * entries before the first count.
 */
export const ENTERED_METRICS = ['followers', 'entered'] as const;
export const KPI_METRICS = [...MEASURED_METRICS, ...ENTERED_METRICS] as const;

export type MeasuredMetric = (typeof MEASURED_METRICS)[number];
export type KpiMetric = (typeof KPI_METRICS)[number];

/**
 * A flow is summed over a period (mentions in March); a level is read at a point
 * (net sentiment, followers). Targets and the forecast follow the same rule.
 */
export type MetricNature = 'flow' | 'level';

export const METRIC_NATURE: Record<Exclude<KpiMetric, 'entered'>, MetricNature> = {
  mentions: 'flow',
  share_of_voice: 'level',
  net_sentiment: 'level',
  engagement: 'flow',
  own_engagement: 'flow',
  clicks: 'flow',
  leads: 'flow',
  conversions: 'flow',
  revenue: 'flow',
  followers: 'level',
};

export function isMeasured(metric: KpiMetric): metric is MeasuredMetric {
  return (MEASURED_METRICS as readonly string[]).includes(metric);
}
