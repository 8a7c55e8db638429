import { useCallback, useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useVirtualizer } from '@tanstack/react-virtual';
import { ApiError, NotAvailableError } from '../api/client.ts';
import { endpoints, type MentionFilters } from '../api/endpoints.ts';
import type { ApiMention } from '../api/types.ts';
import { useApi } from '../api/use-api.ts';
import { navigate, useLocation } from '../app/router.tsx';
import { canEdit, useSession } from '../app/session.tsx';
import { ErrorBox, Empty, Loading, NotAvailable } from '../components/Async.tsx';
import { fromMention, PostCard } from '../components/MentionCard.tsx';
import { RepostGroup } from '../components/RepostGroup.tsx';
import { ExportLinks } from '../components/ExportLinks.tsx';
import { ReplyBox, REPLYABLE } from '../components/ReplyBox.tsx';
import { listsEndpoints } from '../api/lists-endpoints.ts';
import { MuteAuthorButton, TopicMutes } from '../components/TopicMutes.tsx';
import { errorPosition, QueryError, useQueryCheck, type QueryProblem } from '../components/QueryError.tsx';
import { formatNumber } from '../i18n/format.ts';
import { SOURCE_NAMES } from '../../../src/core/mention.ts';
import { SENTIMENT_LANGUAGES } from '../../../src/nlp/languages.ts';

const FILTER_KEYS = ['q', 'topic', 'lang', 'sentiment', 'source', 'tag', 'from', 'to', 'sort', 'collapse', 'group'] as const;
const SORTS = [
  ['newest', 'mentions.sortNewest'],
  ['reach', 'mentions.sortReach'],
  ['engagement', 'mentions.sortEngagement'],
  ['negative', 'mentions.sortNegative'],
] as const;
const SENTIMENTS = ['positive', 'neutral', 'negative'] as const;

export function filtersFrom(search: URLSearchParams): MentionFilters {
  const filters: MentionFilters = {};
  for (const key of FILTER_KEYS) {
    const value = search.get(key);
    if (value) filters[key] = value;
  }
  return filters;
}

/** Dates from the date inputs are whole days in the user's zone; the API gets instants. */
function toApiFilters(filters: MentionFilters): MentionFilters {
  const day = (value: string | undefined, end: boolean) => {
    if (!value) return undefined;
    const date = new Date(`${value}T00:00:00`);
    if (end) date.setDate(date.getDate() + 1);
    return date.toISOString();
  };
  return { ...filters, from: day(filters.from, false), to: day(filters.to, true) };
}

type Results =
  | { status: 'idle' | 'loading' | 'unavailable' }
  | { status: 'error'; error: Error }
  | { status: 'ok'; mentions: ApiMention[]; nextCursor: string | null; total?: number; loadingMore: boolean };

