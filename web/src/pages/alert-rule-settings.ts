/**
 * An alert rule's finer settings as the Settings list shows them: which of the rule's
 * params apply to its kind (spikes: counting, severity, look-back and quiet span; posts:
 * reach and sentiment, look-back), then zone, language and channels. Pure, so it is tested.
 */
import type { AlertRule } from '../api/types.ts';
import { POST_WINDOW_MS, spikeQuietMs, spikeWindowMs } from '../../../src/watch/alerts/windows.ts';

export type RuleSetting =
  | { key: 'countedBy'; granularity: 'hour' | 'day' }
  | { key: 'minSeverity'; severity: AlertRule['params']['minSeverity'] }
  | { key: 'lookBack'; ms: number }
  | { key: 'quiet'; ms: number }
  | { key: 'minReach'; reach: number }
  | { key: 'maxScore'; score: number }
  | { key: 'timeZone'; zone: string }
  | { key: 'lang'; lang: AlertRule['params']['lang'] };

export function ruleSettings(rule: Pick<AlertRule, 'kind' | 'params'>): RuleSetting[] {
  const p = rule.params;
  const byKind: RuleSetting[] =
    rule.kind === 'negative-post'
      ? [{ key: 'minReach', reach: p.minReach }, { key: 'maxScore', score: p.maxScore }, { key: 'lookBack', ms: POST_WINDOW_MS }]
      : [
          { key: 'countedBy', granularity: p.granularity },
          { key: 'minSeverity', severity: p.minSeverity },
          { key: 'lookBack', ms: spikeWindowMs(p.granularity) },
          { key: 'quiet', ms: spikeQuietMs(p.granularity) },
        ];
  return [...byKind, { key: 'timeZone', zone: p.timeZone }, { key: 'lang', lang: p.lang }];
}

/** A span as a whole number of days when it is one, else of hours: "2 days", "6 hours". */
export function spanUnit(ms: number): { value: number; unit: 'day' | 'hour' } {
  const DAY = 86_400_000;
  return ms % DAY === 0 ? { value: ms / DAY, unit: 'day' } : { value: ms / 3_600_000, unit: 'hour' };
}
