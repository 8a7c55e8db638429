/**
 * What the watch pages look at: one topic and a period of local days, kept in the URL so
 * a view can be shared or bookmarked. Without a choice, the period ends on the day of the
 * newest mention (today on a live workspace; the last day of an imported or demo set).
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { endpoints, type DayScope, type PeriodScope } from '../api/endpoints.ts';
import type { ApiTopic } from '../api/types.ts';
import { pickTopic } from '../../../src/core/topic-ref.ts';
import { addDays, localDateKey } from '../../../src/watch/time.ts';
import { toDate } from '../i18n/format.ts';
import { navigate, useLocation } from './router.tsx';
import { useWorkspace } from './session.tsx';

const DATE_KEY = /^\d{4}-\d{2}-\d{2}$/;
export const DEFAULT_DAYS = 30;

interface WorkspaceFacts {
  /**
   * The zone the workspace counts days and hours in (GET /workspaces/:ws: MURMUR_TZ, else
   * UTC), sent as `tz` with every question so the dashboard shows the days the CLI and the
   * API show, whatever the browser's zone.
   */
  timeZone: string;
  topics: ApiTopic[];
  /** Local date of the newest mention; null when there is none. */
  dataEnd: string | null;
}

// Topics and the newest mention change rarely: one fetch per workspace per page load.
const factsCache = new Map<string, Promise<WorkspaceFacts>>();

export function loadWorkspaceFacts(ws: string): Promise<WorkspaceFacts> {
  const key = ws;
  let facts = factsCache.get(key);
  if (!facts) {
    facts = Promise.all([endpoints.workspace(ws), endpoints.topics(ws), endpoints.mentions(ws, {}, null, 1)]).then(([workspace, topics, newest]) => {
      const first = newest.items[0];
      const zone = workspace.timeZone;
      return { timeZone: zone, topics: topics.items, dataEnd: first ? localDateKey(toDate(first.publishedAt).getTime(), zone) : null };
    });
    facts.catch(() => factsCache.delete(key));
    factsCache.set(key, facts);
  }
  return facts;
}

/** Forget cached topics (after a topic is added or removed). */
export const clearWorkspaceFacts = () => factsCache.clear();

/** The topic the CLI and the API default to (src/core/topic-ref.ts): the first brand topic by id, else the first topic. */
export function defaultTopic(topics: ApiTopic[]): ApiTopic | null {
  return topics.length > 0 ? pickTopic(topics) : null;
}

/**
 * The topic the URL names (an id or a name), by the rules of the CLI and the API; null when
 * the workspace has none. An unknown topic throws the API's own error, listing the topics.
 */
export function topicOfUrl(search: URLSearchParams, topics: ApiTopic[]): ApiTopic | null {
  return topics.length > 0 ? pickTopic(topics, search.get('topic')) : null;
}

export type ScopeState<S> =
  | { status: 'loading' }
  | { status: 'error'; error: Error }
  | { status: 'no-topics' }
  | { status: 'ready'; scope: S; topics: ApiTopic[]; dataEnd: string | null };

function useFacts(): { state: 'loading' } | { state: 'error'; error: Error } | { state: 'ok'; facts: WorkspaceFacts } {
  const ws = useWorkspace();
  const [result, setResult] = useState<ReturnType<typeof useFacts>>({ state: 'loading' });
  useEffect(() => {
    let current = true;
    loadWorkspaceFacts(ws).then(
      (facts) => current && setResult({ state: 'ok', facts }),
      (error: unknown) => current && setResult({ state: 'error', error: error instanceof Error ? error : new Error(String(error)) }),
    );
    return () => {
      current = false;
    };
  }, [ws]);
  return result;
}

const todayKey = (zone: string) => localDateKey(Date.now(), zone);

type Resolved = { status: 'loading' } | { status: 'error'; error: Error } | { status: 'ok'; search: URLSearchParams; facts: WorkspaceFacts; topic: ApiTopic | null };

/** The workspace's topics and newest day, and the topic the URL names (or the default one). */
function useResolved(): Resolved {
  const { search } = useLocation();
  const facts = useFacts();
  if (facts.state !== 'ok') return facts.state === 'loading' ? { status: 'loading' } : { status: 'error', error: facts.error };
  try {
    return { status: 'ok', search, facts: facts.facts, topic: topicOfUrl(search, facts.facts.topics) };
  } catch (error) {
    return { status: 'error', error: error as Error };
  }
}

/** A topic and a period [first, last]. */
export function usePeriodScope(options: { topic?: boolean } = {}): ScopeState<PeriodScope> {
  const resolved = useResolved();
  if (resolved.status !== 'ok') return resolved;
  const { search, topic, facts: { topics, dataEnd, timeZone } } = resolved;
  if (options.topic !== false && !topic) return { status: 'no-topics' };
  const lastParam = search.get('last');
  const last = lastParam && DATE_KEY.test(lastParam) ? lastParam : (dataEnd ?? todayKey(timeZone));
  const firstParam = search.get('first');
  const first = firstParam && DATE_KEY.test(firstParam) && firstParam <= last ? firstParam : addDays(last, -(DEFAULT_DAYS - 1));
  return { status: 'ready', scope: { topic: topic?.id ?? 0, first, last, tz: timeZone }, topics, dataEnd };
}

/** A topic and one day. */
export function useDayScope(): ScopeState<DayScope> {
  const resolved = useResolved();
  if (resolved.status !== 'ok') return resolved;
  const { search, topic, facts: { topics, dataEnd, timeZone } } = resolved;
  if (!topic) return { status: 'no-topics' };
  const dateParam = search.get('date');
  const date = dateParam && DATE_KEY.test(dateParam) ? dateParam : (dataEnd ?? todayKey(timeZone));
  return { status: 'ready', scope: { topic: topic.id, date, tz: timeZone }, topics, dataEnd };
}

/** Sets URL parameters of the current page, keeping the others. */
function setParams(changes: Record<string, string | null>): void {
  const params = new URLSearchParams(location.search);
  for (const [key, value] of Object.entries(changes)) {
    if (value === null || value === '') params.delete(key);
    else params.set(key, value);
  }
  const query = params.toString();
  navigate(`${location.pathname}${query ? `?${query}` : ''}`, { replace: true });
}

export function ScopeBar({ topics, topic, first, last, date, tz }: { topics?: ApiTopic[]; topic?: number; first?: string; last?: string; date?: string; tz?: string }) {
  const { t } = useTranslation();
  return (
    <div className="scope-bar" role="group" aria-label={t('scope.label')}>
      {topics && topic !== undefined && (
        <label>
          {t('scope.topic')}
          <select value={String(topic)} onChange={(e) => setParams({ topic: e.target.value })} data-testid="scope-topic">
            {topics.map((item) => (
              <option key={item.id} value={String(item.id)}>
                {item.name}
              </option>
            ))}
          </select>
        </label>
      )}
      {date !== undefined && (
        <label>
          {t('scope.day')}
          <input type="date" value={date} required onChange={(e) => e.target.value && setParams({ date: e.target.value })} />
        </label>
      )}
      {first !== undefined && last !== undefined && (
        <>
          <label>
            {t('scope.first')}
            <input type="date" value={first} max={last} required onChange={(e) => e.target.value && setParams({ first: e.target.value })} />
          </label>
          <label>
            {t('scope.last')}
            <input type="date" value={last} min={first} required onChange={(e) => e.target.value && setParams({ last: e.target.value })} />
          </label>
        </>
      )}
      {tz !== undefined && (
        <span className="scope-zone" data-testid="scope-zone">
          {t('scope.timeZone', { tz })}
        </span>
      )}
    </div>
  );
}
