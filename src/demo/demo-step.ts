/**
 * What a part adds to `murmur demo`: a step that sets up its sample data and says what it
 * shows. Apart from demo.ts (which lists the steps) so that the parts' steps import only
 * this, and the registry does not import itself back through them.
 */
import type { Store } from '../store/store.ts';
import type { SampleStream } from './sample-stream.ts';

export interface DemoContext {
  store: Store;
  workspaceId: number;
  stream: SampleStream;
  topicIds: Map<string, number>;
}

/** What one step shows: lines for people, data for --json. */
export interface DemoSection {
  title: string;
  lines: string[];
  data: unknown;
}

export type DemoStep = (context: DemoContext) => Promise<DemoSection>;
