/**
 * The polling loop `murmur serve` and `murmur sources run` start: every tick it
 * starts the due sources (each at its own interval), up to `maxConcurrent` at a
 * time, without waiting for any of them — a slow or broken source only occupies
 * its own slot, and its poll is cut at `pollTimeoutMs`. Due calendar posts are
 * published from the same loop.
 *
 * `stop()` aborts the polls in flight and waits for them: every page already
 * stored keeps its cursor, so the next start resumes exactly there.
 */
import type { Store } from '../../store/store.ts';
import { log } from '../../core/log.ts';
import { publishDueItems, type PublishOptions, type PublishOutcome } from './publish-due.ts';
import { runSourceOnce, type PollOptions, type PollSummary } from './run-source.ts';
import { startSourceStream, wantsStream, type SourceStream } from './stream-source.ts';

export interface SchedulerOptions extends Omit<PollOptions, 'signal'> {
  /** How often due sources are looked for (default 1 s). */
  tickMs?: number;
  /** Polls running at once at most (default 4). */
  maxConcurrent?: number;
  /** Only these workspaces / sources (default: all). */
  workspaceId?: number;
  sourceIds?: number[];
  /** Publish due calendar items every `publishEveryMs` (default 30 s); false to leave publishing to another process. */
  publish?: boolean | (PublishOptions & { everyMs?: number });
  onPoll?: (summary: PollSummary) => void;
  onPublish?: (outcomes: PublishOutcome[]) => void;
  /** Keep live streams open for sources that ask for them (Mastodon `stream`); default true. */
  streaming?: boolean;
}

export interface Scheduler {
  /** Aborts polls in flight, waits for them to record their state, and stops the loop. */
  stop(): Promise<void>;
  /** Runs one round now (what the timer does); resolves when due polls have started, not finished. */
  tick(): Promise<void>;
  /** Resolves when no poll is in flight. */
  idle(): Promise<void>;
  readonly running: number;
}

export function startScheduler(store: Store, options: SchedulerOptions = {}): Scheduler {
  const now = options.now ?? Date.now;
  const tickMs = options.tickMs ?? 1000;
  const maxConcurrent = options.maxConcurrent ?? 4;
  const publish = options.publish ?? true;
  const publishOptions = typeof publish === 'object' ? publish : {};
  const publishEveryMs = publishOptions.everyMs ?? 30_000;
  const controller = new AbortController();
  const inFlight = new Map<number, Promise<void>>();
  const streams = new Map<number, SourceStream>();
  let lastStreamSync = -Infinity;
  let lastPublish = -Infinity;
  let publishing: Promise<void> | null = null;
  let ticking: Promise<void> | null = null;
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;

  const startPoll = (sourceId: number) => {
    const poll = runSourceOnce(store, sourceId, { ...options, signal: controller.signal })
      .then((summary) => options.onPoll?.(summary))
      .catch((error: unknown) => log.error({ sourceId, error: (error as Error).message }, 'poll crashed'))
      .finally(() => inFlight.delete(sourceId));
    inFlight.set(sourceId, poll);
  };

  const round = async () => {
    const at = now();
    const free = maxConcurrent - inFlight.size;
    if (free > 0) {
      let query = store.db
        .selectFrom('sources')
        .select('id')
        .where('enabled', '=', 1)
        .where('next_poll_at', '<=', at)
        .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', at)]))
        .orderBy('next_poll_at')
        .limit(free + inFlight.size);
      if (options.workspaceId != null) query = query.where('workspace_id', '=', options.workspaceId);
      if (options.sourceIds) query = query.where('id', 'in', options.sourceIds.length ? options.sourceIds : [-1]);
      const due = (await query.execute()).filter((row) => !inFlight.has(row.id)).slice(0, free);
      for (const { id } of due) if (!stopped) startPoll(id);
    }
    // Sources added, removed or switched since the last look get their stream started or stopped.
    if (options.streaming !== false && at - lastStreamSync >= 30_000) {
      lastStreamSync = at;
      let query = store.db.selectFrom('sources').select(['id', 'network', 'config', 'enabled']);
      if (options.workspaceId != null) query = query.where('workspace_id', '=', options.workspaceId);
      if (options.sourceIds) query = query.where('id', 'in', options.sourceIds.length ? options.sourceIds : [-1]);
      const wanted = new Set((await query.execute()).filter(wantsStream).map((row) => row.id));
      for (const [id, stream] of streams) {
        if (!wanted.has(id)) {
          streams.delete(id);
          void stream.stop();
        }
      }
      for (const id of wanted) if (!streams.has(id) && !stopped) streams.set(id, startSourceStream(store, id, options));
    }
    if (publish !== false && !publishing && at - lastPublish >= publishEveryMs) {
      lastPublish = at;
      publishing = publishDueItems(store, at, { fetch: options.fetch, key: options.key, workspaceId: options.workspaceId, ...publishOptions })
        .then((outcomes) => {
          if (outcomes.length > 0) options.onPublish?.(outcomes);
        })
        .catch((error: unknown) => log.error({ error: (error as Error).message }, 'publishing round failed'))
        .finally(() => {
          publishing = null;
        });
    }
  };

  const tick = async () => {
    if (stopped) return;
    if (!ticking) {
      ticking = round()
        .catch((error: unknown) => log.error({ error: (error as Error).message }, 'scheduler round failed'))
        .finally(() => {
          ticking = null;
        });
    }
    await ticking;
  };

  const loop = () => {
    void tick().finally(() => {
      if (!stopped) timer = setTimeout(loop, tickMs);
    });
  };
  loop();

  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      controller.abort(new Error('scheduler stopped'));
      await ticking;
      await Promise.allSettled([...inFlight.values(), ...(publishing ? [publishing] : []), ...[...streams.values()].map((s) => s.stop())]);
      streams.clear();
    },
    tick,
    async idle() {
      while (inFlight.size > 0 || ticking) await Promise.allSettled([...inFlight.values(), ...(ticking ? [ticking] : [])]);
    },
    get running() {
      return inFlight.size;
    },
  };
}
