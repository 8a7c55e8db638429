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
import { loadMutedTests, withoutMuted } from '../lists/mute-rules.ts';

export async function loadTopicMatchers(store: Store, workspaceId: number): Promise<TopicMatcher[]> {
  const matchers: TopicMatcher[] = [];
  // A topic's mutes keep their mentions out of it on the way in too (lists/mute-rules.ts).
  const muted = await loadMutedTests(store, workspaceId);
  for (const topic of await listTopics(store, workspaceId)) {
    try {
      const query = compileQuery(topic.query);
      matchers.push({ topicId: topic.id, matches: withoutMuted(budgetedMatcher(query, topic.name), muted.get(topic.id)) });
    } catch (error) {
      // Queries are validated when saved; one that no longer parses (a grammar change)
      // must not stop ingestion, but it must be loud.
      if (!(error instanceof QuerySyntaxError)) throw error;
      log.error({ topic: topic.name, problem: error.message }, 'topic query no longer parses; topic skipped');
    }
  }
  return matchers;
}
