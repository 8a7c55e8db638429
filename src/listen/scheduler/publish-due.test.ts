import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { decideApproval, setCalendarSettings, submitForApproval } from '../../plan/approvals.ts';
import { addCalendarItem } from '../../plan/calendar.ts';
import type { Store } from '../../store/store.ts';
import { describeEachStore } from '../../store/testing.ts';
import { workspaceId } from '../../store/workspaces.ts';
import { forgetBlueskySessions } from '../connectors/bluesky/bluesky-session.ts';
import { BlueskyReplay } from '../connectors/bluesky/bluesky-replay.ts';
import { TEST_KEY } from '../connectors/connector-testing.ts';
import { MastodonReplay } from '../connectors/mastodon/mastodon-replay.ts';
import { addSource } from '../sources.ts';
import { publishDueItems } from './publish-due.ts';
import { calendarEvents } from '../../plan/calendar-log.ts';
import { createPlan, planHistory } from '../../plan/plans.ts';
import { samplePlan } from '../../plan/test-fixtures.ts';
import { servePicture } from '../connectors/post-pictures-testing.ts';

let mastodon: MastodonReplay;
let bluesky: BlueskyReplay;
beforeAll(async () => {
  [mastodon, bluesky] = await Promise.all([MastodonReplay.start(), BlueskyReplay.start()]);
});
afterAll(async () => {
  await Promise.all([mastodon.close(), bluesky.close()]);
});
beforeEach(() => {
  mastodon.posted = [];
  mastodon.server.requests.length = 0;
  mastodon.media.clear();
  bluesky.records.clear();
  bluesky.blobs.clear();
  bluesky.server.requests.length = 0;
  forgetBlueskySessions();
});

const NOW = Date.parse('2026-11-23T09:00:00Z');

async function setup(store: Store) {
  const ws = await workspaceId(store);
  const masto = await addSource(store, ws, { network: 'mastodon', config: { instance: mastodon.url, tags: ['brewly'] }, secrets: { token: 'mastodon-token-1' } }, { key: TEST_KEY });
  const bsky = await addSource(store, ws, { network: 'bluesky', config: { service: bluesky.url, identifier: 'alice.bsky.social', queries: ['brewly'] }, secrets: { appPassword: bluesky.appPassword } }, { key: TEST_KEY });
  const item = (channel: string, body: string, minutesFromNow: number, sourceId: number | null = null) =>
    addCalendarItem(store, ws, { channel, title: body.slice(0, 20) || 'untitled', body, owner: 'maria', scheduledAt: NOW + minutesFromNow * 60_000, status: 'scheduled', sourceId });
  return { ws, masto, bsky, item };
}

const calendar = (store: Store) => store.db.selectFrom('calendar_items').select(['id', 'status', 'published_url', 'publish_error', 'publish_attempts']).orderBy('id').execute();

