import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { endpoints } from '../api/endpoints.ts';
import type { InboxItem, InboxPage, InboxView, SentimentLabel, TriageChange, TriageEvent, TriageState } from '../api/inbox-types.ts';
import type { Member } from '../api/types.ts';
import { useApi } from '../api/use-api.ts';
import { navigate, useLocation } from '../app/router.tsx';
import { canEdit, useSession } from '../app/session.tsx';
import { Empty, ErrorBox, Loading, NotAvailable } from '../components/Async.tsx';
import { ExportLinks } from '../components/ExportLinks.tsx';
import { fromMention, PostCard } from '../components/MentionCard.tsx';
import { ReplyBox, REPLYABLE } from '../components/ReplyBox.tsx';
import { formatDateTime, formatNumber } from '../i18n/format.ts';
import './inbox.css';
import { TagChips, TagFiguresTable, TagRules } from './InboxTags.tsx';
import { SentimentAdapterBar } from './SentimentAdapter.tsx';
import { isNotSure, NOT_SURE_BELOW } from '../../../src/watch/figure-definitions.ts';

const VIEWS: { view: InboxView; key: 'all' | 'mine' | 'unassigned' | 'needsReply' | 'sentimentCheck' }[] = [
  { view: 'needs-reply', key: 'needsReply' },
  { view: 'sentiment-check', key: 'sentimentCheck' },
  { view: 'mine', key: 'mine' },
  { view: 'unassigned', key: 'unassigned' },
  { view: 'all', key: 'all' },
];
const STATES: TriageState[] = ['new', 'in_progress', 'done', 'ignored'];
const SENTIMENTS: SentimentLabel[] = ['positive', 'neutral', 'negative'];

/** One action on one or many mentions: triage fields, or a person's sentiment. */
type InboxAction = TriageChange | { sentiment: SentimentLabel } | { tags: { add?: string[]; remove?: string[] } };
const PAGE_SIZE = 50;

/** The options of a triage state menu, in the user's language. */
function StateOptions() {
  const { t } = useTranslation();
  return STATES.map((s) => (
    <option key={s} value={s}>
      {t(`inbox.states.${s}`)}
    </option>
  ));
}

function SentimentOptions() {
  const { t } = useTranslation();
  return SENTIMENTS.map((s) => (
    <option key={s} value={s}>
      {t(`sentiment.${s}`)}
    </option>
  ));
}

function viewOf(search: URLSearchParams): InboxView {
  const view = search.get('view');
  return VIEWS.some((v) => v.view === view) ? (view as InboxView) : 'needs-reply';
}

