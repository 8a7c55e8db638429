/**
 * The client's review page, opened from a review link without an account: the post as it
 * will go out and the conversation, and a comment form. Nothing here can change the post.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { calendarEndpoints } from '../api/calendar-endpoints.ts';
import { useApi } from '../api/use-api.ts';
import { LanguagePicker } from '../app/Layout.tsx';
import { Async } from '../components/Async.tsx';
import { FormError, useWrites } from '../components/FormError.tsx';
import { formatDateTime } from '../i18n/format.ts';
import './calendar.css';

export const REVIEW_PREFIX = '/review/';

export function ReviewPage({ token }: { token: string }) {
  const { t, i18n } = useTranslation();
  const view = useApi(() => calendarEndpoints.review(token), `review:${token}`);
  const { error, run } = useWrites();
  const [name, setName] = useState('');
  const [comment, setComment] = useState('');
  const [sent, setSent] = useState(false);

  const send = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      await calendarEndpoints.reviewComment(token, name, comment);
      setComment('');
      setSent(true);
      view.reload();
    });
  };

  return (
    <main className="review-page" id="main">
      <header className="form-row">
        <h1>{t('composer.review.title')}</h1>
        <LanguagePicker />
      </header>
      <p className="muted">{t('composer.review.intro')}</p>
      <Async state={view}>
        {(v) => (
          <>
            <article className="card composer-preview" data-testid="review-post">
              <p className="muted small">
                {v.item.channel} · {v.item.scheduledAt === null ? t('composer.review.notScheduled') : t('composer.review.scheduled', { when: formatDateTime(i18n.language, v.item.scheduledAt) })}
              </p>
              <h2>{v.item.title}</h2>
              <p className="composer-text">{v.item.body}</p>
              {v.item.media.map((m) => (
                <p key={m.url} className="small muted">
                  🖼 {m.alt}
                </p>
              ))}
            </article>
            <section aria-labelledby="review-comments">
              <h2 id="review-comments">{t('composer.review.comments')}</h2>
              {v.comments.length === 0 ? (
                <p className="muted">{t('composer.review.noComments')}</p>
              ) : (
                <ul className="plain-list" data-testid="review-comments">
                  {v.comments.map((c, i) => (
                    <li key={i}>
                      <strong>{c.author}</strong> · {formatDateTime(i18n.language, c.createdAt)}
                      <p>{c.comment}</p>
                    </li>
                  ))}
                </ul>
              )}
            </section>
            <form className="stack-form" onSubmit={send}>
              <label>
                {t('composer.review.yourName')}
                <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={100} />
              </label>
              <label>
                {t('composer.review.yourComment')}
                <textarea rows={3} value={comment} onChange={(e) => setComment(e.target.value)} required maxLength={5000} />
              </label>
              <button type="submit">{t('composer.review.send')}</button>
              {sent && <p role="status">{t('composer.review.sent')}</p>}
              <FormError error={error} />
            </form>
            <p className="muted small">{t('composer.review.expires', { when: formatDateTime(i18n.language, v.expiresAt) })}</p>
          </>
        )}
      </Async>
    </main>
  );
}
