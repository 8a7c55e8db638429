/**
 * The ingest pipeline of a workspace as every entry point uses it (file import,
 * connectors, webhook): the workspace's compiled topic queries, and the offline
 * language + sentiment enricher unless `enrich: false`.
 */
import { createEnricher } from '../nlp/enricher.ts';
import type { Store } from '../store/store.ts';
import type { Pipeline } from './pipeline.ts';
import { loadTopicMatchers } from './query/topic-matchers.ts';
import { loadTagRuleMatchers } from '../inbox/tags.ts';

export interface LoadPipelineOptions {
  /** Run language identification and sentiment on each batch. Default true. */
  enrich?: boolean;
}

export async function loadPipeline(store: Store, workspaceId: number, options: LoadPipelineOptions = {}): Promise<Pipeline> {
  return {
    enricher: options.enrich === false ? null : createEnricher(),
    topics: await loadTopicMatchers(store, workspaceId),
    tagRules: await loadTagRuleMatchers(store, workspaceId),
  };
}