/** The inbox: the views, triage of each mention, and the same changes for a selection at once. */
export function InboxPage() {
  const { t, i18n } = useTranslation();
  const { workspace, session } = useSession();
  const ws = workspace.slug;
  const editable = canEdit(workspace.role);
  const { search } = useLocation();
  const view = viewOf(search);
  const stateParam = search.get('state');
  const state = STATES.includes(stateParam as TriageState) ? (stateParam as TriageState) : undefined;
  const offset = Math.max(0, Number(search.get('offset')) || 0);
  const tag = search.get('tag') ?? undefined;
  const [tagDraft, setTagDraft] = useState(tag ?? '');
  const [version, setVersion] = useState(0);
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [actionError, setActionError] = useState<Error | null>(null);
  const members = useApi(() => endpoints.members(ws), ws);
  const page = useApi(() => endpoints.inbox.list(ws, { view, state, tag, limit: PAGE_SIZE, offset }), `${ws}|${view}|${state}|${tag}|${offset}|${version}`);
  const memberList = members.status === 'ok' ? members.data.items : [];
  const me = memberList.find((m) => m.email === session.user.email);

  const go = (params: { view?: InboxView; state?: string; tag?: string; offset?: number }) => {
    const next = new URLSearchParams();
    next.set('view', params.view ?? view);
    const nextState = 'state' in params ? params.state : state;
    if (nextState) next.set('state', nextState);
    const nextTag = 'tag' in params ? params.tag : tag;
    if (nextTag) next.set('tag', nextTag);
    if (params.offset) next.set('offset', String(params.offset));
    setSelected(new Set());
    navigate(`/inbox?${next.toString()}`);
  };

  const change = useCallback(
    async (ids: number[], action: InboxAction): Promise<boolean> => {
      setActionError(null);
      try {
        if ('sentiment' in action) await endpoints.inbox.correctSentiment(ws, ids, action.sentiment);
        else if ('tags' in action) await endpoints.inbox.tag(ws, ids, action.tags);
        else await endpoints.inbox.triage(ws, ids, action);
        setVersion((v) => v + 1);
        return true;
      } catch (error) {
        setActionError(error instanceof Error ? error : new Error(String(error)));
        return false;
      }
    },
    [ws],
  );

  const items = page.status === 'ok' ? page.data.items : [];
  const toggle = (id: number) =>
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <section aria-labelledby="inbox-title" className="inbox-page">
      <h1 id="inbox-title">{t('inbox.title')}</h1>
      <nav aria-label={t('inbox.views')} className="inbox-views">
        {VIEWS.map((v) => (
          <button key={v.view} type="button" className={v.view === view ? '' : 'button-secondary'} aria-pressed={v.view === view} onClick={() => go({ view: v.view, offset: 0 })}>
            {t(`inbox.view.${v.key}`)}
          </button>
        ))}
        <label>
          {t('inbox.stateFilter')}
          <select value={state ?? ''} onChange={(e) => go({ state: e.target.value || undefined, offset: 0 })}>
            <option value="">{t(view === 'all' ? 'inbox.anyState' : 'inbox.openStates')}</option>
            <StateOptions />
          </select>
        </label>
        <form
          className="inbox-tag-filter"
          onSubmit={(e) => {
            e.preventDefault();
            go({ tag: tagDraft.trim() || undefined, offset: 0 });
          }}
        >
          <label>
            {t('inbox.tagFilter')}
            <input value={tagDraft} onChange={(e) => setTagDraft(e.target.value)} placeholder="billing" />
          </label>
          <button type="submit" className="button-secondary">
            {t('inbox.filter')}
          </button>
        </form>
      </nav>
      {view === 'needs-reply' && <p className="help">{t('inbox.needsReplyHelp')}</p>}
      {view === 'sentiment-check' && <p className="help">{t('inbox.sentimentCheckHelp', { percent: Math.round(NOT_SURE_BELOW * 100) })}</p>}
      {!editable && <p className="help">{t('inbox.readOnly')}</p>}
      <p className="help">
        {t('inbox.correctionsHelp')} <a href={endpoints.inbox.correctionsUrl(ws, 'csv')}>{t('inbox.correctionsCsv')}</a> · <a href={endpoints.inbox.correctionsUrl(ws, 'jsonl')}>{t('inbox.correctionsJsonl')}</a>
      </p>
      <SentimentAdapterBar ws={ws} editable={editable} version={version} onAdapted={() => setVersion((v) => v + 1)} />
      {actionError && <ErrorBox error={actionError} />}
      {page.status === 'loading' && <Loading />}
      {page.status === 'unavailable' && <NotAvailable />}
      {page.status === 'error' && <ErrorBox error={page.error} />}
      {page.status === 'ok' && (
        <>
          <p className="result-count" data-testid="inbox-total" aria-live="polite">
            {t('inbox.total', { count: page.data.total, formatted: formatNumber(i18n.language, page.data.total) })}
          </p>
          {page.data.total > 0 && <ExportLinks href={(format) => endpoints.inbox.exportUrl(ws, { view, state, tag }, format)} />}
          {editable && items.length > 0 && (
            <BulkBar items={items} selected={selected} setSelected={setSelected} members={memberList} me={me} onApply={(action) => void change([...selected], action).then((done) => done && setSelected(new Set()))} />
          )}
          {items.length === 0 ? (
            <Empty>{t('inbox.empty')}</Empty>
          ) : (
            <ul className="inbox-list" aria-label={t('inbox.title')}>
              {items.map((item) => (
                <li key={item.mention.id} data-testid="inbox-item">
                  <InboxRow item={item} members={memberList} me={me} editable={editable} checked={selected.has(item.mention.id)} onToggle={() => toggle(item.mention.id)} onChange={(action) => void change([item.mention.id], action)} version={version} />
                </li>
              ))}
            </ul>
          )}
          <Pager page={page.data} offset={offset} onGo={(next) => go({ offset: next })} />
        </>
      )}
      <TagRules ws={ws} editable={editable} onChanged={() => setVersion((v) => v + 1)} />
      <TagFiguresTable ws={ws} version={version} />
    </section>
  );
}

/** A member by name (or email); "(me)" marks the signed-in user. */
function useMemberLabel(me: Member | undefined): (member: Member) => string {
  const { t } = useTranslation();
  return (member) => {
    const name = member.name || member.email;
    return member.userId === me?.userId ? t('inbox.me', { name }) : name;
  };
}

function AssigneeSelect({ value, members, me, onChange, label, id }: { value: number | null | ''; members: Member[]; me: Member | undefined; onChange: (value: string) => void; label: string; id: string }) {
  const { t } = useTranslation();
  const memberLabel = useMemberLabel(me);
  return (
    <label htmlFor={id}>
      {label}
      <select id={id} value={value === null ? 'none' : String(value)} onChange={(e) => onChange(e.target.value)}>
        {value === '' && <option value="">{t('inbox.choose')}</option>}
        <option value="none">{t('inbox.nobody')}</option>
        {members.map((m) => (
          <option key={m.userId} value={String(m.userId)}>
            {memberLabel(m)}
          </option>
        ))}
      </select>
    </label>
  );
}

