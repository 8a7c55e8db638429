import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { endpoints } from '../api/endpoints.ts';
import type { DayFigures, Overview } from '../api/types.ts';
import { useApi } from '../api/use-api.ts';
import { Link } from '../app/router.tsx';
import { useWorkspace } from '../app/session.tsx';
import { Chart } from '../charts/Chart.tsx';
import { BASELINE, NEGATIVE, PALETTE, timeLinesOption } from '../charts/options.ts';
import { Async, Empty } from '../components/Async.tsx';
import { Stat } from '../components/Stat.tsx';
import { formatDateTime, formatNumber, formatPercent } from '../i18n/format.ts';
import { CrisisList } from './Crisis.tsx';

const timeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

/** today / normal − 1, or null when there is no normal to compare with. */
export function changeVsNormal(today: number | undefined, normal: number | undefined): number | null {
  if (today === undefined || normal === undefined || normal === 0) return null;
  return today / normal - 1;
}

export function OverviewPage() {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const state = useApi(() => endpoints.overview(ws, timeZone()), ws);
  return (
    <section aria-labelledby="overview-title">
      <h1 id="overview-title">{t('overview.title')}</h1>
      <Async state={state}>{(data) => <OverviewBody data={data} />}</Async>
    </section>
  );
}

function OverviewBody({ data }: { data: Overview }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const hourlyOption = useMemo(
    () =>
      data.hourly && data.hourly.length > 0
        ? timeLinesOption(
            data.hourly.map((h) => ({ t: h.t, values: { count: h.count, negative: h.negative, normal: h.normal } })),
            [
              { key: 'count', label: t('overview.seriesToday'), color: PALETTE[0], area: true },
              ...(data.hourly.some((h) => h.normal != null) ? [{ key: 'normal', label: t('overview.seriesNormal'), color: BASELINE, dashed: true }] : []),
              { key: 'negative', label: t('overview.seriesNegative'), color: NEGATIVE },
            ],
            locale,
            'hour',
          )
        : null,
    [data.hourly, locale, t],
  );

  return (
    <>
      <div className="stats" aria-label={t('overview.todayVsNormal')}>
        <Figure label={t('overview.mentions')} pick={(d) => d.mentions} data={data} higherIsGood testId="stat-mentions" />
        <Figure label={t('overview.negative')} pick={(d) => d.negative} data={data} />
        <Figure label={t('overview.authors')} pick={(d) => d.authors} data={data} higherIsGood />
        <Stat
          label={t('overview.netSentiment')}
          value={formatNumber(locale, data.today.netSentiment, 2)}
          compare={t('overview.normalIs', { value: formatNumber(locale, data.normal.netSentiment, 2) })}
        />
      </div>
      <div className="grid-2">
        <div className="card">
          <h2>{t('overview.todayByHour')}</h2>
          {hourlyOption ? <Chart option={hourlyOption} label={t('overview.todayByHour')} /> : <Empty />}
        </div>
        <div className="card">
          <h2>{t('overview.alerts')}</h2>
          {data.alerts && data.alerts.length > 0 ? (
            <ul className="plain-list">
              {data.alerts.map((alert, i) => (
                <li key={alert.id ?? i}>
                  <strong>{alert.title ?? alert.kind}</strong> {alert.message && <span>{alert.message}</span>}{' '}
                  {alert.at && <span className="muted">{formatDateTime(locale, alert.at)}</span>}
                </li>
              ))}
            </ul>
          ) : (
            <Empty>{t('overview.noAlerts')}</Empty>
          )}
        </div>
      </div>
      <div className="card">
        <div className="card-head">
          <h2>{t('overview.crisisScan')}</h2>
          <Link href="/crisis">{t('overview.openCrisis')}</Link>
        </div>
        <CrisisList items={(data.crisis ?? []).slice(0, 3)} compact />
      </div>
    </>
  );
}

function Figure({ label, pick, data, higherIsGood = false, testId }: { label: string; pick: (d: DayFigures) => number | undefined; data: Overview; higherIsGood?: boolean; testId?: string }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const today = pick(data.today);
  const normal = pick(data.normal);
  const change = changeVsNormal(today, normal);
  const tone = change === null || Math.abs(change) < 0.1 ? 'neutral' : change > 0 === higherIsGood ? 'good' : 'bad';
  return (
    <Stat
      testId={testId}
      label={label}
      value={formatNumber(locale, today)}
      tone={tone}
      compare={
        change === null
          ? t('overview.noNormal')
          : t('overview.vsNormal', { change: `${change > 0 ? '+' : ''}${formatPercent(locale, change)}`, normal: formatNumber(locale, normal) })
      }
    />
  );
}
