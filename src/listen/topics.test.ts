import { expect, it } from 'vitest';
import type { MentionInput } from '../core/mention.ts';
import { upsertMentions } from '../store/mention-writer.ts';
import type { Store } from '../store/store.ts';
import { describeEachStore } from '../store/testing.ts';
import { createWorkspace, workspaceId } from '../store/workspaces.ts';
import { backfillTopic, type BackfillProgress } from './backfill.ts';
import { ingestBatch } from './pipeline.ts';
import { QuerySyntaxError } from './query/errors.ts';
import { loadTopicMatchers } from './query/topic-matchers.ts';
import { countTopicMentions, createTopic, resolveTopic, listTopics, removeTopic, TopicError, updateTopic } from './topics.ts';

function mention(i: number, text: string, overrides: Partial<MentionInput> = {}): MentionInput {
  return {
    source: 'import',
    externalId: `m${i}`,
    url: null,
    author: { handle: `user${i % 7}` },
    text,
    publishedAt: new Date(Date.UTC(2026, 0, 1) + i * 60_000),
    engagement: { likes: 0, shares: 0, replies: 0, views: null },
    ...overrides,
  } as MentionInput;
}

async function linkedIds(store: Store, topicId: number): Promise<string[]> {
  const rows = await store.db
    .selectFrom('mention_topics')
    .innerJoin('mentions', 'mentions.id', 'mention_topics.mention_id')
    .select('mentions.external_id')
    .where('topic_id', '=', topicId)
    .execute();
  return rows.map((r) => r.external_id).sort();
}