describeEachStore('publishing due calendar items', (open) => {
  it('publishes what is due to Mastodon and Bluesky, stores the url, and leaves the rest', async () => {
    const store = await open();
    const { bsky, item } = await setup(store);
    await item('mastodon', 'New #brewly menu ☕', -5);
    await item('Bluesky', 'New brewly menu on Bluesky 🦋', 0, bsky.id);
    await item('mastodon', 'Tomorrow', 60 * 24);
    await item('linkedin', 'Not ours to publish', -5);
    const outcomes = await publishDueItems(store, NOW, { key: TEST_KEY });
    expect(outcomes.map((o) => [o.network, o.status])).toEqual([
      ['mastodon', 'published'],
      ['bluesky', 'published'],
    ]);
    const rows = await calendar(store);
    expect(rows[0]).toMatchObject({ status: 'published', published_url: `https://127.0.0.1/@brewly/200000`, publish_attempts: 1, publish_error: null });
    expect(rows[1]!.published_url).toMatch(/^https:\/\/bsky\.app\/profile\/alice\.bsky\.social\/post\//);
    expect(rows[2]).toMatchObject({ status: 'scheduled', publish_attempts: 0 });
    expect(rows[3]).toMatchObject({ status: 'scheduled', publish_attempts: 0 });
    expect(mastodon.posted).toHaveLength(1);
    expect(bluesky.records.size).toBe(1);
    // A second run finds nothing left to do.
    expect(await publishDueItems(store, NOW + 60_000, { key: TEST_KEY })).toEqual([]);
    expect(mastodon.posted).toHaveLength(1);
  });

  it('retries with back-off under the same idempotency key, then flags the item failed', async () => {
    const store = await open();
    const { item } = await setup(store);
    await item('mastodon', 'Flaky network day', -1);
    mastodon.server.fault('POST', '/api/v1/statuses', { status: 503, body: 'Service Unavailable' }, 3);
    const first = await publishDueItems(store, NOW, { key: TEST_KEY, retryDelayMs: 60_000 });
    expect(first[0]).toMatchObject({ status: 'retrying', attempt: 1 });
    expect(await publishDueItems(store, NOW + 30_000, { key: TEST_KEY, retryDelayMs: 60_000 })).toEqual([]); // still backing off
    expect((await publishDueItems(store, NOW + 60_000, { key: TEST_KEY, retryDelayMs: 60_000 }))[0]).toMatchObject({ status: 'retrying', attempt: 2 });
    const third = await publishDueItems(store, NOW + 180_000, { key: TEST_KEY, retryDelayMs: 60_000 });
    expect(third[0]).toMatchObject({ status: 'failed', attempt: 3 });
    const [row] = await calendar(store);
    expect(row).toMatchObject({ status: 'failed', publish_attempts: 3 });
    expect(row!.publish_error).toMatch(/POST http:\/\/127\.0\.0\.1:\d+\/api\/v1\/statuses: HTTP 503 Service Unavailable \(after 3 attempts\)/);
    const keys = new Set(mastodon.server.requestsTo('/api/v1/statuses', 'POST').map((r) => r.headers['idempotency-key']));
    expect(keys.size).toBe(1);
  });

  it('never posts twice when the first answer was lost after the post was made', async () => {
    const store = await open();
    const { item } = await setup(store);
    await item('mastodon', 'Posted once only', -1);
    // The instance posts, but the answer never arrives (timeout): the outcome is unknown.
    let lose = true;
    const fetchLosingFirstAnswer: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (lose && String(input).endsWith('/api/v1/statuses')) {
        lose = false;
        throw new Error('socket hang up');
      }
      return response;
    };
    expect((await publishDueItems(store, NOW, { key: TEST_KEY, fetch: fetchLosingFirstAnswer }))[0]).toMatchObject({ status: 'retrying' });
    expect((await publishDueItems(store, NOW + 60_000, { key: TEST_KEY, fetch: fetchLosingFirstAnswer }))[0]).toMatchObject({ status: 'published' });
    expect(mastodon.posted).toHaveLength(1);
  });

  it('flags at once what retrying cannot fix, and lets only one of two runners take an item', async () => {
    const store = await open();
    const { ws, item } = await setup(store);
    await item('mastodon', '', -1);
    await addSource(store, ws, { network: 'bluesky', config: { service: bluesky.url, identifier: 'alice.bsky.social', queries: ['x'] }, secrets: { appPassword: 'x' } }, { key: TEST_KEY });
    await item('bluesky', 'Which account?', -1);
    const outcomes = await publishDueItems(store, NOW, { key: TEST_KEY });
    expect(outcomes.map((o) => o.status)).toEqual(['failed', 'failed']);
    expect(outcomes[0]!.error).toMatch(/HTTP 422/);
    expect(outcomes[1]!.error).toMatch(/2 bluesky sources could publish this item: set the item's source_id/);

    await item('mastodon', 'Race', -1);
    const [a, b] = await Promise.all([publishDueItems(store, NOW, { key: TEST_KEY }), publishDueItems(store, NOW, { key: TEST_KEY })]);
    expect([...a, ...b].filter((o) => o.status === 'published')).toHaveLength(1);
    expect(mastodon.posted).toHaveLength(1);
  });
});

describeEachStore('publishing under the approval chain', (open) => {
  it('never publishes an unapproved post where approval is required, however it became scheduled', async () => {
    const store = await open();
    const { ws, item } = await setup(store);
    const sneaked = await item('mastodon', 'Scheduled before approval was required', -1);
    await setCalendarSettings(store, ws, { requireApproval: true }, NOW);
    const approvedLater = await addCalendarItem(store, ws, { channel: 'mastodon', title: 'Approved', body: 'Approved post', owner: 'maria', scheduledAt: NOW - 60_000, status: 'draft' });
    await submitForApproval(store, ws, approvedLater.id, 'maria', null, NOW - 120_000);
    await decideApproval(store, ws, approvedLater.id, 'approve', 'olga', null, NOW - 90_000);
    const outcomes = await publishDueItems(store, NOW, { key: TEST_KEY });
    expect(outcomes.map((o) => [o.itemId, o.status])).toEqual([
      [sneaked.id, 'failed'],
      [approvedLater.id, 'published'],
    ]);
    expect(outcomes[0]!.error).toMatch(/need approval/);
    expect(mastodon.posted.map((p) => p.content)).toEqual(['<p>Approved post</p>']);
  });
});

describeEachStore('publishing pictures and recording the outcome', (open) => {
  const noWait = async () => {};

  it('uploads the pictures with their alt text once, even when the post itself is retried', async () => {
    const store = await open();
    const { ws, bsky } = await setup(store);
    const masto = servePicture(mastodon.server, mastodon.url, '/pictures/cup.png');
    const sky = servePicture(bluesky.server, bluesky.url, '/pictures/cup.png');
    const media = (url: string) => [{ url, alt: 'A white cup of coffee' }];
    await addCalendarItem(store, ws, { channel: 'mastodon', title: 'Cup', body: 'Our cup', owner: 'maria', scheduledAt: NOW - 60_000, status: 'scheduled', media: media(masto) });
    await addCalendarItem(store, ws, { channel: 'bluesky', title: 'Cup', body: 'Our cup', owner: 'maria', scheduledAt: NOW - 60_000, status: 'scheduled', sourceId: bsky.id, media: media(sky) });
    mastodon.server.fault('POST', '/api/v1/statuses', { status: 503, json: { error: 'Service Unavailable' } });
    bluesky.server.fault('POST', '/xrpc/com.atproto.repo.createRecord', { status: 502, json: { error: 'UpstreamFailure', message: 'Bad Gateway' } });
    expect((await publishDueItems(store, NOW, { key: TEST_KEY, wait: noWait })).map((o) => o.status)).toEqual(['retrying', 'retrying']);
    expect((await publishDueItems(store, NOW + 60_000, { key: TEST_KEY, wait: noWait })).map((o) => o.status)).toEqual(['published', 'published']);
    expect(mastodon.server.requestsTo('/api/v2/media', 'POST')).toHaveLength(1);
    expect(bluesky.server.requestsTo('/xrpc/com.atproto.repo.uploadBlob', 'POST')).toHaveLength(1);
    expect(mastodon.posted[0]!.media_attachments).toMatchObject([{ description: 'A white cup of coffee' }]);
    const [record] = bluesky.records.values();
    expect(record!.embed).toMatchObject({ $type: 'app.bsky.embed.images', images: [{ alt: 'A white cup of coffee' }] });
  });

  it('records the publication and a final failure in the item history and the plan history, with who, when and the post URL', async () => {
    const store = await open();
    const { ws, masto } = await setup(store);
    const plan = await createPlan(store, ws, samplePlan, 'ana', NOW - 3_600_000);
    const ok = await addCalendarItem(store, ws, { planId: plan.id, channel: 'mastodon', title: 'Launch', body: 'We launch', owner: 'maria', scheduledAt: NOW - 60_000, status: 'scheduled' });
    const bad = await addCalendarItem(store, ws, { planId: plan.id, channel: 'mastodon', title: 'Empty', body: '', owner: 'maria', scheduledAt: NOW - 60_000, status: 'scheduled' });
    const [published] = await publishDueItems(store, NOW, { key: TEST_KEY });
    const history = await planHistory(store, ws, plan.id);
    expect(history.slice(-2)).toEqual([
      { version: expect.any(Number), author: `publisher (mastodon source #${masto.id})`, change: `calendar #${ok.id} "Launch" (mastodon): published: "${published!.url}"`, createdAt: NOW },
      { version: expect.any(Number), author: `publisher (mastodon source #${masto.id})`, change: expect.stringMatching(new RegExp(`^calendar #${bad.id} "Empty" \\(mastodon\\): publish-failed after 1 attempt: ".*HTTP 422`)), createdAt: NOW },
    ]);
    expect((await calendarEvents(store, ws, ok.id)).at(-1)).toMatchObject({ kind: 'published', author: `publisher (mastodon source #${masto.id})`, comment: published!.url, createdAt: NOW });
  });
});
