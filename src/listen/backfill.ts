/**
 * Re-matches stored mentions against one topic after it is created or changed.
 * Pages through the candidates by id (pre-filtered by the query's required words),
 * so memory stays flat whatever the store holds. Each page replaces the topic's
 * links for its id range in one transaction: an interrupted backfill leaves every
 * mention either re-matched or as it was, and running it again finishes the job.
 * Matching a page is cut into slices of bounded work (work-slices.ts): in a server, a
 * page of long texts against a costly query does not hold the event loop.
 */
import type { Store } from '../store/store.ts';
import { replaceTopicLinks } from '../store/mention-writer.ts';
import type { TopicLinkRow } from '../store/mention-write-path.ts';
import { NotFoundError } from '../store/workspaces.ts';
import { matchableRow } from './query/context.ts';
import { compileQuery } from './query/matcher.ts';
import { budgetedMatcher } from './query/budgeted-matcher.ts';
import { MATCH_BUDGET, WorkBudget } from './query/budget.ts';
import { WorkSlices } from './query/work-slices.ts';
import { candidateCondition } from './query/prefilter.ts';
import { loadMutedTests, withoutMuted } from './lists/mute-rules.ts';

export interface BackfillProgress {
  scanned: number;
  /** Candidates to scan (all mentions when the query gives no pre-filter). */
  total: number;
  matched: number;
}

export interface BackfillResult extends BackfillProgress {
  /** Whether the full-text pre-filter narrowed the scan. */
  prefiltered: boolean;
}

export const BACKFILL_PAGE_SIZE = 2000;

export async function backfillTopic(
  store: Store,
  workspaceId: number,
  topicId: number,
  onProgress?: (progress: BackfillProgress) => void,
  pageSize = BACKFILL_PAGE_SIZE,
  slices = new WorkSlices(),
): Promise<BackfillResult> {
  const topic = await store.db
    .selectFrom('topics')
    .select('query')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', topicId)
    .executeTakeFirst();
  if (!topic) throw new NotFoundError(`no topic with id ${topicId}`);
  const query = compileQuery(topic.query);
  // Membership is the query minus the topic's mutes, as on ingest (lists/mute-rules.ts).
  const matches = withoutMuted(budgetedMatcher(query, `#${topicId}`), (await loadMutedTests(store, workspaceId, topicId)).get(topicId));
  const condition = candidateCondition(store, query.ast);
  const candidates = () => {
    const base = store.db.selectFrom('mentions').where('mentions.workspace_id', '=', workspaceId);
    return condition ? base.where(condition) : base;
  };
  const countRow = await candidates()
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  const progress: BackfillProgress = { scanned: 0, total: Number(countRow.n), matched: 0 };
  onProgress?.({ ...progress });

  let after = 0;
  for (;;) {
    const rows = await candidates()
      .select(['mentions.id', 'text', 'author_handle', 'lang', 'source', 'url', 'published_at'])
      .where('mentions.id', '>', after)
      .orderBy('mentions.id')
      .limit(pageSize)
      .execute();
    const last = rows.at(-1)?.id;
    const links: TopicLinkRow[] = [];
    for (const row of rows) {
      const budget = new WorkBudget(MATCH_BUDGET, query.source);
      if (matches(matchableRow(row), budget)) links.push({ mention_id: row.id, topic_id: topicId, published_at: row.published_at });
      await slices.row(budget.spent);
    }
    // The topic's updated_at moves with its links, so Watch's rollups are rebuilt (also after
    // a backfill cut short, which leaves some pages re-matched).
    await replaceTopicLinks(store, workspaceId, topicId, { after, last }, links);
    progress.scanned += rows.length;
    progress.matched += links.length;
    onProgress?.({ ...progress });
    if (last === undefined || rows.length < pageSize) break;
    after = last;
  }
  return { ...progress, prefiltered: condition !== null };
}
