/** One alert rule's finer settings and channels in plain words, for the Settings list. */
import { useTranslation } from 'react-i18next';
import type { AlertRule } from '../api/types.ts';
import { formatNumber } from '../i18n/format.ts';
import { LOCALE_NAMES } from '../i18n/index.ts';
import { ruleSettings, spanUnit, type RuleSetting } from './alert-rule-settings.ts';

export function AlertRuleSettings({ rule }: { rule: AlertRule }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const span = (ms: number) => {
    const { value, unit } = spanUnit(ms);
    return new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'long' }).format(value);
  };
  const words = (s: RuleSetting): string => {
    switch (s.key) {
      case 'countedBy':
        return t(`settings.alertSettings.countedBy.${s.granularity}`);
      case 'minSeverity':
        return t('settings.alertSettings.minSeverity', { severity: t(`severity.${s.severity}`) });
      case 'lookBack':
        return t('settings.alertSettings.lookBack', { span: span(s.ms) });
      case 'quiet':
        return t('settings.alertSettings.quiet', { span: span(s.ms) });
      case 'minReach':
        return t('settings.alertSettings.minReach', { reach: formatNumber(locale, s.reach) });
      case 'maxScore':
        return t('settings.alertSettings.maxScore', { score: formatNumber(locale, s.score, 2) });
      case 'timeZone':
        return t('settings.alertSettings.timeZone', { zone: s.zone });
      case 'lang':
        return t('settings.alertSettings.lang', { language: LOCALE_NAMES[s.lang] });
    }
  };
  const channel = (c: AlertRule['channels'][number]) =>
    c.type === 'webhook' ? t('settings.alertSettings.webhook', { url: c.url }) : c.type === 'email' ? t('settings.alertSettings.email', { to: c.to.join(', ') }) : t('settings.alertSettings.dashboard');
  return (
    <ul className="muted small plain-list" data-testid="alert-rule-settings">
      {ruleSettings(rule).map((s) => (
        <li key={s.key}>{words(s)}</li>
      ))}
      <li>{t('settings.alertSettings.sentTo', { list: new Intl.ListFormat(locale, { type: 'conjunction' }).format(rule.channels.map(channel)) })}</li>
    </ul>
  );
}
