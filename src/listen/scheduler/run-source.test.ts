import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../../store/testing.ts';
import { workspaceId } from '../../store/workspaces.ts';
import { TEST_KEY, testClock } from '../connectors/connector-testing.ts';
import { brewlyTimeline } from '../connectors/mastodon/mastodon-fixtures.ts';
import { MastodonReplay } from '../connectors/mastodon/mastodon-replay.ts';
import { createTopic } from '../topics.ts';
import { addSource, getSourceRow, updateSource } from '../sources.ts';
import { runSourceOnce, type IngestedEvent } from './run-source.ts';

let replay: MastodonReplay;
beforeAll(async () => {
  replay = await MastodonReplay.start();
  replay.statuses = brewlyTimeline();
});
afterAll(() => replay.close());

describeEachStore('a poll through the workspace pipeline', (open) => {
  it('enriches, links topics, and calls the alert hook with what it stored', async () => {
    const store = await open();
    const ws = await workspaceId(store);
    const { topic } = await createTopic(store, ws, { name: 'Complaints', query: 'brewly AND (prices OR crashing OR закъсня)' }, { backfill: false });
    const source = await addSource(store, ws, { network: 'mastodon', config: { instance: replay.url, tags: ['brewly'] } }, { key: TEST_KEY });
    const events: [number, IngestedEvent][] = [];
    const clock = testClock(Date.parse('2026-11-22T12:00:00Z'));
    const summary = await runSourceOnce(store, source.id, { key: TEST_KEY, now: clock.now, onIngested: (w, e) => void events.push([w, e]) });
    expect(summary).toMatchObject({ outcome: 'ok', inserted: 12, topicLinks: 3 });
    expect(events).toHaveLength(1);
    expect(events[0]![0]).toBe(ws);
    expect(events[0]![1]).toMatchObject({ sourceId: source.id, network: 'mastodon', inserted: 12, topicLinks: 3 });
    expect(events[0]![1].mentionIds).toHaveLength(12);
    const linked = await store.db
      .selectFrom('mention_topics')
      .innerJoin('mentions', 'mentions.id', 'mention_topics.mention_id')
      .select(['mentions.text', 'mentions.lang', 'mentions.sentiment'])
      .where('mention_topics.topic_id', '=', topic.id)
      .orderBy('mentions.published_at')
      .execute();
    expect(linked.map((r) => r.lang)).toEqual(['en', 'bg', 'en']);
    expect(linked.every((r) => r.sentiment !== null)).toBe(true);
    // Re-polling the same posts is not new: no event when nothing was stored.
    const again = await runSourceOnce(store, source.id, { key: TEST_KEY, now: clock.now, onIngested: (w, e) => void events.push([w, e]) });
    expect(again.inserted + again.updated).toBe(0);
    expect(events).toHaveLength(1);
  });

  it('leaves a source edited during its poll to its new settings', async () => {
    const store = await open();
    const ws = await workspaceId(store);
    const source = await addSource(store, ws, { network: 'mastodon', config: { instance: replay.url, tags: ['brewly'] } }, { key: TEST_KEY });
    const clock = testClock(Date.parse('2026-11-22T12:00:00Z'));
    let editedAt: number | null = null;
    // The user changes the query while the first request is on its way.
    const fetchDuringEdit: typeof fetch = async (input, init) => {
      if (editedAt === null) {
        editedAt = clock.now();
        await updateSource(store, ws, source.id, { config: { instance: replay.url, tags: ['kaffio'] } }, { key: TEST_KEY, now: () => editedAt! });
      }
      return fetch(input, init);
    };
    const summary = await runSourceOnce(store, source.id, { key: TEST_KEY, now: clock.now, fetch: fetchDuringEdit });
    expect(summary).toMatchObject({ outcome: 'ok', pages: 1 });
    const row = await getSourceRow(store, source.id);
    expect(JSON.parse(row.config).tags).toEqual(['kaffio']);
    expect(row).toMatchObject({ cursor: null, status: 'new', lease_until: null });
    expect(Number(row.next_poll_at)).toBe(editedAt);
    expect(summary.nextPollAt?.getTime()).toBe(editedAt);
    // Unedited, the next poll writes its cursor and status as before.
    const next = await runSourceOnce(store, source.id, { key: TEST_KEY, now: clock.now });
    expect(next.outcome).toBe('ok');
    expect(await getSourceRow(store, source.id)).toMatchObject({ status: 'ok' });
  });
});