const assigneeOf = (value: string): number | null => (value === 'none' ? null : Number(value));

function BulkBar({ items, selected, setSelected, members, me, onApply }: { items: InboxItem[]; selected: Set<number>; setSelected: (s: Set<number>) => void; members: Member[]; me: Member | undefined; onApply: (action: InboxAction) => void }) {
  const { t } = useTranslation();
  const [state, setState] = useState<TriageState | ''>('');
  const [assignee, setAssignee] = useState('');
  const [sentiment, setSentiment] = useState<SentimentLabel | ''>('');
  const [tag, setTag] = useState('');
  const all = items.length > 0 && items.every((i) => selected.has(i.mention.id));
  const none = selected.size === 0;
  return (
    <div className={`inbox-bulk${none ? ' inbox-bulk-empty' : ''}`} role="group" aria-label={t('inbox.bulk')}>
      <label>
        <input type="checkbox" checked={all} onChange={() => setSelected(all ? new Set() : new Set(items.map((i) => i.mention.id)))} />
        {t('inbox.selectAll')}
      </label>
      <span data-testid="selected-count">{t('inbox.selected', { count: selected.size })}</span>
      <label>
        {t('inbox.bulkState')}
        <select value={state} onChange={(e) => setState(e.target.value as TriageState | '')}>
          <option value="">{t('inbox.choose')}</option>
          <StateOptions />
        </select>
      </label>
      <button type="button" disabled={none || !state} onClick={() => state && onApply({ state })}>
        {t('inbox.applyState')}
      </button>
      <AssigneeSelect id="bulk-assignee" label={t('inbox.bulkAssignee')} value={assignee === '' ? '' : assignee === 'none' ? null : Number(assignee)} members={members} me={me} onChange={setAssignee} />
      <button type="button" disabled={none || assignee === ''} onClick={() => onApply({ assigneeId: assigneeOf(assignee) })}>
        {t('inbox.applyAssignee')}
      </button>
      <label>
        {t('inbox.bulkSentiment')}
        <select value={sentiment} onChange={(e) => setSentiment(e.target.value as SentimentLabel | '')}>
          <option value="">{t('inbox.choose')}</option>
          <SentimentOptions />
        </select>
      </label>
      <button type="button" disabled={none || !sentiment} onClick={() => sentiment && onApply({ sentiment })}>
        {t('inbox.applySentiment')}
      </button>
      <label>
        {t('inbox.bulkTag')}
        <input value={tag} onChange={(e) => setTag(e.target.value)} maxLength={50} />
      </label>
      <button type="button" disabled={none || !tag.trim()} onClick={() => onApply({ tags: { add: [tag.trim()] } })}>
        {t('inbox.addTag')}
      </button>
      <button type="button" className="button-secondary" disabled={none || !tag.trim()} onClick={() => onApply({ tags: { remove: [tag.trim()] } })}>
        {t('inbox.takeOffTag')}
      </button>
    </div>
  );
}

