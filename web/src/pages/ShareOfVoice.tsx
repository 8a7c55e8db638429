import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { endpoints } from '../api/endpoints.ts';
import type { ShareOfVoice } from '../api/types.ts';
import { useApi } from '../api/use-api.ts';
import { useWorkspace } from '../app/session.tsx';
import { Chart } from '../charts/Chart.tsx';
import { shareOption, timeLinesOption } from '../charts/options.ts';
import { Async, Empty } from '../components/Async.tsx';
import { formatCompact, formatNumber, formatPercent } from '../i18n/format.ts';

export function ShareOfVoicePage() {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const state = useApi(() => endpoints.shareOfVoice(ws, {}), ws);
  return (
    <section aria-labelledby="sov-title">
      <h1 id="sov-title">{t('sov.title')}</h1>
      <p className="lead">{t('sov.intro')}</p>
      <Async state={state}>{(data) => (data.topics.length === 0 ? <Empty>{t('sov.noTopics')}</Empty> : <SovBody data={data} />)}</Async>
    </section>
  );
}

function SovBody({ data }: { data: ShareOfVoice }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const donut = useMemo(() => shareOption(data.topics.map((topic) => ({ name: topic.name, value: topic.mentions })), locale), [data.topics, locale]);
  const lines = useMemo(
    () =>
      data.series && data.series.length > 0
        ? timeLinesOption(
            data.series.map((p) => ({ t: p.t, values: p.counts })),
            data.topics.map((topic) => ({ key: String(topic.topicId), label: topic.name })),
            locale,
            'day',
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
          <table>
            <thead>
              <tr>
                <th scope="col">{t('sov.topic')}</th>
                <th scope="col">{t('sov.role')}</th>
                <th scope="col" className="num">{t('sov.mentions')}</th>
                <th scope="col" className="num">{t('sov.reach')}</th>
                <th scope="col" className="num">{t('sov.share')}</th>
              </tr>
            </thead>
            <tbody>
              {data.topics.map((topic) => (
                <tr key={topic.topicId}>
                  <th scope="row">{topic.name}</th>
                  <td>{topic.role ? t(`roles.${topic.role}`) : '–'}</td>
                  <td className="num">{formatNumber(locale, topic.mentions)}</td>
                  <td className="num">{formatCompact(locale, topic.reach)}</td>
                  <td className="num">{formatPercent(locale, topic.share)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
      {lines && (
        <div className="card">
          <h2>{t('sov.overTime')}</h2>
          <Chart option={lines} label={t('sov.overTime')} height={300} />
        </div>
      )}
    </>
  );
}
