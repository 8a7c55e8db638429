/**
 * One post of the calendar: its text, state and approval; moving it (the keyboard's way to
 * reschedule); submitting, approving or rejecting with a comment; comments; its history;
 * and the client review links. The server decides who may do what; the buttons follow the role.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { calendarEndpoints, type ReviewLink } from '../api/calendar-endpoints.ts';
import { useApi } from '../api/use-api.ts';
import { canEdit, useSession } from '../app/session.tsx';
import { Async, Empty } from '../components/Async.tsx';
import { FormError, useWrites } from '../components/FormError.tsx';
import { formatDateTime } from '../i18n/format.ts';
import type { CalendarItem } from '../../../src/plan/calendar.ts';
import { addDays } from '../../../src/watch/time.ts';
import { dayOf, fromLocalInput, moveToDay, toLocalInput } from './calendar-grid.ts';

export function CalendarItemPanel({ item, timeZone, onChanged, onClose }: { item: CalendarItem; timeZone: string; onChanged: () => void; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { workspace } = useSession();
  const ws = workspace.slug;
  const editable = canEdit(workspace.role) && item.status !== 'published';
  const approver = workspace.role === 'owner';
  const history = useApi(() => calendarEndpoints.history(ws, item.id), `${ws}:calendar:${item.id}:history:${item.approval}:${item.status}:${item.scheduledAt}`);
  const links = useApi(() => (canEdit(workspace.role) ? calendarEndpoints.reviewLinks(ws, item.id) : Promise.resolve({ items: [] as ReviewLink[] })), `${ws}:calendar:${item.id}:links`);
  const { error, run } = useWrites();
  const [when, setWhen] = useState(item.scheduledAt === null ? '' : toLocalInput(item.scheduledAt, timeZone));
  const [comment, setComment] = useState('');
  const [days, setDays] = useState(7);
  const [newLink, setNewLink] = useState<string | null>(null);

  const act = (write: () => Promise<unknown>) =>
    run(async () => {
      await write();
      setComment('');
      history.reload();
      onChanged();
    });
  const reschedule = (at: number | null) => act(() => calendarEndpoints.update(ws, item.id, { scheduledAt: at }));
  const shift = (by: number) => item.scheduledAt !== null && reschedule(moveToDay(item.scheduledAt, addDays(dayOf(item.scheduledAt, timeZone), by), timeZone));

  return (
    <aside className="card calendar-panel" aria-labelledby="calendar-panel-title" data-testid="calendar-panel">
      <h2 id="calendar-panel-title">
        {t('composer.item', { id: item.id })}: {item.title}
      </h2>
      <p>
        <strong>{item.channel}</strong> · {t(`plan.calendarStatus.${item.status}`)} · <span data-testid="approval-state">{t(`composer.approval.${item.approval}`)}</span>
        {item.scheduledAt !== null && <> · {formatDateTime(i18n.language, item.scheduledAt)}</>}
      </p>
      <p className="composer-text">{item.body}</p>
      {item.media.map((m) => (
        <p key={m.url} className="small muted">
          🖼 {m.alt}
        </p>
      ))}
      {item.publishedUrl && (
        <p>
          {t('composer.publishedAt')} <a href={item.publishedUrl}>{item.publishedUrl}</a>
        </p>
      )}
      {item.publishError && <p className="tone-bad">{item.publishError}</p>}

      {editable && (
        <div className="form-row">
          <label>
            {t('composer.moveTo', { tz: timeZone })}
            <input type="datetime-local" value={when} onChange={(e) => setWhen(e.target.value)} />
          </label>
          <button type="button" onClick={() => void reschedule(fromLocalInput(when, timeZone))} disabled={fromLocalInput(when, timeZone) === null}>
            {t('composer.move')}
          </button>
          <button type="button" className="secondary" onClick={() => void shift(-1)} disabled={item.scheduledAt === null}>
            {t('composer.dayEarlier')}
          </button>
          <button type="button" className="secondary" onClick={() => void shift(1)} disabled={item.scheduledAt === null}>
            {t('composer.dayLater')}
          </button>
        </div>
      )}

      <label>
        {t('composer.decisionComment')}
        <textarea rows={2} value={comment} onChange={(e) => setComment(e.target.value)} />
      </label>
      <div className="form-row">
        {editable && (item.approval === 'none' || item.approval === 'rejected') && (
          <button type="button" onClick={() => void act(() => calendarEndpoints.submit(ws, item.id, comment.trim() || undefined))}>
            {t('composer.submit')}
          </button>
        )}
        {approver && item.approval === 'pending' && (
          <>
            <button type="button" onClick={() => void act(() => calendarEndpoints.approve(ws, item.id, comment.trim() || undefined))}>
              {t('composer.approve')}
            </button>
            <button type="button" className="secondary" onClick={() => void act(() => calendarEndpoints.reject(ws, item.id, comment))}>
              {t('composer.reject')}
            </button>
          </>
        )}
        {canEdit(workspace.role) && (
          <button type="button" className="secondary" disabled={!comment.trim()} onClick={() => void act(() => calendarEndpoints.comment(ws, item.id, comment))}>
            {t('composer.addComment')}
          </button>
        )}
        <button type="button" className="button-link" onClick={onClose}>
          {t('composer.close')}
        </button>
      </div>
      <FormError error={error} />

      <h3>{t('composer.history')}</h3>
      <Async state={history}>
        {(data) => (
          <ol className="plain-list small" data-testid="item-history">
            {data.items.map((e) => (
              <li key={e.id}>
                {formatDateTime(i18n.language, e.createdAt)} · <strong>{t(`composer.events.${e.kind}`)}</strong> · {e.author}
                {e.comment && <q> {e.comment}</q>}
              </li>
            ))}
          </ol>
        )}
      </Async>

      {canEdit(workspace.role) && (
        <section aria-labelledby="review-links-title">
          <h3 id="review-links-title">{t('composer.reviewLinks')}</h3>
          <p className="muted small">{t('composer.reviewLinkIntro')}</p>
          <Async state={links}>
            {(data) =>
              data.items.length === 0 ? (
                <Empty />
              ) : (
                <ul className="plain-list small">
                  {data.items.map((l) => (
                    <li key={l.id}>
                      #{l.id} · {l.revokedAt !== null ? t('composer.revoked') : t('composer.expires', { when: formatDateTime(i18n.language, l.expiresAt) })}
                      {l.revokedAt === null && (
                        <button
                          type="button"
                          className="button-link"
                          onClick={() =>
                            void run(async () => {
                              await calendarEndpoints.revokeReviewLink(ws, l.id);
                              links.reload();
                              history.reload();
                            })
                          }
                        >
                          {t('composer.revoke')}
                        </button>
                      )}
                    </li>
                  ))}
                </ul>
              )
            }
          </Async>
          {item.status !== 'published' && (
            <div className="form-row">
              <label>
                {t('composer.days')}
                <input type="number" min={1} max={90} value={days} onChange={(e) => setDays(Number(e.target.value))} />
              </label>
              <button
                type="button"
                onClick={() =>
                  void run(async () => {
                    const link = await calendarEndpoints.createReviewLink(ws, item.id, days);
                    setNewLink(link ? new URL(link.path, location.origin).toString() : null);
                    links.reload();
                    history.reload();
                  })
                }
              >
                {t('composer.createLink')}
              </button>
            </div>
          )}
          {newLink && (
            <p role="status">
              {t('composer.linkCreated')} <input readOnly value={newLink} aria-label={t('composer.reviewLinks')} data-testid="review-link" onFocus={(e) => e.target.select()} />
            </p>
          )}
        </section>
      )}
    </aside>
  );
}
