import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { listsEndpoints, type ApiReply } from '../api/lists-endpoints.ts';
import { ErrorBox } from './Async.tsx';

/**
 * The replies already stored on a mention (sent, failed, or held for approval), read when
 * its reply box opens: what a colleague already answered stays in sight after a reload, and
 * a reply held for approval is approved here by another member (the server refuses its
 * author). `skip` is the reply the box itself shows; `version` reloads after it changed.
 */
export function StoredReplies({ ws, mentionId, skip, version }: { ws: string; mentionId: number; skip: number | null; version: number }) {
  const { t } = useTranslation();
  const [replies, setReplies] = useState<ApiReply[] | null>(null);
  const [busy, setBusy] = useState<number | null>(null);
  const [error, setError] = useState<Error | null>(null);
  useEffect(() => {
    let live = true;
    listsEndpoints.replies(ws, mentionId).then(
      (answer) => live && setReplies(answer.items),
      (e: unknown) => live && setError(e instanceof Error ? e : new Error(String(e))),
    );
    return () => {
      live = false;
    };
  }, [ws, mentionId, version]);

  const approve = (reply: ApiReply) => {
    setBusy(reply.id);
    setError(null);
    listsEndpoints.approveReply(ws, reply.id).then(
      (approved) => {
        setBusy(null);
        if (approved) setReplies((list) => list?.map((r) => (r.id === approved.id ? approved : r)) ?? null);
      },
      (e: unknown) => {
        setBusy(null);
        setError(e instanceof Error ? e : new Error(String(e)));
      },
    );
  };

  const shown = replies?.filter((r) => r.id !== skip) ?? [];
  if (shown.length === 0 && !error) return null;
  return (
    <div className="stored-replies" data-testid="stored-replies">
      {shown.length > 0 && <h4>{t('replies.stored')}</h4>}
      <ul>
        {shown.map((reply) => (
          <li key={reply.id} data-testid="stored-reply">
            <q>{reply.text}</q> <span className="muted">{t('replies.by', { who: reply.requestedBy })}</span>{' '}
            <span className={`reply-status reply-${reply.status}`}>{t(`replies.status.${reply.status}`)}</span>
            <ReplyLink url={reply.url} />
            {reply.status === 'awaiting_approval' && (
              <button type="button" className="button-secondary" disabled={busy === reply.id} onClick={() => approve(reply)}>
                {t('replies.approve')}
              </button>
            )}
          </li>
        ))}
      </ul>
      {error && <ErrorBox error={error} />}
    </div>
  );
}

/** The posted reply on its network, once it has a URL. */
export function ReplyLink({ url }: { url: string | null }) {
  const { t } = useTranslation();
  if (!url) return null;
  return (
    <>
      {' '}
      <a href={url} target="_blank" rel="noreferrer">
        {t('replies.open')}
      </a>
    </>
  );
}
