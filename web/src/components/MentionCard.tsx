import { useTranslation } from 'react-i18next';
import type { ApiMention, Instant, Post } from '../api/types.ts';
import { formatCompact, formatDateTime, formatRelative, toDate } from '../i18n/format.ts';
import { isNotSure } from '../../../src/watch/figure-definitions.ts';

/** What a post card shows, whichever API shape (search mention or watch post) it came in. */
export interface PostView {
  id: number;
  source: string;
  url: string | null;
  handle: string;
  name: string | null;
  followers: number | null;
  text: string;
  publishedAt: Instant;
  lang: string | null;
  sentiment: 'negative' | 'neutral' | 'positive' | null;
  /** The model is not sure of the sentiment (docs/figures.md). */
  notSure?: boolean;
  likes: number;
  shares: number;
  replies: number;
}

export function fromMention(m: ApiMention): PostView {
  return {
    id: m.id,
    source: m.source,
    url: m.url,
    handle: m.author.handle,
    name: m.author.displayName,
    followers: m.author.followers,
    text: m.text,
    publishedAt: m.publishedAt,
    lang: m.lang,
    sentiment: m.sentiment?.label ?? null,
    notSure: isNotSure(m.sentiment?.probabilities),
    ...m.engagement,
  };
}

export function fromPost(p: Post): PostView {
  return {
    id: p.id,
    source: p.source,
    url: p.url,
    handle: p.authorHandle,
    name: p.authorName,
    followers: p.followers,
    text: p.text,
    publishedAt: p.publishedAt,
    lang: p.lang && p.lang !== 'und' ? p.lang : null,
    sentiment: p.sentiment,
    likes: p.likes,
    shares: p.shares,
    replies: p.replies,
  };
}

/** One post: who said it, where, when, how it landed, and a link to the original. */
export function PostCard({ post }: { post: PostView }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  return (
    <article className="mention" lang={post.lang ?? undefined}>
      <header className="mention-head">
        <span className="mention-author">
          <strong>{post.name || post.handle}</strong> <span className="muted">@{post.handle}</span>
          {post.followers != null && <span className="muted"> · {t('mentions.followers', { formatted: formatCompact(locale, post.followers) })}</span>}
        </span>
        <span className="mention-meta">
          <span className="badge">{post.source}</span>
          {post.lang && <span className="badge">{post.lang}</span>}
          {post.sentiment && <span className={`badge sentiment-${post.sentiment}`}>{t(`sentiment.${post.sentiment}`)}</span>}
          {post.notSure && (
            <span className="badge sentiment-not-sure" title={t('sentiment.notSureHelp')}>
              {t('sentiment.notSure')}
            </span>
          )}
          <time dateTime={toDate(post.publishedAt).toISOString()} title={formatDateTime(locale, post.publishedAt)}>
            {formatRelative(locale, post.publishedAt)}
          </time>
        </span>
      </header>
      <p className="mention-text" dir="auto">
        {post.text}
      </p>
      <footer className="mention-foot muted">
        <span>
          {t('mentions.engagement', {
            likes: formatCompact(locale, post.likes),
            shares: formatCompact(locale, post.shares),
            replies: formatCompact(locale, post.replies),
          })}
        </span>
        {post.url && (
          <a href={post.url} target="_blank" rel="noopener noreferrer nofollow">
            {t('mentions.openOriginal')}
          </a>
        )}
      </footer>
    </article>
  );
}
