import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { endpoints } from '../api/endpoints.ts';
import type { CrisisItem } from '../api/types.ts';
import { useApi } from '../api/use-api.ts';
import { ScopeBar, usePeriodScope } from '../app/scope.tsx';
import { useWorkspace } from '../app/session.tsx';
import { Async, Empty } from '../components/Async.tsx';
import { CauseSentence, mentionsLink } from '../components/Causes.tsx';
import { Link } from '../app/router.tsx';
import { fromPost, PostCard } from '../components/MentionCard.tsx';
import { Scoped } from '../components/Scoped.tsx';
import { spikeTexts } from '../components/spike-text.ts';
import { formatCompact, formatDate, formatPercent } from '../i18n/format.ts';

/** Dismiss (with a reason) or restore an item; the list reloads after. */
function DismissControl({ item, topic, onChange }: { item: CrisisItem; topic: number; onChange: () => void }) {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const [error, setError] = useState<string | null>(null);
  const act = async () => {
    setError(null);
    try {
      if (item.dismissed) await endpoints.restoreCrisisItem(ws, topic, item.key);
      else {
        const reason = window.prompt(t('crisis.dismissReason'))?.trim();
        if (!reason) return;
        await endpoints.dismissCrisisItem(ws, topic, item.key, reason);
      }
      onChange();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <p className="dismiss">
      {item.dismissed && <span className="muted">{t('crisis.dismissed', { by: item.dismissed.by, reason: item.dismissed.reason })} </span>}
      <button type="button" onClick={act}>{item.dismissed ? t('crisis.restore') : t('crisis.dismiss')}</button>
      {error && <span role="alert"> {error}</span>}
    </p>
  );
}

export function CrisisList({ items, compact = false, scope, onChange }: { items: CrisisItem[]; compact?: boolean; scope?: { topic: number; tz: string }; onChange?: () => void }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  if (items.length === 0) return <Empty>{t('crisis.none')}</Empty>;
  const control = (item: CrisisItem) => (scope && onChange && !compact ? <DismissControl item={item} topic={scope.topic} onChange={onChange} /> : null);
  return (
    <ol className="crisis-list" data-testid="crisis-list">
      {items.map((item, i) =>
        item.kind === 'negative-spike' ? (
          <li key={`s${item.spike.start}`} className={item.dismissed ? 'crisis-item dismissed' : 'crisis-item'}>
            <div className="crisis-head">
              <span className="badge kind-spike">{t('crisis.kindSpike')}</span>
              <span className={`badge severity-${item.spike.severity}`}>{t(`severity.${item.spike.severity}`)}</span>
              <strong>
                {t('crisis.spikeTitle', {
                  day: formatDate(locale, item.spike.peak),
                  value: spikeTexts(locale, item.figures).observed,
                  expected: spikeTexts(locale, item.figures).expected,
                })}
              </strong>
            </div>
            {item.figures.cause && <CauseSentence cause={item.figures.cause} />}
            {scope && (
              <p>
                <Link href={mentionsLink(scope.topic, item.spike.start, item.spike.end, scope.tz)}>{t('spikes.allMentions')}</Link>
              </p>
            )}
            {control(item)}
            {!compact && item.evidence.length > 0 && (
              <details open={i === 0}>
                <summary>{t('crisis.evidence', { count: item.evidence.length })}</summary>
                {item.evidence.map((post) => (
                  <PostCard key={post.id} post={fromPost(post)} />
                ))}
              </details>
            )}
          </li>
        ) : (
          <li key={`p${item.post.id}`} className={item.dismissed ? 'crisis-item dismissed' : 'crisis-item'}>
            <div className="crisis-head">
              <span className="badge kind-post">{t('crisis.kindPost')}</span>
              <strong>{t('crisis.postTitle', { author: item.post.authorHandle, reach: formatCompact(locale, item.reach) })}</strong>
            </div>
            <p className="muted">{t('crisis.postReason', { quantile: formatPercent(locale, item.reason.quantile), days: item.reason.days, threshold: formatCompact(locale, item.reason.threshold) })}</p>
            {control(item)}
            {compact ? <p className="clamp">{item.post.text}</p> : <PostCard post={fromPost(item.post)} />}
          </li>
        ),
      )}
    </ol>
  );
}

export function CrisisPage() {
  const { t } = useTranslation();
  const scope = usePeriodScope();
  return (
    <section aria-labelledby="crisis-title">
      <h1 id="crisis-title">{t('crisis.title')}</h1>
      <p className="lead">{t('crisis.intro')}</p>
      <Scoped state={scope}>
        {({ scope: s, topics }) => (
          <>
            <ScopeBar topics={topics} topic={s.topic} first={s.first} last={s.last} tz={s.tz} />
            <CrisisBody scope={s} />
          </>
        )}
      </Scoped>
    </section>
  );
}

function CrisisBody({ scope }: { scope: Parameters<typeof endpoints.crisis>[1] }) {
  const ws = useWorkspace();
  const state = useApi(() => endpoints.crisis(ws, scope), `${ws}:${JSON.stringify(scope)}`);
  return <Async state={state}>{(data) => <CrisisList items={data.items} scope={scope} onChange={state.reload} />}</Async>;
}
