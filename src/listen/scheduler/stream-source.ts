/**
 * Keeps a source's live stream open (for connectors that have one and sources that
 * ask for it), pushing each update through `ingestBatch`, reconnecting with back-off
 * and jitter when the connection drops. Polling keeps running beside it: a stream
 * only makes new posts arrive sooner.
 */
import { log } from '../../core/log.ts';
import type { Network } from '../connectors/connector.ts';
import type { FetchLike } from '../connectors/http.ts';
import { connectors } from '../connectors/registry.ts';
import { loadPipeline } from '../load-pipeline.ts';
import { ingestBatch, type Pipeline } from '../pipeline.ts';
import { getSourceRow, sourceSettings, type SourceRow } from '../sources.ts';
import type { Store } from '../../store/store.ts';
import { backoffDelay, type BackoffPolicy } from './backoff.ts';
import type { OnIngested } from './run-source.ts';
import { defaultGuardedFetch } from '../../core/guarded-fetch.ts';

export interface StreamOptions {
  fetch?: FetchLike;
  key?: Buffer;
  random?: () => number;
  pipelineFor?: (workspaceId: number) => Promise<Pipeline>;
  onIngested?: OnIngested;
  /** Reconnect delays: 1 s doubling to a minute by default. */
  backoff?: BackoffPolicy;
}

export interface SourceStream {
  readonly sourceId: number;
  /** Mentions stored from the stream so far. */
  readonly received: number;
  stop(): Promise<void>;
}

/** True when the source's connector can stream and its config asks for it. */
export function wantsStream(row: Pick<SourceRow, 'network' | 'config' | 'enabled'>): boolean {
  if (row.enabled !== 1 || !connectors[row.network as Network]?.stream) return false;
  return (JSON.parse(row.config) as { stream?: unknown }).stream === true;
}

export function startSourceStream(store: Store, sourceId: number, options: StreamOptions = {}): SourceStream {
  const controller = new AbortController();
  const random = options.random ?? Math.random;
  const policy = options.backoff ?? { baseMs: 1000, maxMs: 60_000 };
  let received = 0;
  let failures = 0;

  const connectOnce = async () => {
    const row = await getSourceRow(store, sourceId);
    const network = row.network as Network;
    const { connector, config, secrets } = sourceSettings(row, options.key);
    const pipeline = await (options.pipelineFor ?? ((ws) => loadPipeline(store, ws)))(row.workspace_id);
    const updates = connector.stream!({ sourceId, config, secrets, fetch: options.fetch ?? defaultGuardedFetch(), signal: controller.signal });
    for await (const mentions of updates) {
      failures = 0;
      if (mentions.length === 0) continue;
      const result = await ingestBatch(store, row.workspace_id, mentions, pipeline);
      received += mentions.length;
      await options.onIngested?.(row.workspace_id, { sourceId, network, inserted: result.inserted, updated: result.updated, topicLinks: result.topicLinks, mentionIds: result.ids });
    }
  };

  const running = (async () => {
    while (!controller.signal.aborted) {
      try {
        await connectOnce();
      } catch (error) {
        if (controller.signal.aborted) break;
        failures += 1;
        log.warn({ sourceId, failures, error: (error as Error).message }, 'stream dropped; reconnecting');
      }
      if (controller.signal.aborted) break;
      const delay = backoffDelay(Math.max(1, failures), random, policy);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, delay);
        controller.signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
      });
    }
  })();

  return {
    sourceId,
    get received() {
      return received;
    },
    async stop() {
      controller.abort(new Error('stream stopped'));
      await running;
    },
  };
}
