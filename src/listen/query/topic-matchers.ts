/**
 * The compiled topics of a workspace, for the ingest pipeline (`loadPipeline`).
 */
import { log } from '../../core/log.ts';
import type { Store } from '../../store/store.ts';
import type { TopicMatcher } from '../pipeline.ts';
import { listTopics } from '../topics.ts';
import { budgetedMatcher } from './budgeted-matcher.ts';
import { QuerySyntaxError } from './errors.ts';
import { compileQuery } from './matcher.ts';

export async function loadTopicMatchers(store: Store, workspaceId: number): Promise<TopicMatcher[]> {
  const matchers: TopicMatcher[] = [];
  for (const topic of await listTopics(store, workspaceId)) {
    try {
      const query = compileQuery(topic.query);
      matchers.push({ topicId: topic.id, matches: budgetedMatcher(query, topic.name) });
    } catch (error) {
      // Queries are validated when saved; one that no longer parses (a grammar change)
      // must not stop ingestion, but it must be loud.
      if (!(error instanceof QuerySyntaxError)) throw error;
      log.error({ topic: topic.name, problem: error.message }, 'topic query no longer parses; topic skipped');
    }
  }
  return matchers;
}
