import { useTranslation } from 'react-i18next';
import { endpoints } from '../api/endpoints.ts';
import type { CrisisItem } from '../api/types.ts';
import { useApi } from '../api/use-api.ts';
import { useWorkspace } from '../app/session.tsx';
import { Async, Empty } from '../components/Async.tsx';
import { MentionCard } from '../components/MentionCard.tsx';
import { formatDateTime, formatNumber } from '../i18n/format.ts';

export function CrisisList({ items, compact = false }: { items: CrisisItem[]; compact?: boolean }) {
  const { t, i18n } = useTranslation();
  if (items.length === 0) return <Empty>{t('crisis.none')}</Empty>;
  return (
    <ol className="crisis-list" data-testid="crisis-list">
      {items.map((item, i) => (
        <li key={i} className="crisis-item">
          <div className="crisis-head">
            <span className={`badge kind-${item.kind}`}>{item.kind === 'post' ? t('crisis.kindPost') : t('crisis.kindSpike')}</span>
            <strong>{item.title ?? item.summary ?? ''}</strong>
            {item.severity !== undefined && (
              <span className="badge severity">
                {t('crisis.severity')}: {typeof item.severity === 'number' ? formatNumber(i18n.language, item.severity, 1) : item.severity}
              </span>
            )}
            {item.at && <span className="muted">{formatDateTime(i18n.language, item.at)}</span>}
          </div>
          {item.title && item.summary && <p>{item.summary}</p>}
          {!compact && item.posts && item.posts.length > 0 && (
            <details open={i === 0}>
              <summary>{t('crisis.evidence', { count: item.posts.length })}</summary>
              {item.posts.map((post) => (
                <MentionCard key={post.id} mention={post} />
              ))}
            </details>
          )}
        </li>
      ))}
    </ol>
  );
}

export function CrisisPage() {
  const { t } = useTranslation();
  const ws = useWorkspace();
  const state = useApi(() => endpoints.crisis(ws), ws);
  return (
    <section aria-labelledby="crisis-title">
      <h1 id="crisis-title">{t('crisis.title')}</h1>
      <p className="lead">{t('crisis.intro')}</p>
      <Async state={state}>{(data) => <CrisisList items={data.items} />}</Async>
    </section>
  );
}
