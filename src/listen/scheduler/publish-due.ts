/**
 * Publishes the calendar items whose time has come to Mastodon or Bluesky.
 *
 * Never twice: an attempt is claimed with a compare-and-set on `publish_attempts`
 * (two runners cannot take the same attempt), and every attempt of an item sends the
 * same idempotency key (Mastodon's Idempotency-Key header; a Bluesky record key
 * derived from it). A failed attempt is retried with back-off, then flagged
 * `failed` with the error on the item. Pictures are uploaded once per item and account
 * (publish-uploads.ts), so a retry attaches what the failed attempt uploaded.
 */
import type { Selectable } from 'kysely';
import type { CalendarItemsTable } from '../../plan/plan-tables.ts';
import type { Store } from '../../store/store.ts';
import { log } from '../../core/log.ts';
import type { Network } from '../connectors/connector.ts';
import { HttpClient, type FetchLike } from '../connectors/http.ts';
import { PermanentPublishError } from '../connectors/publisher.ts';
import { publishers } from '../connectors/registry.ts';
import { sourceSettings, type SourceRow } from '../sources.ts';
import { itemUploadLedger } from './publish-uploads.ts';
import { logCalendarEvent } from '../../plan/calendar-log.ts';
import { toItem } from '../../plan/calendar.ts';

export interface PublishOptions {
  fetch?: FetchLike;
  key?: Buffer;
  /** Attempts before an item is flagged failed (default 3). */
  maxAttempts?: number;
  /** Wait after the first failed attempt, doubled after each (default 60 s; Mastodon keeps idempotency keys for an hour). */
  retryDelayMs?: number;
  /** Items per run at most (default 20). */
  limit?: number;
  workspaceId?: number;
  requestTimeoutMs?: number;
  /** Waits between polls of a picture the network is still processing (tests pass one that does not wait). */
  wait?: (ms: number) => Promise<void>;
}

export interface PublishOutcome {
  itemId: number;
  workspaceId: number;
  network: Network | null;
  status: 'published' | 'retrying' | 'failed' | 'busy';
  url: string | null;
  error: string | null;
  attempt: number;
}

type CalendarRow = Selectable<CalendarItemsTable> & { require_approval?: number | null };
const PUBLISHABLE = new Set<string>(Object.keys(publishers));

/** The source that posts an item: its own source_id, else the workspace's only source of the channel's network. */
function publishingSource(store: Store, item: CalendarRow): Promise<SourceRow | string> {
  return publishingSourceFor(store, item.workspace_id, item.channel.trim().toLowerCase(), item.source_id);
}

/**
 * The workspace's account that posts to `network`: `sourceId` when given (it must be a
 * publishing network's source of this workspace), else its only source of that network
 * with credentials. A string says why there is none. Calendar items and mention replies
 * choose their account by this one rule.
 */
export async function publishingSourceFor(store: Store, workspaceId: number, network: string, sourceId: number | null | undefined): Promise<SourceRow | string> {
  if (sourceId != null) {
    const row = await store.db.selectFrom('sources').selectAll().where('id', '=', sourceId).where('workspace_id', '=', workspaceId).executeTakeFirst();
    if (!row) return `source ${sourceId} does not exist in this workspace`;
    if (!PUBLISHABLE.has(row.network)) return `source ${row.id} is a ${row.network} source; Murmur publishes to ${[...PUBLISHABLE].join(' and ')} only`;
    return row;
  }
  const rows = await store.db.selectFrom('sources').selectAll().where('workspace_id', '=', workspaceId).where('network', '=', network).where('secrets', 'is not', null).execute();
  if (rows.length === 1) return rows[0]!;
  return rows.length === 0
    ? `no ${network} source with credentials in this workspace: add one (murmur sources add ${network} …) and set it on the item`
    : `${rows.length} ${network} sources could publish this item: set the item's source_id to choose one`;
}

/** Who published, for the history: the account's network and source number ("the publisher" when there was none). */
function publisherName(source: SourceRow | string): string {
  return typeof source === 'string' ? 'publisher' : `publisher (${source.network} source #${source.id})`;
}

