import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { endpoints, type PeriodScope } from '../api/endpoints.ts';
import type { ShareOfVoiceAnswer, VoiceShare } from '../api/types.ts';
import { useApi } from '../api/use-api.ts';
import { ScopeBar, usePeriodScope } from '../app/scope.tsx';
import { useWorkspace } from '../app/session.tsx';
import { Chart } from '../charts/Chart.tsx';
import { shareOption, timeLinesOption } from '../charts/options.ts';
import { Async, Empty } from '../components/Async.tsx';
import { Scoped } from '../components/Scoped.tsx';
import { formatCompact, formatNumber, formatPercent } from '../i18n/format.ts';

export function ShareOfVoicePage() {
  const { t } = useTranslation();
  const scope = usePeriodScope({ topic: false });
  return (
    <section aria-labelledby="sov-title">
      <h1 id="sov-title">{t('sov.title')}</h1>
      <p className="lead">{t('sov.intro')}</p>
      <Scoped state={scope}>
        {({ scope: s }) => (
          <>
            <ScopeBar first={s.first} last={s.last} tz={s.tz} />
            <SovData scope={s} />
          </>
        )}
      </Scoped>
    </section>
  );
}

function SovData({ scope }: { scope: PeriodScope }) {
  const ws = useWorkspace();
  const { topic: _topic, ...period } = scope;
  const state = useApi(() => endpoints.shareOfVoice(ws, period), `${ws}:${JSON.stringify(period)}`);
  const { t } = useTranslation();
  return <Async state={state}>{(data) => (data.total.length === 0 ? <Empty>{t('sov.noTopics')}</Empty> : <SovBody data={data} />)}</Async>;
}

function ShareTable({ shares, caption }: { shares: VoiceShare[]; caption: string }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  return (
    <table>
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('sov.topic')}</th>
          <th scope="col">{t('sov.role')}</th>
          <th scope="col" className="num">{t('sov.mentions')}</th>
          <th scope="col" className="num">{t('sov.share')}</th>
          <th scope="col" className="num">{t('sov.reach')}</th>
          <th scope="col" className="num">{t('sov.reachShare')}</th>
        </tr>
      </thead>
      <tbody>
        {shares.map((s) => (
          <tr key={s.topicId}>
            <th scope="row">{s.name}</th>
            <td>{t(`roles.${s.role}`)}</td>
            <td className="num">{formatNumber(locale, s.mentions)}</td>
            <td className="num">{formatPercent(locale, s.share)}</td>
            <td className="num">{formatCompact(locale, s.reach)}</td>
            <td className="num">{formatPercent(locale, s.reachShare)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function SovBody({ data }: { data: ShareOfVoiceAnswer }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const donut = useMemo(() => shareOption(data.total.map((s) => ({ name: s.name, value: s.mentions })), locale), [data.total, locale]);
  const lines = useMemo(
    () =>
      data.overTime.length > 1
        ? timeLinesOption(
            data.overTime.map((p) => ({ t: `${p.period}T00:00:00Z`, values: Object.fromEntries(p.shares.map((s) => [String(s.topicId), s.share])) })),
            data.total.map((s) => ({ key: String(s.topicId), label: s.name })),
            locale,
            'day',
            // Periods are calendar days at UTC midnight: label them in UTC, or a browser west of UTC shows the day before.
            { percent: true, height: 300, utc: true },
          )
        : null,
    [data, locale],
  );
  return (
    <>
      <div className="grid-2">
        <div className="card">
          <h2>{t('sov.share')}</h2>
          <Chart option={donut} label={t('sov.share')} />
        </div>
        <div className="card table-wrap">
          <h2>{t('sov.totals')}</h2>
          <ShareTable shares={data.total} caption={t('sov.totals')} />
        </div>
      </div>
      {lines && (
        <div className="card">
          <h2>{t('sov.overTime')}</h2>
          <Chart option={lines} label={t('sov.overTime')} height={300} />
        </div>
      )}
      <div className="grid-2">
        {data.byChannel.length > 0 && (
          <div className="card table-wrap">
            <h2>{t('sov.byChannel')}</h2>
            <Breakdown rows={data.byChannel} />
          </div>
        )}
        {data.byLanguage.length > 0 && (
          <div className="card table-wrap">
            <h2>{t('sov.byLanguage')}</h2>
            <Breakdown rows={data.byLanguage} />
          </div>
        )}
      </div>
    </>
  );
}

/** One row per channel (or language), one column per topic: each cell that topic's share there. */
function Breakdown({ rows }: { rows: Array<{ key: string; shares: VoiceShare[] }> }) {
  const { i18n } = useTranslation();
  const topics = rows[0]?.shares ?? [];
  return (
    <table>
      <thead>
        <tr>
          <th scope="col" />
          {topics.map((s) => (
            <th key={s.topicId} scope="col" className="num">
              {s.name}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key}>
            <th scope="row">{row.key}</th>
            {row.shares.map((s) => (
              <td key={s.topicId} className="num">
                {formatPercent(i18n.language, s.share)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
