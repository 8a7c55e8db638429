/** Shared test data for the plan tests: a small plan and a way to store mentions. */
import type { MentionInput, SentimentLabel } from '../core/mention.ts';
import { ingestBatch } from '../listen/pipeline.ts';
import type { Store } from '../store/store.ts';
import type { PlanDocumentInput } from './plan-schema.ts';

export const samplePlan: PlanDocumentInput = {
  name: 'Bakery 2026',
  startsOn: '2026-01-01',
  goal: { type: 'awareness', statement: 'Be the bakery Lyon talks about', justification: 'Few people know us outside the street' },
  differentiator: 'Sourdough baked twice a day',
  team: [
    { name: 'Ana', department: 'Marketing', roles: [{ channel: 'mastodon', role: 'community manager' }] },
    { name: 'Bo', department: 'Sales', roles: [{ task: 'newsletter', role: 'writer' }] },
  ],
  personas: [{ name: 'Local foodie', demographics: '25-40, Lyon', channels: ['mastodon'] }],
  channels: [{ channel: 'mastodon', reason: 'Food community is there', personas: ['Local foodie'], successMetric: 'mentions' }],
  kpis: [
    {
      id: 'mentions',
      name: 'Brand mentions',
      metric: 'mentions',
      scope: { topic: 'brand' },
      targets: [{ quarter: '2026-Q1', value: 90 }],
    },
  ],
  tasks: [
    { id: 'newsletter', title: 'Write the newsletter', owner: 'Bo', due: '2026-01-10', status: 'done', doneOn: '2026-01-12' },
    { id: 'photos', title: 'Shoot product photos', owner: 'Ana', due: '2026-01-20' },
  ],
};

/** Stores `count` mentions on the given days, all matching topic `topicId`. */
export async function storeMentions(
  store: Store,
  workspaceId: number,
  topicId: number,
  days: { at: string; count: number; sentiment?: SentimentLabel; source?: string }[],
): Promise<void> {
  const batch: MentionInput[] = [];
  for (const day of days) {
    for (let i = 0; i < day.count; i++) {
      const label = day.sentiment ?? 'neutral';
      batch.push({
        source: day.source ?? 'mastodon',
        externalId: `t${topicId}-${day.at}-${i}`,
        url: null,
        author: { handle: `user${i}`, displayName: null, followers: 100 },
        text: 'We love the bakery',
        publishedAt: new Date(`${day.at}T12:00:00Z`),
        engagement: { likes: 2, shares: 1, replies: 0, views: null },
        lang: 'en',
        langConfidence: 1,
        sentiment: {
          label,
          score: label === 'positive' ? 1 : label === 'negative' ? -1 : 0,
          probabilities: { negative: label === 'negative' ? 1 : 0, neutral: label === 'neutral' ? 1 : 0, positive: label === 'positive' ? 1 : 0 },
        },
      });
    }
  }
  await ingestBatch(store, workspaceId, batch, { enricher: null, topics: [{ topicId, matches: () => true }] });
}

export async function createTopic(store: Store, workspaceId: number, name: string, role = 'brand'): Promise<number> {
  const row = await store.db
    .insertInto('topics')
    .values({ workspace_id: workspaceId, name, query: name, role, created_at: 0, updated_at: 0 })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
