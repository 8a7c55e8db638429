/**
 * One poll of one source: claim it, walk its connector's pages, push each page
 * through `ingestBatch`, store the cursor after each page, then record the
 * outcome (health, next poll time) — whatever happened.
 */
import { storeFollowerCounts, storeOwnPosts } from '../own-accounts.ts';
import type { Network } from '../connectors/connector.ts';
import { AuthError } from '../connectors/connector.ts';
import { HttpClient, RateLimitedError, type FetchLike } from '../connectors/http.ts';
import { SecretKeyError } from '../connectors/secret-box.ts';
import { loadPipeline } from '../load-pipeline.ts';
import { ingestBatch, type IngestResult, type Pipeline } from '../pipeline.ts';
import { cursorOf, getSourceRow, sourceSettings, type SourceRow } from '../sources.ts';
import type { ExpressionBuilder } from 'kysely';
import type { Database } from '../../store/schema.ts';
import type { Store } from '../../store/store.ts';
import { log } from '../../core/log.ts';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff.ts';

export interface PollSummary {
  sourceId: number;
  workspaceId: number;
  network: Network;
  /** 'ok': walked to the end or to its page budget; 'failed': an error (pages before it are kept);
   *  'busy': another poller holds the source; 'aborted': stopped from outside (scheduler stop). */
  outcome: 'ok' | 'failed' | 'busy' | 'aborted';
  pages: number;
  fetched: number;
  inserted: number;
  updated: number;
  topicLinks: number;
  hashtagDays: number;
  requests: number;
  error: string | null;
  /** What the connector wants the user to know about this poll, e.g. that it waits for quota. */
  note: string | null;
  nextPollAt: Date | null;
}

/** What the alert hook gets after a poll that stored something. */
export interface IngestedEvent {
  sourceId: number;
  network: Network;
  inserted: number;
  updated: number;
  topicLinks: number;
  /** Ids of the stored mentions, in order. */
  mentionIds: number[];
}

export type OnIngested = (workspaceId: number, result: IngestedEvent) => void | Promise<void>;

export interface PollOptions {
  fetch?: FetchLike;
  now?: () => number;
  random?: () => number;
  /** AES key for the secrets; defaults to MURMUR_SECRET_KEY. */
  key?: Buffer;
  pipelineFor?: (workspaceId: number) => Promise<Pipeline>;
  onIngested?: OnIngested;
  /** A whole poll is abandoned after this long (default 2 min); one request after `requestTimeoutMs` (default 30 s). */
  pollTimeoutMs?: number;
  requestTimeoutMs?: number;
  /** Consecutive failures before a source is marked unhealthy (default 3). */
  failureThreshold?: number;
  backoff?: BackoffPolicy;
  /** Stops the poll from outside; pages already stored stay, with their cursor. */
  signal?: AbortSignal;
  /** Log a failed poll (default true). `sources run --once` reports failures itself, and logs on stdout would break its --json. */
  logFailures?: boolean;
}

export const DEFAULT_FAILURE_THRESHOLD = 3;
export const DEFAULT_POLL_TIMEOUT_MS = 120_000;

/** Takes the source for this poll unless another poller holds an unexpired lease. */
async function claim(store: Store, sourceId: number, now: number, leaseMs: number): Promise<boolean> {
  const result = await store.db
    .updateTable('sources')
    .set({ lease_until: now + leaseMs })
    .where('id', '=', sourceId)
    .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

function describeError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.slice(0, 1000);
}

async function storeVolumes(store: Store, row: SourceRow, volumes: { instance: string; tag: string; day: number; uses: number; accounts: number }[], now: number) {
  if (volumes.length === 0) return;
  await store.db
    .insertInto('hashtag_volume')
    .values(volumes.map((v) => ({ ...v, workspace_id: row.workspace_id, source_id: row.id, updated_at: now })))
    .onConflict((oc) =>
      oc.columns(['workspace_id', 'instance', 'tag', 'day']).doUpdateSet((eb) => ({
        uses: eb.ref('excluded.uses'),
        accounts: eb.ref('excluded.accounts'),
        source_id: eb.ref('excluded.source_id'),
        updated_at: eb.ref('excluded.updated_at'),
      })),
    )
    .execute();
}

