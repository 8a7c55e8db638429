/**
 * The public face of Watch for the HTTP API, the importer and connectors: each analytic's
 * loader, the alert entry points, and the report renderer.
 */
export {
  explainTopicSpike,
  loadActivation,
  loadAdvocacy,
  loadBaseline,
  loadCampaignShape,
  loadCrisis,
  loadExplainedSpikes,
  loadInfluencers,
  loadShareOfVoice,
  loadSpikes,
  loadTopContent,
  type PeriodQuery,
  type SpikeQuery,
  type TopicSpike,
} from './loaders.ts';
export { loadSeries, loadBreakdown, type Post, type MentionFact } from './read/index.ts';
export { refreshRollup, rebuildRollup } from './rollup.ts';
export { evaluateAlerts, listSentAlerts } from './alerts/evaluate.ts';
export { addAlertRule, listAlertRules, removeAlertRule, type AlertRule, type AlertRuleInput } from './alerts/rules.ts';
export { watchDemoStep } from './demo-step.ts';
export { renderReport, type RenderedReport, type ReportFormat } from '../reports/render.ts';