describeEachStore('topics', (open) => {
  it('creates, lists, renames, re-queries and removes topics, keeping links in step', async () => {
    const store = await open();
    const ws = await workspaceId(store);
    await upsertMentions(store, ws, [
      mention(1, 'Brewly coffee is great'),
      mention(2, 'brewly delivery late'),
      mention(3, 'Beanly is cheaper'),
      mention(4, 'nothing here'),
    ]);
    const brand = await createTopic(store, ws, { name: ' Brewly ', query: 'brewly' });
    expect(brand.topic).toMatchObject({ name: 'Brewly', role: 'brand', query: 'brewly' });
    expect(brand.backfill).toMatchObject({ matched: 2, prefiltered: true });
    expect(await linkedIds(store, brand.topic.id)).toEqual(['m1', 'm2']);

    const rival = await createTopic(store, ws, { name: 'Beanly', query: 'beanly', role: 'competitor' });
    expect((await listTopics(store, ws)).map((t) => `${t.name}:${t.role}`)).toEqual(['Beanly:competitor', 'Brewly:brand']);
    expect(await countTopicMentions(store, ws)).toEqual(new Map([[brand.topic.id, 2], [rival.topic.id, 1]]));

    const changed = await updateTopic(store, ws, 'Brewly', { query: 'brewly NOT late' });
    expect(changed.backfill).toMatchObject({ matched: 1 });
    expect(await linkedIds(store, brand.topic.id)).toEqual(['m1']);

    const renamed = await updateTopic(store, ws, brand.topic.id, { name: 'Brewly HQ', role: 'other' });
    expect(renamed.backfill).toBeNull(); // same query: nothing to re-match
    expect(renamed.topic).toMatchObject({ name: 'Brewly HQ', role: 'other' });
    expect(await linkedIds(store, brand.topic.id)).toEqual(['m1']);

    await removeTopic(store, ws, 'Brewly HQ');
    expect(await linkedIds(store, brand.topic.id)).toEqual([]);
    expect((await listTopics(store, ws)).map((t) => t.name)).toEqual(['Beanly']);
  });

  it('refuses bad input without storing anything', async () => {
    const store = await open();
    const ws = await workspaceId(store);
    await expect(createTopic(store, ws, { name: 'Bad', query: 'brewly AND' })).rejects.toThrow(QuerySyntaxError);
    await expect(createTopic(store, ws, { name: '  ', query: 'x' })).rejects.toThrow(TopicError);
    await expect(createTopic(store, ws, { name: 'X', query: 'x', role: 'villain' as never })).rejects.toThrow(/unknown topic role "villain"/);
    await createTopic(store, ws, { name: 'X', query: 'x' });
    await expect(createTopic(store, ws, { name: 'X', query: 'y' })).rejects.toThrow(/already exists/);
    await createTopic(store, ws, { name: 'Y', query: 'y' });
    await expect(updateTopic(store, ws, 'X', { name: 'Y' })).rejects.toThrow(/already exists/);
    await expect(updateTopic(store, ws, 'X', { query: '(x' })).rejects.toThrow(QuerySyntaxError);
    expect((await resolveTopic(store, ws, 'X')).query).toBe('x');
    await expect(resolveTopic(store, ws, 'Z')).rejects.toThrow('no topic named "Z" (this workspace has: X, Y)');
    expect((await resolveTopic(store, ws, 'x')).name).toBe('X');
    await expect(removeTopic(store, ws, 999)).rejects.toThrow(/no topic with id 999/);
    expect((await listTopics(store, ws)).map((t) => t.name)).toEqual(['X', 'Y']);
  });

  it('backfills page by page, reports progress, and replaces stale links', async () => {
    const store = await open();
    const ws = await workspaceId(store);
    const texts = Array.from({ length: 250 }, (_, i) => (i % 5 === 0 ? `brewly late ${i}` : i % 5 === 1 ? `brewly fine ${i}` : `other ${i}`));
    await upsertMentions(store, ws, texts.map((t, i) => mention(i, t)));
    const { topic } = await createTopic(store, ws, { name: 'B', query: 'x' }, { backfill: false });
    await store.db.updateTable('topics').set({ query: 'brewly' }).where('id', '=', topic.id).execute();
    const progress: BackfillProgress[] = [];
    const first = await backfillTopic(store, ws, topic.id, (p) => progress.push(p), 30);
    expect(first).toMatchObject({ scanned: 100, total: 100, matched: 100, prefiltered: true });
    expect(progress[0]).toEqual({ scanned: 0, total: 100, matched: 0 });
    expect(progress.at(-1)).toEqual({ scanned: 100, total: 100, matched: 100 });
    expect(progress.length).toBe(5); // start + 4 pages of at most 30

    // A narrower query must drop links in every page's range, including past the last candidate.
    await store.db.updateTable('topics').set({ query: 'brewly NOT late' }).where('id', '=', topic.id).execute();
    const second = await backfillTopic(store, ws, topic.id, undefined, 7);
    expect(second).toMatchObject({ matched: 50 });
    const linked = await linkedIds(store, topic.id);
    expect(linked).toHaveLength(50);
    expect(linked.every((id) => Number(id.slice(1)) % 5 === 1)).toBe(true);

    // A pure NOT gives no pre-filter: every mention is scanned.
    await store.db.updateTable('topics').set({ query: 'NOT brewly' }).where('id', '=', topic.id).execute();
    expect(await backfillTopic(store, ws, topic.id, undefined, 64)).toMatchObject({ scanned: 250, matched: 150, prefiltered: false });
  });

  it('keeps workspaces apart', async () => {
    const store = await open();
    const ws = await workspaceId(store);
    const other = await createWorkspace(store, 'other', 'Other');
    await upsertMentions(store, ws, [mention(1, 'brewly here')]);
    await upsertMentions(store, other, [mention(2, 'brewly there')]);
    const { topic } = await createTopic(store, other, { name: 'B', query: 'brewly' });
    expect(await linkedIds(store, topic.id)).toEqual(['m2']);
    expect(await listTopics(store, ws)).toEqual([]);
  });

  it('gives the ingest pipeline one matcher per topic, and links new mentions on ingestion', async () => {
    const store = await open();
    const ws = await workspaceId(store);
    const brand = await createTopic(store, ws, { name: 'Brewly', query: '(brewly OR #brewly) NOT author:brewly' });
    const fr = await createTopic(store, ws, { name: 'French', query: 'lang:fr' });
    const matchers = await loadTopicMatchers(store, ws);
    expect(matchers.map((m) => m.topicId).sort()).toEqual([brand.topic.id, fr.topic.id].sort());
    const result = await ingestBatch(
      store,
      ws,
      [mention(1, 'Brewly est top', { lang: 'fr' }), mention(2, 'brewly news', { author: { handle: 'brewly', displayName: null, followers: null } }), mention(3, 'meh')],
      { enricher: null, topics: matchers },
    );
    expect(result.topicLinks).toBe(2);
    expect(await linkedIds(store, brand.topic.id)).toEqual(['m1']);
    expect(await linkedIds(store, fr.topic.id)).toEqual(['m1']);
  });

  it('skips, loudly, a stored query that no longer parses instead of stopping ingestion', async () => {
    const store = await open();
    const ws = await workspaceId(store);
    const good = await createTopic(store, ws, { name: 'Good', query: 'brewly' });
    const bad = await createTopic(store, ws, { name: 'Bad', query: 'beanly' });
    await store.db.updateTable('topics').set({ query: 'beanly AND' }).where('id', '=', bad.topic.id).execute();
    expect((await loadTopicMatchers(store, ws)).map((m) => m.topicId)).toEqual([good.topic.id]);
  });
});
