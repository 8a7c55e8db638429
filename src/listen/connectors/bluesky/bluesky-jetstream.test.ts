import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../../store/store.ts';
import { describeEachStore } from '../../../store/testing.ts';
import { workspaceId } from '../../../store/workspaces.ts';
import { startScheduler } from '../../scheduler/scheduler.ts';
import { addSource } from '../../sources.ts';
import { EMPTY_PIPELINE, TEST_KEY } from '../connector-testing.ts';
import { matchesQueries } from './bluesky-jetstream.ts';
import { authors } from './bluesky-fixtures.ts';
import { BlueskyReplay, JetstreamReplay, jetstreamPost } from './bluesky-replay.ts';
import { until } from '../../../core/until-testing.ts';

let pds: BlueskyReplay;
let jetstream: JetstreamReplay;
beforeAll(async () => {
  [pds, jetstream] = await Promise.all([BlueskyReplay.start(), JetstreamReplay.start()]);
});
afterAll(async () => {
  await Promise.all([pds.close(), jetstream.close()]);
});


const stored = (store: Store) => store.db.selectFrom('mentions').select(['external_id', 'author_handle', 'author_name', 'author_followers', 'text', 'parent_external_id']).orderBy('id').execute();

describeEachStore('bluesky jetstream', (open) => {
  it('stores matching new posts with their author profile, skips the rest, and reconnects', async () => {
    const store = await open();
    const ws = await workspaceId(store);
    await until(() => jetstream.clients.size === 0); // the previous run's connection is gone
    jetstream.subscriptions.length = 0;
    await addSource(
      store,
      ws,
      { network: 'bluesky', config: { service: pds.url, identifier: 'alice.bsky.social', queries: ['brewly', 'cold brew'], lang: 'en', stream: true, jetstreamUrl: jetstream.url }, secrets: { appPassword: pds.appPassword } },
      { key: TEST_KEY },
    );
    const scheduler = startScheduler(store, { key: TEST_KEY, tickMs: 10, publish: false, pipelineFor: async () => EMPTY_PIPELINE, backoff: { baseMs: 20, maxMs: 50 } });
    try {
      await until(() => jetstream.subscriptions.length === 1 && jetstream.clients.size === 1);
      expect(jetstream.subscriptions[0]!.searchParams.get('wantedCollections')).toBe('app.bsky.feed.post');
      jetstream.send({ did: authors.ivan.did, time_us: 1, kind: 'identity', identity: { did: authors.ivan.did, handle: 'ivan.bg' } });
      jetstream.send('{not json');
      jetstream.send(jetstreamPost(authors.alice.did, '3ljet0000001', 'Nothing about coffee'));
      jetstream.send(jetstreamPost(authors.priya.did, '3ljet0000002', 'Brewly ☕ is great'));
      jetstream.send(jetstreamPost(authors.ivan.did, '3ljet0000003', 'brewly на български', { langs: ['bg'] }));
      jetstream.send(jetstreamPost('did:plc:unknownauthor0000000000', '3ljet0000004', 'My COLD brew from brewly', { replyTo: 'at://did:plc:x/app.bsky.feed.post/3lparent' }));
      await until(async () => (await stored(store)).length === 2);
      const rows = await stored(store);
      expect(rows[0]).toMatchObject({
        external_id: `at://${authors.priya.did}/app.bsky.feed.post/3ljet0000002`,
        author_handle: 'priya.bsky.social',
        author_followers: 3000,
        text: 'Brewly ☕ is great',
      });
      expect(rows[1]).toMatchObject({ author_handle: 'did:plc:unknownauthor0000000000', parent_external_id: 'at://did:plc:x/app.bsky.feed.post/3lparent' });

      jetstream.dropAll();
      await until(() => jetstream.subscriptions.length === 2 && jetstream.clients.size === 1);
      jetstream.send(jetstreamPost(authors.alice.did, '3ljet0000005', 'brewly after a reconnect'));
      await until(async () => (await stored(store)).length === 3);
      expect((await stored(store))[2]).toMatchObject({ author_handle: 'alice.bsky.social', author_name: 'Alice 🦋' });
    } finally {
      await scheduler.stop();
    }
  });
});

describe('jetstream keyword filter', () => {
  it('needs every word of one query, ignoring case and accents', () => {
    expect(matchesQueries('Le CAFÉ Brewly', ['cafe brewly'])).toBe(true);
    expect(matchesQueries('brewly only', ['cafe brewly'])).toBe(false);
    expect(matchesQueries('Кафе Brewly', ['nothing', 'кафе'])).toBe(true);
  });
});