export async function publishDueItems(store: Store, now: number | Date = Date.now(), options: PublishOptions = {}): Promise<PublishOutcome[]> {
  const at = typeof now === 'number' ? now : now.getTime();
  const maxAttempts = options.maxAttempts ?? 3;
  const retryDelayMs = options.retryDelayMs ?? 60_000;
  let query = store.db
    .selectFrom('calendar_items')
    .leftJoin('calendar_settings', 'calendar_settings.workspace_id', 'calendar_items.workspace_id')
    .selectAll('calendar_items')
    .select('calendar_settings.require_approval')
    .where('calendar_items.status', '=', 'scheduled')
    .where('calendar_items.scheduled_at', '<=', at)
    .where('calendar_items.published_url', 'is', null)
    .orderBy('calendar_items.scheduled_at')
    .limit(options.limit ?? 20);
  if (options.workspaceId != null) query = query.where('calendar_items.workspace_id', '=', options.workspaceId);
  const due = (await query.execute()).filter((item) => item.source_id != null || PUBLISHABLE.has(item.channel.trim().toLowerCase()));

  const outcomes: PublishOutcome[] = [];
  for (const item of due) {
    // Back-off between attempts: 1×, 2×, 4× the delay after the last one.
    if (item.publish_attempts > 0 && item.updated_at + retryDelayMs * 2 ** (item.publish_attempts - 1) > at) continue;
    const attempt = item.publish_attempts + 1;
    // The item as the rest of the plan reads it: its pictures, and what its history lines name.
    const shown = toItem(item, at);
    const claimed = await store.db
      .updateTable('calendar_items')
      .set({ publish_attempts: attempt, updated_at: at })
      .where('id', '=', item.id)
      .where('publish_attempts', '=', item.publish_attempts)
      .where('status', '=', 'scheduled')
      .where('approval', '=', item.approval)
      .executeTakeFirst();
    const base = { itemId: item.id, workspaceId: item.workspace_id, attempt };
    if (Number(claimed.numUpdatedRows) === 0) {
      outcomes.push({ ...base, network: null, status: 'busy', url: null, error: null });
      continue;
    }
    const source = await publishingSource(store, item);
    let network: Network | null = null;
    try {
      // The last guard of the approval chain: whatever moved it to 'scheduled', an unapproved post never goes out.
      if (item.require_approval === 1 && item.approval !== 'approved') throw new PermanentPublishError('posts in this workspace need approval, and this one is not approved: submit it for approval');
      if (typeof source === 'string') throw new PermanentPublishError(source);
      network = source.network as Network;
      const { config, secrets } = sourceSettings(source, options.key);
      const http = new HttpClient({ fetch: options.fetch, timeoutMs: options.requestTimeoutMs });
      const result = await publishers[network]!.publish(
        {
          text: item.body,
          idempotencyKey: item.idempotency_key,
          scheduledAt: new Date(item.scheduled_at ?? at),
          pictures: shown.media,
          uploads: itemUploadLedger(store, item.workspace_id, item.id, source.id, at),
          wait: options.wait,
        },
        { config, secrets },
        http,
      );
      await store.db
        .updateTable('calendar_items')
        .set({ status: 'published', published_url: result.url, publish_error: null, updated_at: at })
        .where('id', '=', item.id)
        .execute();
      await logCalendarEvent(store, item.workspace_id, shown, { kind: 'published', author: publisherName(source), comment: result.url }, at);
      outcomes.push({ ...base, network, status: 'published', url: result.url, error: null });
    } catch (error) {
      const message = (error instanceof Error ? error.message : String(error)).slice(0, 1000);
      const final = error instanceof PermanentPublishError || attempt >= maxAttempts;
      await store.db
        .updateTable('calendar_items')
        .set({ status: final ? 'failed' : 'scheduled', publish_error: final && !(error instanceof PermanentPublishError) ? `${message} (after ${attempt} attempts)` : message, updated_at: at })
        .where('id', '=', item.id)
        .execute();
      log.warn({ itemId: item.id, network, attempt, error: message }, final ? 'publish failed; item flagged' : 'publish failed; will retry');
      if (final) await logCalendarEvent(store, item.workspace_id, shown, { kind: 'publish-failed', author: publisherName(source), comment: message, detail: `after ${attempt} attempt${attempt === 1 ? '' : 's'}` }, at);
      outcomes.push({ ...base, network, status: final ? 'failed' : 'retrying', url: null, error: message });
    }
  }
  return outcomes;
}
