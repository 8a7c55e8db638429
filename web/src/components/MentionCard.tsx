import { useTranslation } from 'react-i18next';
import type { ApiMention } from '../api/types.ts';
import { formatCompact, formatDateTime, formatRelative } from '../i18n/format.ts';

/** One post: who said it, where, when, how it landed, and a link to the original. */
export function MentionCard({ mention }: { mention: ApiMention }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const label = mention.sentiment?.label;
  const { author, engagement } = mention;
  return (
    <article className="mention" lang={mention.lang && mention.lang !== 'und' ? mention.lang : undefined}>
      <header className="mention-head">
        <span className="mention-author">
          <strong>{author.displayName || author.handle}</strong> <span className="muted">@{author.handle}</span>
          {author.followers != null && (
            <span className="muted"> · {t('mentions.followers', { count: author.followers, formatted: formatCompact(locale, author.followers) })}</span>
          )}
        </span>
        <span className="mention-meta">
          <span className="badge">{mention.source}</span>
          {mention.lang && <span className="badge">{mention.lang}</span>}
          {label && <span className={`badge sentiment-${label}`}>{t(`sentiment.${label}`)}</span>}
          <time dateTime={new Date(mention.publishedAt).toISOString()} title={formatDateTime(locale, mention.publishedAt)}>
            {formatRelative(locale, mention.publishedAt)}
          </time>
        </span>
      </header>
      <p className="mention-text" dir="auto">{mention.text}</p>
      <footer className="mention-foot muted">
        <span>
          {t('mentions.engagement', {
            likes: formatCompact(locale, engagement.likes),
            shares: formatCompact(locale, engagement.shares),
            replies: formatCompact(locale, engagement.replies),
          })}
        </span>
        {mention.url && (
          <a href={mention.url} target="_blank" rel="noopener noreferrer nofollow">
            {t('mentions.openOriginal')}
          </a>
        )}
      </footer>
    </article>
  );
}
