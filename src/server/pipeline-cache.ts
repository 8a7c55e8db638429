/**
 * Push ingestion needs the workspace's compiled pipeline (topic matchers, enricher) on
 * every batch. Compiling it per request would dominate small batches, so it is cached
 * per workspace and reloaded when the topics change — checked with one cheap query, so
 * a topic edited from the CLI in another process is picked up too.
 */
import { loadPipeline } from '../listen/load-pipeline.ts';
import type { Pipeline } from '../listen/pipeline.ts';
import type { Store } from '../store/store.ts';

export class PipelineCache {
  readonly #entries = new Map<number, { fingerprint: string; pipeline: Promise<Pipeline> }>();

  constructor(private readonly store: Store) {}

  async get(workspaceId: number): Promise<Pipeline> {
    const fingerprint = await this.#fingerprint(workspaceId);
    const cached = this.#entries.get(workspaceId);
    if (cached?.fingerprint === fingerprint) return cached.pipeline;
    const pipeline = loadPipeline(this.store, workspaceId);
    this.#entries.set(workspaceId, { fingerprint, pipeline });
    pipeline.catch(() => this.#entries.delete(workspaceId));
    return pipeline;
  }

  async #fingerprint(workspaceId: number): Promise<string> {
    const row = await this.store.db
      .selectFrom('topics')
      .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('updated_at').as('latest'), eb.fn.sum<number>('id').as('ids')])
      .where('workspace_id', '=', workspaceId)
      .executeTakeFirstOrThrow();
    // Tag rules are compiled into the pipeline too (src/inbox/tags.ts).
    const rules = await this.store.db
      .selectFrom('tag_rules')
      .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('updated_at').as('latest'), eb.fn.sum<number>('id').as('ids')])
      .where('workspace_id', '=', workspaceId)
      .executeTakeFirstOrThrow();
    // And the sentiment adapter, retrained after corrections (src/nlp/adapt.ts).
    const adapter = await this.store.db.selectFrom('sentiment_adapters').select('trained_at').where('workspace_id', '=', workspaceId).executeTakeFirst();
    return `${row.n}:${row.latest ?? 0}:${row.ids ?? 0}|${rules.n}:${rules.latest ?? 0}:${rules.ids ?? 0}|${adapter?.trained_at ?? 0}`;
  }
}
