import { expect, it } from 'vitest';
import type { MentionInput } from '../../core/mention.ts';
import type { Store } from '../../store/store.ts';
import { describeEachStore } from '../../store/testing.ts';
import { workspaceId } from '../../store/workspaces.ts';
import { refreshRollup } from '../../watch/rollup.ts';
import { loadPipeline } from '../load-pipeline.ts';
import { ingestBatch } from '../pipeline.ts';
import { countMatches } from '../search.ts';
import { createTopic } from '../topics.ts';
import { listMutes, muteInTopic, unmuteInTopic } from './mutes.ts';

const T0 = Date.UTC(2026, 2, 1, 10);
const NOW = Date.UTC(2026, 2, 10);

function mention(i: number, author: string, extra: Partial<MentionInput> = {}): MentionInput {
  return {
    source: 'mastodon',
    externalId: `m${i}`,
    url: `https://social.example/${i}`,
    author: { handle: author, displayName: null, followers: 100 },
    text: `Brewly coffee ${i}`,
    publishedAt: new Date(T0 + i * 3_600_000),
    engagement: { likes: 1, shares: 0, replies: 0, views: null },
    sentiment: { label: 'negative', score: -1, probabilities: { negative: 1, neutral: 0, positive: 0 } },
    ...extra,
  };
}

/** What Watch counts for the topic, after the refresh a reader's request would run. */
async function watchTotals(store: Store, ws: number, topicId: number) {
  await refreshRollup(store, ws);
  const row = await store.db
    .selectFrom('watch_rollup_total')
    .select((eb) => [eb.fn.sum<number>('mentions').as('mentions'), eb.fn.sum<number>('negative').as('negative'), eb.fn.sum<number>('reach').as('reach')])
    .where('topic_id', '=', topicId)
    .executeTakeFirstOrThrow();
  const posts = await store.db.selectFrom('watch_topic_mentions').select((eb) => eb.fn.countAll<number>().as('n')).where('topic_id', '=', topicId).executeTakeFirstOrThrow();
  return { mentions: Number(row.mentions ?? 0), negative: Number(row.negative ?? 0), reach: Number(row.reach ?? 0), posts: Number(posts.n) };
}

describeEachStore('topic mutes', (open) => {
  it("takes a muted author's mentions out of the topic's lists and Watch figures, and brings them back when unmuted", async () => {
    const store = await open();
    const ws = await workspaceId(store);
    const { topic } = await createTopic(store, ws, { name: 'Brewly', query: 'brewly', role: 'brand' });
    const pipeline = await loadPipeline(store, ws, { enrich: false });
    await ingestBatch(store, ws, [mention(0, 'alice@social.example'), mention(1, 'alice@social.example'), mention(2, 'bob@social.example'), mention(3, 'spam@bots.example', { url: 'https://ads.spam.example/x' })], pipeline);
    expect(await watchTotals(store, ws, topic.id)).toEqual({ mentions: 4, negative: 4, reach: 400, posts: 4 });

    const muted = await muteInTopic(store, ws, topic.id, { kind: 'author', value: '@Alice@social.example', reason: 'employee' }, 'owner@example.com', NOW);
    expect(muted.mute).toMatchObject({ kind: 'author', value: 'alice@social.example', reason: 'employee', createdBy: 'owner@example.com', createdAt: new Date(NOW) });
    expect(muted.rematch.matched).toBe(2);
    expect(await countMatches(store, ws, { topicId: topic.id })).toBe(2);
    expect(await watchTotals(store, ws, topic.id)).toEqual({ mentions: 2, negative: 2, reach: 200, posts: 2 });

    // Future mentions of the muted author stay out on the way in.
    await ingestBatch(store, ws, [mention(4, 'alice@social.example'), mention(5, 'carol@social.example')], await loadPipeline(store, ws, { enrich: false }));
    expect(await countMatches(store, ws, { topicId: topic.id })).toBe(3);

    // A site mute covers subdomains; a term mute is a query of the topic language.
    const site = await muteInTopic(store, ws, topic.id, { kind: 'site', value: 'https://spam.example/' }, 'owner@example.com', NOW);
    expect(site.mute.value).toBe('spam.example');
    expect(await countMatches(store, ws, { topicId: topic.id })).toBe(2);
    await muteInTopic(store, ws, topic.id, { kind: 'term', value: '"coffee 5"' }, 'cli:me', NOW);
    expect(await countMatches(store, ws, { topicId: topic.id })).toBe(1);

    await unmuteInTopic(store, ws, topic.id, muted.mute.id, 'editor@example.com', NOW + 1000);
    // Alice's three mentions (two stored before the mute, one that arrived while muted) are back.
    expect(await countMatches(store, ws, { topicId: topic.id })).toBe(4);
    expect(await watchTotals(store, ws, topic.id)).toEqual({ mentions: 4, negative: 4, reach: 400, posts: 4 });

    const history = await listMutes(store, ws, topic.id, { all: true });
    expect(history.map((m) => [m.kind, m.value, m.removedBy])).toEqual([
      ['term', '"coffee 5"', null],
      ['site', 'spam.example', null],
      ['author', 'alice@social.example', 'editor@example.com'],
    ]);
    expect((await listMutes(store, ws, topic.id)).map((m) => m.kind)).toEqual(['term', 'site']);
  });

  it('refuses what cannot be a mute, naming it, and a second mute of the same value', async () => {
    const store = await open();
    const ws = await workspaceId(store);
    const { topic } = await createTopic(store, ws, { name: 'Brewly', query: 'brewly', role: 'brand' });
    await expect(muteInTopic(store, ws, topic.id, { kind: 'site', value: 'not a domain' }, 'x', NOW)).rejects.toThrow(/site "not a domain" cannot be muted/);
    await expect(muteInTopic(store, ws, topic.id, { kind: 'term', value: 'brewly AND (' }, 'x', NOW)).rejects.toThrow(/term "brewly AND \(" cannot be muted/);
    await muteInTopic(store, ws, topic.id, { kind: 'author', value: 'bob' }, 'x', NOW);
    await expect(muteInTopic(store, ws, topic.id, { kind: 'author', value: '@BOB' }, 'x', NOW)).rejects.toThrow(/author "bob" is already muted/);
    await expect(unmuteInTopic(store, ws, topic.id, 9999, 'x', NOW)).rejects.toThrow(/no active mute 9999/);
  });
});
