import { ExportLinks } from '../components/ExportLinks.tsx';
import { listsEndpoints } from '../api/lists-endpoints.ts';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { endpoints, type PeriodScope } from '../api/endpoints.ts';
import type { ExplainedSpike, SpikesAnswer } from '../api/types.ts';
import { useApi } from '../api/use-api.ts';
import { ScopeBar, usePeriodScope } from '../app/scope.tsx';
import { useWorkspace } from '../app/session.tsx';
import { Chart } from '../charts/Chart.tsx';
import { NEGATIVE, PALETTE, spikeSeriesOption } from '../charts/options.ts';
import { Async, Empty } from '../components/Async.tsx';
import { CauseBars, CauseSentence, mentionsLink } from '../components/Causes.tsx';
import { Link } from '../app/router.tsx';
import { fromPost, PostCard } from '../components/MentionCard.tsx';
import { Scoped } from '../components/Scoped.tsx';
import { spikeTexts } from '../components/spike-text.ts';
import { formatDate, formatDateTime } from '../i18n/format.ts';

type Metric = 'mentions' | 'negative';

export function SpikesPage() {
  const { t } = useTranslation();
  const scope = usePeriodScope();
  const [metric, setMetric] = useState<Metric>('mentions');
  return (
    <section aria-labelledby="spikes-title">
      <h1 id="spikes-title">{t('spikes.title')}</h1>
      <p className="lead">{t('spikes.intro')}</p>
      <Scoped state={scope}>
        {({ scope: s, topics }) => (
          <>
            <ScopeBar topics={topics} topic={s.topic} first={s.first} last={s.last} tz={s.tz} />
            <div className="tabs" role="group" aria-label={t('spikes.metric')}>
              {(['mentions', 'negative'] as const).map((m) => (
                <button key={m} type="button" aria-pressed={m === metric} className={m === metric ? 'tab active' : 'tab'} onClick={() => setMetric(m)}>
                  {m === 'negative' ? t('spikes.metricNegative') : t('spikes.metricVolume')}
                </button>
              ))}
            </div>
            <SpikesBody scope={s} metric={metric} />
          </>
        )}
      </Scoped>
    </section>
  );
}

function SpikesBody({ scope, metric }: { scope: PeriodScope; metric: Metric }) {
  const ws = useWorkspace();
  const query = { ...scope, metric };
  const state = useApi(() => endpoints.spikes(ws, query), `${ws}:${JSON.stringify(query)}`);
  return (
    <Async state={state}>
      {(data) => (
        <>
          <ExportLinks href={(format) => listsEndpoints.listExportUrl(ws, 'spikes', { ...query }, format)} />
          <SpikesView data={data} metric={metric} scope={scope} />
        </>
      )}
    </Async>
  );
}

function SpikesView({ data, metric, scope }: { data: SpikesAnswer; metric: Metric; scope: PeriodScope }) {
  const { t, i18n } = useTranslation();
  const option = useMemo(
    () =>
      spikeSeriesOption(
        data.series.map((b) => ({ t: b.start, value: metric === 'negative' ? b.negative : b.mentions })),
        data.items.map((e) => ({ start: e.spike.start, end: e.spike.end, direction: e.spike.direction })),
        { label: metric === 'negative' ? t('spikes.metricNegative') : t('spikes.metricVolume'), color: metric === 'negative' ? NEGATIVE : PALETTE[0]!, rise: t('spikes.rise'), drop: t('spikes.drop') },
        i18n.language,
      ),
    [data, metric, t, i18n.language],
  );
  return (
    <>
      <div className="card">
        <Chart option={option} label={t('spikes.title')} height={280} />
      </div>
      {data.history?.status === 'learning' && (
        <p className="state" role="status">
          {t('spikes.learning', { weeks: data.history.weeks, seasons: data.history.seasons, minimum: data.history.minimum })}
        </p>
      )}
      {data.items.length === 0 ? (
        data.history?.status !== 'learning' && <Empty>{t('spikes.none')}</Empty>
      ) : (
        <ol className="spike-list">
          {data.items.map((item) => (
            <SpikeCard key={`${item.spike.start}:${item.spike.direction}`} item={item} scope={scope} />
          ))}
        </ol>
      )}
    </>
  );
}

function SpikeCard({ item, scope }: { item: ExplainedSpike; scope: PeriodScope }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const { spike, cause, figures, topPosts } = item;
  const texts = spikeTexts(locale, figures);
  const drop = spike.direction === 'drop';
  // A daily spike is about days; hours would suggest a precision it does not have.
  const when = (at: number) => (spike.granularity === 'day' ? formatDate(locale, at) : formatDateTime(locale, at));
  return (
    <li className="card spike">
      <div className="card-head">
        <h2>
          <span className={`badge ${drop ? 'direction-drop' : 'direction-rise'}`}>{drop ? t('spikes.drop') : t('spikes.rise')}</span>{' '}
          <span className={`badge severity-${spike.severity}`}>{t(`severity.${spike.severity}`)}</span> {when(spike.peak)}
        </h2>
      </div>
      <p className="muted">
        {spike.start === spike.end ? when(spike.start) : t('spikes.window', { start: when(spike.start), end: when(spike.end) })} ·{' '}
        {t('spikes.observedExpected', { observed: texts.observed, expected: texts.expected })}
      </p>
      {figures.cause && <CauseSentence cause={figures.cause} />}
      {cause.causes.length > 0 && (
        <>
          <h3>{t('spikes.causes')}</h3>
          <CauseBars causes={cause.causes} />
        </>
      )}
      <p>
        <Link href={mentionsLink(scope.topic, spike.start, spike.end, scope.tz)}>{t('spikes.allMentions')}</Link>
      </p>
      {topPosts.length > 0 && (
        <details>
          <summary>{t('spikes.topPosts', { count: topPosts.length })}</summary>
          {topPosts.map((post) => (
            <PostCard key={post.id} post={fromPost(post)} />
          ))}
        </details>
      )}
    </li>
  );
}