export function MentionsPage() {
  const { t, i18n } = useTranslation();
  const { workspace } = useSession();
  const ws = workspace.slug;
  const editable = canEdit(workspace.role);
  const { search } = useLocation();
  // Bumped by a change the list must show (a mute): the search runs again.
  const [version, setVersion] = useState(0);
  const changed = useCallback(() => setVersion((v) => v + 1), []);
  const applied = filtersFrom(search);
  const appliedKey = JSON.stringify(applied);
  const [draft, setDraft] = useState<MentionFilters>(applied);
  const [results, setResults] = useState<Results>({ status: 'loading' });
  const topics = useApi(() => endpoints.topics(ws), ws);
  const ticket = useRef(0);

  // Back/forward or a shared link changes the URL: the form follows it.
  useEffect(() => setDraft(JSON.parse(appliedKey) as MentionFilters), [appliedKey]);

  useEffect(() => {
    const mine = ++ticket.current;
    setResults({ status: 'loading' });
    endpoints.mentions(ws, toApiFilters(JSON.parse(appliedKey) as MentionFilters)).then(
      (page) => mine === ticket.current && setResults({ status: 'ok', mentions: page.items, nextCursor: page.nextCursor, total: page.total, loadingMore: false }),
      (error: unknown) => {
        if (mine !== ticket.current) return;
        if (error instanceof NotAvailableError) setResults({ status: 'unavailable' });
        else setResults({ status: 'error', error: error instanceof Error ? error : new Error(String(error)) });
      },
    );
  }, [ws, appliedKey, version]);

  const loadMore = useCallback(() => {
    if (results.status !== 'ok' || !results.nextCursor || results.loadingMore) return;
    const mine = ticket.current;
    setResults({ ...results, loadingMore: true });
    endpoints.mentions(ws, toApiFilters(JSON.parse(appliedKey) as MentionFilters), results.nextCursor).then(
      (page) => {
        if (mine !== ticket.current) return;
        setResults({ status: 'ok', mentions: [...results.mentions, ...page.items], nextCursor: page.nextCursor, total: results.total, loadingMore: false });
      },
      (error: unknown) => mine === ticket.current && setResults({ status: 'error', error: error instanceof Error ? error : new Error(String(error)) }),
    );
  }, [results, ws, appliedKey]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const params = new URLSearchParams();
    for (const key of FILTER_KEYS) {
      const value = draft[key]?.trim();
      if (value) params.set(key, value);
    }
    const query = params.toString();
    navigate(`/mentions${query ? `?${query}` : ''}`);
  };

  const set = (key: keyof MentionFilters) => (event: { target: { value: string } }) => setDraft((d) => ({ ...d, [key]: event.target.value }));
  const searchError = results.status === 'error' && results.error instanceof ApiError && results.error.status === 400 ? results.error : null;
  const liveProblem = useQueryCheck(ws, draft.q ?? '');
  // While typing, the live check speaks; once submitted, the search's own answer does.
  const queryError: QueryProblem | null =
    liveProblem && liveProblem.query === (draft.q ?? '')
      ? liveProblem
      : searchError && (draft.q ?? '') === (applied.q ?? '')
        ? { query: applied.q ?? '', message: searchError.message, position: errorPosition(searchError) }
        : null;

  return (
    <section aria-labelledby="mentions-title" className="mentions-page">
      <h1 id="mentions-title">{t('mentions.title')}</h1>
      <form className="search-form" onSubmit={submit} role="search">
        <div className="query-row">
          <label htmlFor="query" className="visually-hidden">
            {t('mentions.query')}
          </label>
          <input
            id="query"
            name="q"
            type="search"
            value={draft.q ?? ''}
            onChange={set('q')}
            placeholder={t('mentions.queryPlaceholder')}
            aria-invalid={queryError ? true : undefined}
            aria-describedby={queryError ? 'query-error' : 'query-help'}
            autoComplete="off"
            spellCheck={false}
          />
          <button type="submit">{t('mentions.search')}</button>
        </div>
        <p id="query-help" className="help">
          {t('mentions.queryHelp')}
        </p>
        {queryError && <QueryError id="query-error" query={queryError.query} message={queryError.message} position={queryError.position} />}
        <div className="filters">
          <label>
            {t('mentions.topic')}
            <select value={draft.topic ?? ''} onChange={set('topic')}>
              <option value="">{t('common.all')}</option>
              {topics.status === 'ok' &&
                topics.data.items.map((topic) => (
                  <option key={topic.id} value={String(topic.id)}>
                    {topic.name}
                  </option>
                ))}
            </select>
          </label>
          <label>
            {t('mentions.language')}
            <select value={draft.lang ?? ''} onChange={set('lang')}>
              <option value="">{t('common.all')}</option>
              {SENTIMENT_LANGUAGES.map((code) => (
                <option key={code} value={code}>
                  {languageName(i18n.language, code)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('mentions.sentiment')}
            <select value={draft.sentiment ?? ''} onChange={set('sentiment')}>
              <option value="">{t('common.all')}</option>
              {SENTIMENTS.map((s) => (
                <option key={s} value={s}>
                  {t(`sentiment.${s}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('mentions.source')}
            <select value={draft.source ?? ''} onChange={set('source')}>
              <option value="">{t('common.all')}</option>
              {SOURCE_NAMES.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('mentions.tag')}
            <input name="tag" value={draft.tag ?? ''} onChange={set('tag')} maxLength={50} placeholder="billing" />
          </label>
          <label>
            {t('mentions.from')}
            <input type="date" value={draft.from ?? ''} onChange={set('from')} />
          </label>
          <label>
            {t('mentions.to')}
            <input type="date" value={draft.to ?? ''} onChange={set('to')} />
          </label>
          <label>
            {t('mentions.sort')}
            <select name="sort" value={draft.sort ?? 'newest'} onChange={set('sort')}>
              {SORTS.map(([value, label]) => (
                <option key={value} value={value}>
                  {t(label)}
                </option>
              ))}
            </select>
          </label>
          <label className="checkbox">
            <input
              type="checkbox"
              checked={draft.collapse === 'true'}
              onChange={(event) => setDraft((d) => ({ ...d, collapse: event.target.checked ? 'true' : undefined }))}
            />
            {t('mentions.collapse')}
          </label>
        </div>
        {applied.group && (
          <p className="group-filter" data-testid="group-filter">
            {t('mentions.groupOnly')}{' '}
            <button type="button" className="button-secondary" onClick={() => navigate(`/mentions?${withoutGroup(search)}`)}>
              {t('mentions.groupClear')}
            </button>
          </p>
        )}
      </form>
      {applied.topic && <TopicMutes ws={ws} topicId={applied.topic} editable={editable} version={version} onChange={changed} />}
      {results.status === 'loading' && <Loading />}
      {results.status === 'unavailable' && <NotAvailable />}
      {results.status === 'error' && !searchError && <ErrorBox error={results.error} />}
      {results.status === 'ok' &&
        (results.mentions.length === 0 ? (
          <Empty>{t('mentions.noResults')}</Empty>
        ) : (
          <>
            <ExportLinks href={(format) => listsEndpoints.mentionsExportUrl(ws, toApiFilters(applied), format)} />
            <p className="result-count" data-testid="result-count" aria-live="polite">
              {results.total !== undefined
                ? t('mentions.resultsTotal', { shown: formatNumber(i18n.language, results.mentions.length), total: formatNumber(i18n.language, results.total) })
                : t(results.nextCursor ? 'mentions.resultsMore' : 'mentions.resultsShown', { shown: formatNumber(i18n.language, results.mentions.length) })}
            </p>
            <MentionList
              mentions={results.mentions}
              hasMore={results.nextCursor !== null}
              loadingMore={results.loadingMore}
              onLoadMore={loadMore}
              renderExtra={(mention) => (
                <>
                  <RepostGroup ws={ws} mention={mention} filters={toApiFilters(applied)} />
                  {editable && (applied.topic || REPLYABLE.has(mention.source)) && (
                    <div className="mention-actions">
                      {REPLYABLE.has(mention.source) && <ReplyBox ws={ws} mention={mention} />}
                      {applied.topic && <MuteAuthorButton ws={ws} topicId={applied.topic} handle={mention.author.handle} onChange={changed} />}
                    </div>
                  )}
                </>
              )}
            />
          </>
        ))}
    </section>
  );
}

function withoutGroup(search: URLSearchParams): string {
  const params = new URLSearchParams(search);
  params.delete('group');
  return params.toString();
}

function languageName(locale: string, code: string): string {
  try {
    return new Intl.DisplayNames([locale], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** Only the posts on screen are in the DOM, so ten thousand results scroll as smoothly as ten. */
function MentionList({
  mentions,
  hasMore,
  loadingMore,
  onLoadMore,
  renderExtra,
}: {
  mentions: ApiMention[];
  hasMore: boolean;
  loadingMore: boolean;
  onLoadMore: () => void;
  /** What a row shows under its post (its repost group, its actions). */
  renderExtra?: (mention: ApiMention) => ReactNode;
}) {
  const { t } = useTranslation();
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: mentions.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => 140,
    overscan: 6,
    getItemKey: (index) => mentions[index]!.id,
  });
  const items = virtualizer.getVirtualItems();
  const last = items[items.length - 1];

  // Near the end of what is loaded: fetch the next page.
  useEffect(() => {
    if (last && hasMore && !loadingMore && last.index >= mentions.length - 10) onLoadMore();
  }, [last, hasMore, loadingMore, mentions.length, onLoadMore]);

  return (
    <>
      <div ref={scroller} className="mention-scroller" data-testid="mention-list" tabIndex={0} aria-label={t('mentions.results')}>
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((item) => (
            <div
              key={item.key}
              data-index={item.index}
              ref={virtualizer.measureElement}
              style={{ position: 'absolute', top: 0, left: 0, width: '100%', transform: `translateY(${item.start}px)` }}
            >
              <PostCard post={fromMention(mentions[item.index]!)} />
              {renderExtra?.(mentions[item.index]!)}
            </div>
          ))}
        </div>
      </div>
      {hasMore && (
        <button type="button" className="button-secondary load-more" onClick={onLoadMore} disabled={loadingMore}>
          {loadingMore ? t('common.loading') : t('mentions.loadMore')}
        </button>
      )}
    </>
  );
}
