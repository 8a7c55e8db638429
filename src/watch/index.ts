/**
 * The public face of Watch for the HTTP API, the importer and connectors: each analytic's
 * loader and the alert entry points (the report renderer is src/reports/render.ts).
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
