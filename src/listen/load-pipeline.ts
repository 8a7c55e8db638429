/**
 * The ingest pipeline of a workspace as every entry point uses it (file import,
 * connectors, webhook): the workspace's compiled topic queries, and the offline
 * language + sentiment enricher (with the workspace's sentiment adapter) unless `enrich: false`.
 */
import { storedAdapter } from '../nlp/adapt.ts';
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
  // The workspace's sentiment adapter, learned from its corrections (src/nlp/adapt.ts).
  const sentimentAdapter = options.enrich === false ? null : await storedAdapter(store, workspaceId);
  return {
    enricher: options.enrich === false ? null : createEnricher(undefined, sentimentAdapter),
    sentimentAdapter,
    topics: await loadTopicMatchers(store, workspaceId),
    tagRules: await loadTagRuleMatchers(store, workspaceId),
  };
}
