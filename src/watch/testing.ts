/**
 * Test support: the sample stream loaded into a store the way the product loads it
 * (ingest, then topics created and matched over what is stored).
 */
import { generateSampleStream, type SampleStream, type SampleStreamOptions } from '../demo/sample-stream.ts';
import { ingestBatch } from '../listen/pipeline.ts';
import { createTopic } from '../listen/topics.ts';
import { chunks } from '../store/mentions.ts';
import type { Store } from '../store/store.ts';
import { workspaceId } from '../store/workspaces.ts';

export interface LoadedSample {
  stream: SampleStream;
  workspaceId: number;
  topicIds: Map<string, number>;
}

export async function loadSampleStream(store: Store, options: SampleStreamOptions & { workspaceId?: number } = {}): Promise<LoadedSample> {
  const { workspaceId: into, ...streamOptions } = options;
  const stream = generateSampleStream({ scale: 0.25, ...streamOptions });
  const ws = into ?? (await workspaceId(store));
  for (const batch of chunks(stream.mentions, 2000)) await ingestBatch(store, ws, batch, { enricher: null, topics: [] });
  const topicIds = new Map<string, number>();
  for (const topic of stream.topics) {
    const created = await createTopic(store, ws, { name: topic.name, query: topic.query, role: topic.role });
    topicIds.set(topic.name, created.topic.id);
  }
  return { stream, workspaceId: ws, topicIds };
}
