import { expect, it } from 'vitest';
import type { MentionInput } from '../core/mention.ts';
import { upsertMentions } from '../store/mention-writer.ts';
import { describeEachStore, queryPlan } from '../store/testing.ts';
import { workspaceId } from '../store/workspaces.ts';
import { pageQuery, searchScope } from './search.ts';

function mention(i: number): MentionInput {
  return {
    source: 'rss',
    externalId: `m${i}`,
    url: null,
    author: { handle: `user${i % 50}`, displayName: null, followers: i % 7 === 0 ? null : (i * 37) % 1000 },
    text: `coffee talk ${i}`,
    publishedAt: new Date(Date.UTC(2026, 2, 1) + i * 60_000),
    engagement: { likes: i % 11, shares: i % 5, replies: i % 3, views: null },
    lang: 'en',
  };
}

/**
 * Deep pages of the "reach" and "engagement" orders read their index from the cursor on
 * (migrations 5170, 5180) instead of sorting the workspace's mentions again for every page.
 */
describeEachStore('search pages read the index of their order', (open) => {
  it('plans reach, engagement and negative first, first page and deep page, without a sort step', async () => {
    const store = await open();
    const ws = await workspaceId(store);
    await upsertMentions(store, ws, Array.from({ length: 400 }, (_, i) => mention(i)));
    const { base } = searchScope(store, ws, {});
    const indexOf = { reach: 'mentions_reach_order', engagement: 'mentions_engagement_order', negative: 'mentions_negative_order' } as const;
    for (const sort of ['reach', 'engagement', 'negative'] as const) {
      for (const position of [null, { values: [500, Date.UTC(2026, 2, 2)], id: 200 }]) {
        const plan = (await queryPlan(store, pageQuery(base, sort, position, false).limit(21))).join('\n');
        const where = `${sort} ${position ? 'deep' : 'first'} page:\n${plan}`;
        expect(plan, where).toContain(indexOf[sort]);
        expect(plan, where).not.toMatch(/TEMP B-TREE FOR ORDER BY|Sort/);
      }
    }
  });
});
