import { useTranslation } from 'react-i18next';
import { endpoints } from '../api/endpoints.ts';
import type { Spike } from '../api/types.ts';
import { useApi } from '../api/use-api.ts';
import { useWorkspace } from '../app/session.tsx';
import { Async, Empty } from '../components/Async.tsx';
import { MentionCard } from '../components/MentionCard.tsx';
import { formatDateTime, formatNumber, formatPercent } from '../i18n/format.ts';

export function SpikesPage() {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const state = useApi(() => endpoints.spikes(ws, {}), ws);
  return (
    <section aria-labelledby="spikes-title">
      <h1 id="spikes-title">{t('spikes.title')}</h1>
      <p className="lead">{t('spikes.intro')}</p>
      <Async state={state}>
        {(data) =>
          data.spikes.length === 0 ? (
            <Empty>{t('spikes.none')}</Empty>
          ) : (
            <ol className="spike-list">
              {data.spikes.map((spike, i) => (
                <SpikeCard key={i} spike={spike} />
              ))}
            </ol>
          )
        }
      </Async>
    </section>
  );
}

function SpikeCard({ spike }: { spike: Spike }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const drop = spike.direction === 'drop';
  return (
    <li className="card spike">
      <div className="card-head">
        <h2>
          <span className={`badge ${drop ? 'direction-drop' : 'direction-rise'}`}>{drop ? t('spikes.drop') : t('spikes.rise')}</span>{' '}
          {spike.metric === 'negative' ? t('spikes.metricNegative') : t('spikes.metricVolume')} · {formatDateTime(locale, spike.peak)}
        </h2>
        {spike.severity !== undefined && (
          <span className="badge severity">
            {t('crisis.severity')}: {typeof spike.severity === 'number' ? formatNumber(locale, spike.severity, 1) : spike.severity}
          </span>
        )}
      </div>
      <p className="muted">
        {t('spikes.window', { start: formatDateTime(locale, spike.start), end: formatDateTime(locale, spike.end) })}
        {spike.observed !== undefined && spike.expected !== undefined && (
          <> · {t('spikes.observedExpected', { observed: formatNumber(locale, spike.observed), expected: formatNumber(locale, spike.expected) })}</>
        )}
      </p>
      {spike.summary && <p className="spike-summary">{spike.summary}</p>}
      {spike.causes && spike.causes.length > 0 && (
        <>
          <h3>{t('spikes.causes')}</h3>
          <ul className="causes">
            {spike.causes.map((cause, i) => (
              <li key={i}>
                <span className="cause-label">
                  {t(`spikes.dimension.${normaliseDimension(cause.dimension)}`)}: <strong>{cause.value}</strong>
                </span>
                <span className="bar" aria-hidden="true">
                  <span style={{ width: `${Math.min(100, Math.max(0, cause.share * 100))}%` }} />
                </span>
                <span className="cause-share">{t('spikes.share', { share: formatPercent(locale, cause.share) })}</span>
              </li>
            ))}
          </ul>
        </>
      )}
      {spike.posts && spike.posts.length > 0 && (
        <details>
          <summary>{t('spikes.topPosts', { count: spike.posts.length })}</summary>
          {spike.posts.map((post) => (
            <MentionCard key={post.id} mention={post} />
          ))}
        </details>
      )}
    </li>
  );
}

const DIMENSIONS = ['author', 'source', 'hashtag', 'domain', 'lang'] as const;
function normaliseDimension(dimension: string): (typeof DIMENSIONS)[number] | 'other' {
  const known = DIMENSIONS.find((d) => d === dimension || `${d}s` === dimension || (d === 'domain' && dimension === 'link') || (d === 'lang' && dimension === 'language'));
  return known ?? 'other';
}
