import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import type { Store } from '../../../store/store.ts';
import { describeEachStore } from '../../../store/testing.ts';
import { workspaceId } from '../../../store/workspaces.ts';
import { startScheduler } from '../../scheduler/scheduler.ts';
import { addSource } from '../../sources.ts';
import { EMPTY_PIPELINE, TEST_KEY } from '../connector-testing.ts';
import { accounts, status } from './mastodon-fixtures.ts';
import { MastodonReplay } from './mastodon-replay.ts';
import { until } from '../../../core/until-testing.ts';

let replay: MastodonReplay;
beforeAll(async () => {
  replay = await MastodonReplay.start();
});
afterAll(() => replay.close());
beforeEach(() => {
  replay.statuses = [];
  replay.dropStreams();
});


const texts = async (store: Store) => (await store.db.selectFrom('mentions').select('text').orderBy('published_at').execute()).map((r) => r.text);
const live = (n: number, text: string) => status({ id: String(120_000_000_000_000_000n + BigInt(n)), account: accounts.tokyo, content: `<p>${text}</p>`, createdAt: new Date(Date.UTC(2026, 10, 22, 12, n)).toISOString() });

describeEachStore('mastodon streaming', (open) => {
  it('stores hashtag updates as they arrive, skips bad events, and reconnects after a drop', async () => {
    const store = await open();
    const ws = await workspaceId(store);
    await addSource(store, ws, { network: 'mastodon', config: { instance: replay.url, tags: ['brewly'], stream: true }, secrets: { token: 'mastodon-token-1' } }, { key: TEST_KEY });
    const ingested: number[] = [];
    const scheduler = startScheduler(store, {
      key: TEST_KEY,
      tickMs: 10,
      publish: false,
      pipelineFor: async () => EMPTY_PIPELINE,
      backoff: { baseMs: 20, maxMs: 50 },
      onIngested: (_ws, r) => void ingested.push(r.inserted),
    });
    try {
      await until(() => replay.streams.length === 1);
      expect(replay.server.requestsTo('/api/v1/streaming/hashtag')[0]!.headers.authorization).toBe('Bearer mastodon-token-1');
      replay.pushUpdate('brewly', live(1, '#brewly live 1 ☕'));
      for (const stream of replay.streams) stream.write('event: update\ndata: {"id": "not a status"}\n\n:thump\n\nevent: delete\ndata: 123\n\n');
      replay.pushUpdate('brewly', live(2, '#brewly 生放送 2'));
      await until(async () => (await texts(store)).length === 2);
      expect(await texts(store)).toEqual(['#brewly live 1 ☕', '#brewly 生放送 2']);

      replay.dropStreams();
      await until(() => replay.streams.length === 1);
      replay.pushUpdate('brewly', live(3, '#brewly after reconnect'));
      await until(async () => (await texts(store)).length === 3);
      expect(ingested.filter((n) => n > 0).length).toBeGreaterThanOrEqual(3);
    } finally {
      await scheduler.stop();
    }
  });
});
