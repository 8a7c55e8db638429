import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { listsEndpoints, type ApiReply } from '../api/lists-endpoints.ts';
import type { ApiMention } from '../api/types.ts';
import { ErrorBox } from './Async.tsx';
import { ReplyLink, StoredReplies } from './StoredReplies.tsx';

/** Networks Murmur can answer on with the workspace's account. */
export const REPLYABLE = new Set(['mastodon', 'bluesky']);

interface Draft {
  open: boolean;
  text: string;
  approval: boolean;
  /** One per reply composed: every click of Send passes it again. */
  key: string | null;
  reply: ApiReply | null;
}

/**
 * Drafts by workspace and mention, outside the rows: the list is virtualised, so a row
 * scrolled away (or re-measured) is unmounted, and its draft, key and posted reply must
 * still be there when it comes back.
 */
const drafts = new Map<string, Draft>();

/**
 * Answer a mention from its row: the replies already stored on it (StoredReplies), a text
 * box, an optional approval step, and the reply's link once posted. One idempotency key
 * per reply composed, sent again by every click of "Send" (a double click, a retry after a
 * 429): the server posts it once.
 */
export function ReplyBox({ ws, mention }: { ws: string; mention: ApiMention }) {
  const { t } = useTranslation();
  const id = `${ws}:${mention.id}`;
  const [draft, setDraftState] = useState<Draft>(() => drafts.get(id) ?? { open: false, text: '', approval: false, key: null, reply: null });
  const update = (change: Partial<Draft>) =>
    setDraftState((current) => {
      const next = { ...current, ...change };
      drafts.set(id, next);
      return next;
    });
  const { open, text, approval, reply } = draft;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const [submitted, setSubmitted] = useState(0);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim()) return;
    const key = draft.key ?? crypto.randomUUID();
    update({ key });
    setBusy(true);
    setError(null);
    listsEndpoints.reply(ws, mention.id, { text, idempotencyKey: key, approval }).then(
      (answer) => {
        setBusy(false);
        update({ reply: answer });
        setSubmitted((n) => n + 1);
      },
      (e: unknown) => {
        setBusy(false);
        setError(e instanceof Error ? e : new Error(String(e)));
      },
    );
  };

  if (!open) {
    return (
      <button type="button" className="button-secondary" onClick={() => update({ open: true })}>
        {t('replies.reply')}
      </button>
    );
  }
  return (
    <form className="reply-box" onSubmit={submit} data-testid="reply-box">
      <StoredReplies ws={ws} mentionId={mention.id} skip={reply?.id ?? null} version={submitted} />
      <label>
        {t('replies.text', { handle: mention.author.handle })}
        <textarea value={text} onChange={(e) => update({ text: e.target.value })} rows={3} disabled={reply?.status === 'sent'} />
      </label>
      <label className="checkbox">
        <input type="checkbox" checked={approval} onChange={(e) => update({ approval: e.target.checked })} disabled={reply !== null} />
        {t('replies.approval')}
      </label>
      {reply?.status !== 'sent' && reply?.status !== 'awaiting_approval' && (
        <button type="submit" disabled={busy}>
          {reply?.status === 'retrying' ? t('replies.retry') : t('replies.send')}
        </button>
      )}
      {error && <ErrorBox error={error} />}
      {reply && (
        <p className={`reply-status reply-${reply.status}`} role="status" data-testid="reply-status">
          {t(`replies.status.${reply.status}`)}
          <ReplyLink url={reply.url} />
          {reply.error && <span className="muted"> — {reply.error}</span>}
        </p>
      )}
    </form>
  );
}
