import { expect, it } from 'vitest';
import type { MentionInput } from '../../core/mention.ts';
import { ingestBatch } from '../../listen/pipeline.ts';
import { createTopic } from '../../listen/topics.ts';
import { describeEachStore, queryPlanInUse } from '../../store/testing.ts';
import { workspaceId } from '../../store/workspaces.ts';
import { refreshRollup } from '../rollup.ts';
import { DAY } from '../time.ts';
import { postsByUrlQuery } from './mentions.ts';

const START = Date.UTC(2025, 5, 1);

/** A post an hour for 20 days, a tenth of them replies. */
function mention(i: number): MentionInput {
  return {
    source: 'mastodon',
    externalId: `p${i}`,
    url: `https://mastodon.example/p/${i}`,
    author: { handle: `user${i % 30}`, displayName: null, followers: 100 + i },
    text: `acme post ${i}`,
    publishedAt: new Date(START + i * 3_600_000),
    engagement: { likes: i % 7, shares: 0, replies: 0, views: null },
    parentExternalId: i % 10 === 0 && i > 0 ? `p${i - 1}` : null,
    lang: 'en',
  };
}

/**
 * The posts a spike's reposts share by link are looked up by their URLs (the mentions'
 * URL index), each checked against the topic's copy by its key: reading the topic's days
 * and comparing every URL read 35,000 mentions of a big topic for a handful of URLs.
 */
describeEachStore('posts shared by link are found by URL', (open) => {
  it('plans a lookup by URL, not a read of the topic over the interval', async () => {
    const store = await open();
    const ws = await workspaceId(store);
    const topic = (await createTopic(store, ws, { name: 'Acme', query: 'acme', role: 'brand' })).topic.id;
    await ingestBatch(store, ws, Array.from({ length: 480 }, (_, i) => mention(i)), { enricher: null, topics: [{ topicId: topic, matches: () => true }] });
    await refreshRollup(store, ws);
    const urls = [mention(100).url!, mention(101).url!];
    const plan = (await queryPlanInUse(store, postsByUrlQuery(store, ws, topic, { from: START + 3 * DAY, to: START + 6 * DAY }, urls))).join('\n');
    expect(plan).toContain('mentions_url');
    expect(plan).not.toMatch(/published_at>\?|mentions_published|watch_topic_mentions_author_reach/);
  });
});
