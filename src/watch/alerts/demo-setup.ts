/**
 * The alert rules a new team would want on its brand (a negative spike within the hour, a
 * high-reach negative post), shown in the dashboard, and evaluated as of the end of the
 * sample stream's crisis day — so the crisis day's overview shows its alert next to the
 * crisis, as it would have appeared live.
 */
import type { Store } from '../../store/store.ts';
import { localDaysInterval, type DateKey } from '../time.ts';
import { evaluateAlerts, type EvaluationResult } from './evaluate.ts';
import { addAlertRule, type AlertRuleInput } from './rules.ts';

export function demoAlertRules(topicId: number, timeZone: string): AlertRuleInput[] {
  const dashboard = [{ type: 'dashboard' as const }];
  return [
    { name: 'Negative spike on the brand', kind: 'negative-spike', topicId, params: { granularity: 'hour', minSeverity: 'medium', timeZone }, channels: dashboard },
    { name: 'High-reach negative post', kind: 'negative-post', topicId, params: { timeZone }, channels: dashboard },
  ];
}

export async function setupDemoAlerts(store: Store, workspaceId: number, topicId: number, crisisDay: DateKey, timeZone: string): Promise<EvaluationResult> {
  for (const rule of demoAlertRules(topicId, timeZone)) await addAlertRule(store, workspaceId, rule);
  const endOfDay = localDaysInterval(crisisDay, crisisDay, timeZone).to - 1;
  return evaluateAlerts(store, workspaceId, new Date(endOfDay));
}
