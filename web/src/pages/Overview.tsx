import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { endpoints, type DayScope } from '../api/endpoints.ts';
import type { KpiComparison, KpiName, Overview } from '../api/types.ts';
import { useApi } from '../api/use-api.ts';
import { Link } from '../app/router.tsx';
import { ScopeBar, useDayScope } from '../app/scope.tsx';
import { useWorkspace } from '../app/session.tsx';
import { Chart } from '../charts/Chart.tsx';
import { BASELINE, NEGATIVE, PALETTE, timeLinesOption } from '../charts/options.ts';
import { Async, Empty } from '../components/Async.tsx';
import { NotSureNote } from '../components/NotSureNote.tsx';
import { Scoped } from '../components/Scoped.tsx';
import { Stat } from '../components/Stat.tsx';
import { formatDate, formatDateTime, formatNumber, formatPercent } from '../i18n/format.ts';
import { CrisisList } from './Crisis.tsx';

/** The KPIs the overview shows first, in this order; the rest follow. */
const KPI_ORDER: KpiName[] = ['mentions', 'negativeShare', 'netSentiment', 'newAuthors', 'shares', 'engagement'];
/** For these, more is bad news. */
const LOWER_IS_BETTER = new Set<KpiName>(['negativeShare']);
const RATIO_KPIS = new Set<KpiName>(['negativeShare']);

export function kpiTone(kpi: KpiComparison): 'good' | 'bad' | 'neutral' {
  if (kpi.status === 'normal' || kpi.status === 'unknown') return 'neutral';
  const up = kpi.status === 'above';
  return up === !LOWER_IS_BETTER.has(kpi.kpi) ? 'good' : 'bad';
}

export function OverviewPage() {
  const { t } = useTranslation();
  const scope = useDayScope();
  return (
    <section aria-labelledby="overview-title">
      <h1 id="overview-title">{t('overview.title')}</h1>
      <Scoped state={scope}>
        {({ scope: s, topics }) => (
          <>
            <ScopeBar topics={topics} topic={s.topic} date={s.date} tz={s.tz} />
            <OverviewData scope={s} />
          </>
        )}
      </Scoped>
    </section>
  );
}

function OverviewData({ scope }: { scope: DayScope }) {
  const ws = useWorkspace();
  const state = useApi(() => endpoints.overview(ws, scope), `${ws}:${JSON.stringify(scope)}`);
  return <Async state={state}>{(data) => <OverviewBody data={data} scope={scope} />}</Async>;
}

function OverviewBody({ data, scope }: { data: Overview; scope: DayScope }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const kpis = [...data.kpis].sort((a, b) => KPI_ORDER.indexOf(a.kpi) - KPI_ORDER.indexOf(b.kpi));
  const hourlyOption = useMemo(() => {
    if (data.hourly.length === 0) return null;
    const normal = data.normalHourly;
    return timeLinesOption(
      data.hourly.map((h) => ({ t: h.start, values: { count: h.mentions, negative: h.negative, normal: normal?.[h.hour] } })),
      [
        { key: 'count', label: formatDate(locale, `${data.date}T12:00:00`), color: PALETTE[0], area: true },
        ...(normal ? [{ key: 'normal', label: t('overview.seriesNormal'), color: BASELINE, dashed: true }] : []),
        { key: 'negative', label: t('overview.seriesNegative'), color: NEGATIVE },
      ],
      locale,
      'hour',
    );
  }, [data.hourly, data.normalHourly, data.date, locale, t]);

  return (
    <>
      <div className="stats" aria-label={t('overview.todayVsNormal')}>
        {kpis.map((kpi) => (
          <KpiStat key={kpi.kpi} kpi={kpi} notSureShare={kpi.kpi === 'netSentiment' ? data.notSureShare : null} />
        ))}
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
              {data.alerts.map((alert) => (
                <li key={alert.id}>
                  <strong>{alert.title}</strong>{' '}
                  <span className="muted small">
                    {formatDateTime(locale, alert.sentAt)} · {alert.channel === 'dashboard' ? t('settings.dashboardOnly') : alert.channel}
                    {alert.status !== 'sent' && ` · ${alert.status}`}
                  </span>
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
          <Link href={`/crisis?topic=${scope.topic}&last=${scope.date}`}>{t('overview.openCrisis')}</Link>
        </div>
        <CrisisList items={data.crisis.slice(0, 3)} compact />
      </div>
    </>
  );
}

function KpiStat({ kpi, notSureShare }: { kpi: KpiComparison; notSureShare: number | null }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const format = (value: number | null) =>
    RATIO_KPIS.has(kpi.kpi) ? formatPercent(locale, value, 1) : formatNumber(locale, value, kpi.kpi === 'netSentiment' ? 1 : 0);
  const normal = kpi.sameWeekday ?? kpi.median;
  return (
    <Stat
      testId={`kpi-${kpi.kpi}`}
      label={t(`kpi.${kpi.kpi}`)}
      value={format(kpi.value)}
      tone={kpiTone(kpi)}
      {...(notSureShare == null ? {} : { note: <NotSureNote share={notSureShare} /> })}
      compare={
        kpi.change === null || normal === null
          ? t('overview.noNormal')
          : kpi.kpi === 'netSentiment'
            ? // Net sentiment crosses zero: the API gives a difference in points, not a ratio.
              t('overview.vsNormalPoints', { change: `${kpi.change > 0 ? '+' : ''}${formatNumber(locale, kpi.change, 1)}`, normal: format(normal) })
            : t('overview.vsNormal', { change: `${kpi.change > 0 ? '+' : ''}${formatPercent(locale, kpi.change)}`, normal: format(normal) })
      }
    />
  );
}