export async function runSourceOnce(store: Store, sourceId: number, options: PollOptions = {}): Promise<PollSummary> {
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const pollTimeoutMs = options.pollTimeoutMs ?? DEFAULT_POLL_TIMEOUT_MS;
  const threshold = options.failureThreshold ?? DEFAULT_FAILURE_THRESHOLD;
  const row = await getSourceRow(store, sourceId);
  const network = row.network as Network;
  const summary: PollSummary = {
    sourceId,
    workspaceId: row.workspace_id,
    network,
    outcome: 'ok',
    pages: 0,
    fetched: 0,
    inserted: 0,
    updated: 0,
    topicLinks: 0,
    hashtagDays: 0,
    requests: 0,
    error: null,
    note: null,
    nextPollAt: null,
  };
  if (!(await claim(store, sourceId, now(), pollTimeoutMs + 30_000))) return { ...summary, outcome: 'busy' };

  const timeout = AbortSignal.timeout(pollTimeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  const http = new HttpClient({ fetch: options.fetch, now, signal, timeoutMs: options.requestTimeoutMs });
  const mentionIds: number[] = [];
  let failure: unknown = null;
  // The source as this poll read it. Edited meanwhile (updateSource: other options or
  // secrets), its cursor and status belong to the new settings: the poll stops writing them.
  const asRead = (eb: ExpressionBuilder<Database, 'sources'>) =>
    eb.and([eb('id', '=', sourceId), eb('config', '=', row.config), row.secrets === null ? eb('secrets', 'is', null) : eb('secrets', '=', row.secrets)]);
  let edited = false;
  let deferredUntil: number | null = null;

  try {
    const { connector, config, secrets } = sourceSettings(row, options.key);
    const pipeline = await (options.pipelineFor ?? ((ws) => loadPipeline(store, ws)))(row.workspace_id);

    const pages = connector.poll({ sourceId, config, secrets, cursor: cursorOf(row), http, now, signal });
    for await (const page of pages) {
      // The page and its cursor are stored before the next request: a crash after
      // this point resumes after this page; before it, the page is fetched again
      // and upserted (same external ids), never doubled.
      if (page.mentions.length > 0) {
        const result: IngestResult = await ingestBatch(store, row.workspace_id, page.mentions, pipeline);
        summary.inserted += result.inserted;
        summary.updated += result.updated;
        summary.topicLinks += result.topicLinks;
        mentionIds.push(...result.ids);
      }
      await storeVolumes(store, row, page.hashtagVolumes ?? [], now());
      await storeOwnPosts(store, row, page.ownPosts ?? [], now());
      await storeFollowerCounts(store, row, page.followerCounts ?? [], now());
      summary.hashtagDays += page.hashtagVolumes?.length ?? 0;
      summary.pages += 1;
      summary.fetched += page.mentions.length;
      const saved = await store.db.updateTable('sources').set({ cursor: JSON.stringify(page.cursor), updated_at: now() }).where(asRead).executeTakeFirst();
      if (Number(saved.numUpdatedRows) === 0) {
        edited = true;
        break;
      }
      if (page.note) summary.note = page.note;
      if (page.deferUntil != null) {
        deferredUntil = Math.max(deferredUntil ?? 0, page.deferUntil);
        break;
      }
      // Nearly out of budget: stop here and come back when the window resets.
      const rate = http.rateLimit;
      if (rate.remaining != null && rate.remaining <= 1 && rate.resetAt != null && rate.resetAt > now()) {
        deferredUntil = rate.resetAt;
        break;
      }
      if (signal.aborted) break;
    }
    if (timeout.aborted && !options.signal?.aborted) throw timeout.reason;
  } catch (error) {
    failure = error;
  }
  if (options.signal?.aborted) {
    summary.outcome = 'aborted';
    failure = null;
  } else if (timeout.aborted) {
    failure = new Error(`the poll took longer than ${pollTimeoutMs / 1000} s and was stopped (pages stored so far are kept)`);
  }
  summary.requests = http.requests;

  const finishedAt = now();
  // Stopped by the scheduler (not the source's fault), or edited: free it, and leave the
  // rest as it is (an edit has set its status, cursor and when to poll next).
  const release = () => store.db.updateTable('sources').set({ lease_until: null, updated_at: finishedAt }).where('id', '=', sourceId).execute();
  let settled: { numUpdatedRows: bigint } | null = null;
  if (summary.outcome === 'aborted' || edited) {
    await release();
  } else if (failure == null) {
    const next = Math.max(finishedAt + row.interval_ms, deferredUntil ?? 0);
    summary.nextPollAt = new Date(next);
    settled = await store.db
      .updateTable('sources')
      .set({
        status: 'ok',
        consecutive_failures: 0,
        last_error: null,
        last_polled_at: finishedAt,
        last_success_at: finishedAt,
        next_poll_at: next,
        lease_until: null,
        last_result: JSON.stringify(resultOf(summary)),
        updated_at: finishedAt,
      })
      .where(asRead)
      .executeTakeFirst();
  } else {
    summary.outcome = 'failed';
    summary.error = describeError(failure);
    // A 429 is the network pacing us, not the source failing: wait as told, keep the health as it is.
    const rateLimited = failure instanceof RateLimitedError;
    const retryAt = failure instanceof RateLimitedError ? failure.retryAt : null;
    const failures = rateLimited ? row.consecutive_failures : row.consecutive_failures + 1;
    const unfixable = failure instanceof AuthError || failure instanceof SecretKeyError;
    const unhealthy = !rateLimited && (failures >= threshold || unfixable);
    const delay = rateLimited
      ? Math.max((retryAt ?? 0) - finishedAt, backoffDelay(1, random, options.backoff ?? DEFAULT_BACKOFF) / 10)
      : backoffDelay(failures, random, options.backoff ?? DEFAULT_BACKOFF);
    const next = finishedAt + delay;
    summary.nextPollAt = new Date(next);
    if (options.logFailures !== false) log.warn({ sourceId, network, failures, error: summary.error }, 'source poll failed');
    settled = await store.db
      .updateTable('sources')
      .set({
        status: unhealthy ? 'unhealthy' : row.status === 'unhealthy' ? 'unhealthy' : row.status,
        consecutive_failures: failures,
        last_error: summary.error,
        last_polled_at: finishedAt,
        next_poll_at: next,
        lease_until: null,
        last_result: JSON.stringify(resultOf(summary)),
        updated_at: finishedAt,
      })
      .where(asRead)
      .executeTakeFirst();
  }
  if (settled !== null && Number(settled.numUpdatedRows) === 0) {
    edited = true;
    await release();
  }
  if (edited) {
    const next = await store.db.selectFrom('sources').select('next_poll_at').where('id', '=', sourceId).executeTakeFirst();
    summary.nextPollAt = next ? new Date(Number(next.next_poll_at)) : null;
    log.info({ sourceId, network }, 'source edited during its poll: its new settings take over');
  }

  if (options.onIngested && summary.inserted + summary.updated > 0) {
    try {
      await options.onIngested(row.workspace_id, { sourceId, network, inserted: summary.inserted, updated: summary.updated, topicLinks: summary.topicLinks, mentionIds });
    } catch (error) {
      // An alert rule failing must not turn a good poll into a failed one.
      log.error({ sourceId, error: describeError(error) }, 'onIngested hook failed');
    }
  }
  return summary;
}

function resultOf(summary: PollSummary) {
  const { pages, fetched, inserted, updated, topicLinks, hashtagDays, requests, outcome, note } = summary;
  return { outcome, pages, fetched, inserted, updated, topicLinks, hashtagDays, requests, ...(note ? { note } : {}) };
}
