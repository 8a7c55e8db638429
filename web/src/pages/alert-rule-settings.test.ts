import { describe, expect, it } from 'vitest';
import { paramsSchema } from '../../../src/watch/alerts/rule-schema.ts';
import { ruleSettings, spanUnit } from './alert-rule-settings.ts';

const params = paramsSchema.parse({ timeZone: 'Europe/Rome', granularity: 'day', minSeverity: 'high', minReach: 2500, maxScore: -0.7, lang: 'it' });

describe('an alert rule’s finer settings', () => {
  it('shows a spike rule’s counting, severity, look-back and quiet span, not the post thresholds', () => {
    expect(ruleSettings({ kind: 'volume-drop', params })).toEqual([
      { key: 'countedBy', granularity: 'day' },
      { key: 'minSeverity', severity: 'high' },
      { key: 'lookBack', ms: 2 * 86_400_000 },
      { key: 'quiet', ms: 2 * 86_400_000 },
      { key: 'timeZone', zone: 'Europe/Rome' },
      { key: 'lang', lang: 'it' },
    ]);
  });

  it('shows a post rule’s reach and sentiment thresholds over the last day, not the spike settings', () => {
    expect(ruleSettings({ kind: 'negative-post', params }).map((s) => s.key)).toEqual(['minReach', 'maxScore', 'lookBack', 'timeZone', 'lang']);
    expect(ruleSettings({ kind: 'negative-post', params })).toContainEqual({ key: 'maxScore', score: -0.7 });
  });

  it('says spans in days when whole, else hours', () => {
    expect(spanUnit(2 * 86_400_000)).toEqual({ value: 2, unit: 'day' });
    expect(spanUnit(6 * 3_600_000)).toEqual({ value: 6, unit: 'hour' });
  });
});