function InboxRow({ item, members, me, editable, checked, onToggle, onChange, version }: { item: InboxItem; members: Member[]; me: Member | undefined; editable: boolean; checked: boolean; onToggle: () => void; onChange: (action: InboxAction) => void; version: number }) {
  const { t } = useTranslation();
  const { workspace } = useSession();
  const { mention, triage } = item;
  const id = mention.id;
  return (
    <div className={`inbox-row triage-${triage.state}`}>
      {editable && (
        <input type="checkbox" className="inbox-check" checked={checked} onChange={onToggle} aria-label={t('inbox.select', { author: mention.author.handle })} />
      )}
      <div className="inbox-body">
        <PostCard post={fromMention(mention)} />
        <TagChips tags={item.tags} editable={editable} onRemove={(tag) => onChange({ tags: { remove: [tag] } })} />
        <div className="inbox-triage">
          {item.priority !== null && <span className="badge">{t('inbox.priority', { value: item.priority })}</span>}
          <label htmlFor={`state-${id}`}>
            {t('inbox.state')}
            <select id={`state-${id}`} value={triage.state} disabled={!editable} onChange={(e) => onChange({ state: e.target.value as TriageState })}>
              <StateOptions />
            </select>
          </label>
          <label htmlFor={`sentiment-${id}`}>
            {t('inbox.sentiment')}
            <select id={`sentiment-${id}`} value={mention.sentiment?.label ?? ''} disabled={!editable} onChange={(e) => e.target.value && onChange({ sentiment: e.target.value as SentimentLabel })}>
              {!mention.sentiment && <option value="">–</option>}
              <SentimentOptions />
            </select>
          </label>
          {/* The model was not sure and the person finds it right: the same label as a correction (sure from now on, out of "Needs a sentiment check", and evidence for the adapter's held-out check). */}
          {editable && mention.sentiment && isNotSure(mention.sentiment.probabilities) && (
            <button type="button" className="button-secondary" onClick={() => onChange({ sentiment: mention.sentiment!.label })}>
              {t('inbox.confirmSentiment', { label: t(`sentiment.${mention.sentiment.label}`) })}
            </button>
          )}
          {editable ? (
            <AssigneeSelect id={`assignee-${id}`} label={t('inbox.assignee')} value={triage.assigneeId} members={members} me={me} onChange={(v) => onChange({ assigneeId: assigneeOf(v) })} />
          ) : (
            <span>
              {t('inbox.assignee')}: {members.find((m) => m.userId === triage.assigneeId)?.email ?? t('inbox.nobody')}
            </span>
          )}
        </div>
        {editable && REPLYABLE.has(mention.source) && (
          <div className="inbox-reply">
            <ReplyBox ws={workspace.slug} mention={mention} />
          </div>
        )}
        <Details id={id} notes={triage.notes} members={members} editable={editable} onSave={(notes) => onChange({ notes })} version={version} />
      </div>
    </div>
  );
}

function Details({ id, notes, members, editable, onSave, version }: { id: number; notes: string; members: Member[]; editable: boolean; onSave: (notes: string) => void; version: number }) {
  const { t } = useTranslation();
  const { workspace } = useSession();
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState(notes);
  const [history, setHistory] = useState<TriageEvent[] | null>(null);
  useEffect(() => setDraft(notes), [notes]);
  useEffect(() => {
    if (!open) return;
    let live = true;
    endpoints.inbox.get(workspace.slug, id).then(
      (answer) => live && setHistory(answer.history),
      () => live && setHistory([]),
    );
    return () => {
      live = false;
    };
  }, [open, id, workspace.slug, version]);
  return (
    <details className="inbox-details" onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
      <summary>{t('inbox.details')}</summary>
      <label htmlFor={`notes-${id}`}>{t('inbox.notes')}</label>
      <textarea id={`notes-${id}`} value={draft} readOnly={!editable} onChange={(e) => setDraft(e.target.value)} rows={3} />
      {editable && (
        <button type="button" disabled={draft === notes} onClick={() => onSave(draft)}>
          {t('inbox.saveNotes')}
        </button>
      )}
      <h3>{t('inbox.history')}</h3>
      {!open ? null : history === null ? <Loading /> : history.length === 0 ? <p className="muted">{t('inbox.noHistory')}</p> : <History events={history} members={members} />}
    </details>
  );
}

function History({ events, members }: { events: TriageEvent[]; members: Member[] }) {
  const { t, i18n } = useTranslation();
  const who = (userId: number | null) => (userId === null ? t('inbox.commandLine') : members.find((m) => m.userId === userId)?.email ?? `#${userId}`);
  const value = (field: string, v: string | null) => {
    if (v === null || v === '') return '∅';
    if (field === 'assignee') return who(Number(v));
    if (field === 'state') return t(`inbox.states.${v as TriageState}`);
    if (field === 'sentiment') return t(`sentiment.${v as 'positive'}`);
    return v;
  };
  return (
    <ol className="inbox-history" data-testid="inbox-history">
      {events.map((e, i) => (
        <li key={i}>
          <time dateTime={e.at}>{formatDateTime(i18n.language, e.at)}</time> {t('inbox.event', { who: who(e.userId), field: t(`inbox.fields.${e.field as 'state'}`), from: value(e.field, e.from), to: value(e.field, e.to) })}
        </li>
      ))}
    </ol>
  );
}

function Pager({ page, offset, onGo }: { page: InboxPage; offset: number; onGo: (offset: number) => void }) {
  const { t } = useTranslation();
  if (page.total <= PAGE_SIZE) return null;
  return (
    <div className="inbox-pager">
      <button type="button" className="button-secondary" disabled={offset === 0} onClick={() => onGo(Math.max(0, offset - PAGE_SIZE))}>
        {t('inbox.previous')}
      </button>
      <span>{t('inbox.range', { first: offset + 1, last: Math.min(page.total, offset + PAGE_SIZE), total: page.total })}</span>
      <button type="button" className="button-secondary" disabled={offset + PAGE_SIZE >= page.total} onClick={() => onGo(offset + PAGE_SIZE)}>
        {t('inbox.next')}
      </button>
    </div>
  );
}
