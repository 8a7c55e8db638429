import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import type { MentionInput } from '../../core/mention.ts';
import { upsertMentions } from '../../store/mention-writer.ts';
import type { Store } from '../../store/store.ts';
import { describeEachStore } from '../../store/testing.ts';
import { workspaceId } from '../../store/workspaces.ts';
import { authors, post } from '../connectors/bluesky/bluesky-fixtures.ts';
import { BlueskyReplay } from '../connectors/bluesky/bluesky-replay.ts';
import { forgetBlueskySessions } from '../connectors/bluesky/bluesky-session.ts';
import { TEST_KEY } from '../connectors/connector-testing.ts';
import { jsonBody } from '../connectors/replay-server.ts';
import { accounts, status } from '../connectors/mastodon/mastodon-fixtures.ts';
import { MastodonReplay } from '../connectors/mastodon/mastodon-replay.ts';
import { addSource } from '../sources.ts';
import { approveReply, ConflictError, listReplies, ReplyError, requestReply } from './replies.ts';

let mastodon: MastodonReplay;
let bluesky: BlueskyReplay;
beforeAll(async () => {
  [mastodon, bluesky] = await Promise.all([MastodonReplay.start(), BlueskyReplay.start()]);
});
afterAll(async () => {
  await Promise.all([mastodon.close(), bluesky.close()]);
});

const NOW = Date.parse('2026-11-23T09:00:00Z');
// Shaped as the docs' examples (mastodon-fixtures.ts, bluesky-fixtures.ts cite them).
const complaint = status({ id: '113000', account: accounts.remote, content: '<p>Brewly raised prices again</p>', createdAt: '2026-11-23T08:00:00.000Z' });
const threadRoot = post({ rkey: '3lroot', author: authors.alice, text: 'Brewly thread', createdAt: '2026-11-23T07:00:00.000Z' });
const bskyComplaint = post({ rkey: '3lcomplaint', author: authors.alice, text: 'Brewly is late again', createdAt: '2026-11-23T08:00:00.000Z', replyTo: threadRoot.uri });

// The replays remember idempotency keys, as the networks do, across both stores' runs: each test makes its own.
let run = 0;
const key = (name: string) => `${name}-${run}`;
beforeEach(() => {
  run++;
  mastodon.statuses = [complaint];
  mastodon.posted = [];
  mastodon.server.requests.length = 0;
  bluesky.posts = [threadRoot, bskyComplaint];
  bluesky.records.clear();
  bluesky.server.requests.length = 0;
  forgetBlueskySessions();
});

function stored(source: string, externalId: string, handle: string): MentionInput {
  return {
    source,
    externalId,
    url: null,
    author: { handle, displayName: null, followers: 10 },
    text: 'Brewly raised prices again',
    publishedAt: new Date(NOW - 3_600_000),
    engagement: { likes: 0, shares: 0, replies: 0, views: null },
  };
}

async function setup(store: Store) {
  const ws = await workspaceId(store);
  await addSource(store, ws, { network: 'mastodon', config: { instance: mastodon.url, tags: ['brewly'] }, secrets: { token: 'mastodon-token-1' } }, { key: TEST_KEY });
  await addSource(store, ws, { network: 'bluesky', config: { service: bluesky.url, identifier: 'alice.bsky.social', queries: ['brewly'] }, secrets: { appPassword: bluesky.appPassword } }, { key: TEST_KEY });
  const { ids } = await upsertMentions(store, ws, [
    stored('mastodon', complaint.uri, 'kasia@social.example.pl'),
    stored('bluesky', bskyComplaint.uri, authors.alice.handle),
    stored('rss', 'https://blog.example/post', 'blog'),
  ]);
  return { ws, masto: ids[0]!, bsky: ids[1]!, rss: ids[2]! };
}

const options = { key: TEST_KEY };

describeEachStore('replies to mentions', (open) => {
  it('replies on Mastodon in the thread, once, and stores the reply and its URL on the mention', async () => {
    const store = await open();
    const { ws, masto } = await setup(store);
    const first = await requestReply(store, ws, masto, { text: 'Sorry! DM us your order number.', idempotencyKey: key('k1') }, 'ana@example.com', NOW, options);
    expect(first.duplicate).toBe(false);
    expect(first.reply).toMatchObject({ status: 'sent', attempts: 1, requestedBy: 'ana@example.com', error: null });
    expect(first.reply.url).toBe(mastodon.posted[0]!.url);
    // Threaded: the instance's own id of the status answered, found from its URI; the author named.
    const [search] = mastodon.server.requestsTo('/api/v2/search');
    expect(Object.fromEntries(search!.query)).toMatchObject({ q: complaint.uri, resolve: 'true', type: 'statuses' });
    const posts = mastodon.server.requestsTo('/api/v1/statuses', 'POST');
    expect(jsonBody(posts[0]!)).toMatchObject({ in_reply_to_id: '113000', status: '@kasia@social.example.pl Sorry! DM us your order number.' });
    expect(posts[0]!.headers['idempotency-key']).toBe(`murmur-reply-${ws}-${key('k1')}`);

    // A double click, a retried request: the stored reply comes back, nothing is posted.
    const again = await requestReply(store, ws, masto, { text: 'Sorry! DM us your order number.', idempotencyKey: key('k1') }, 'ana@example.com', NOW + 1000, options);
    expect(again).toEqual({ reply: first.reply, duplicate: true });
    expect(mastodon.server.requestsTo('/api/v1/statuses', 'POST')).toHaveLength(1);
    expect(await listReplies(store, ws, masto)).toEqual([first.reply]);
  });

  it('waits out a 429 and sends on the next submit of the same key, posting once', async () => {
    const store = await open();
    const { ws, masto } = await setup(store);
    mastodon.server.fault('POST', '/api/v1/statuses', { status: 429, headers: { 'retry-after': '30' }, json: { error: 'Too many requests' } });
    const limited = await requestReply(store, ws, masto, { text: 'On it', idempotencyKey: key('k429') }, 'ana', NOW, options);
    expect(limited.reply.status).toBe('retrying');
    expect(limited.reply.error).toMatch(/rate limited/);
    expect(limited.reply.retryAt!.getTime()).toBeGreaterThan(NOW);
    // Too early: the stored reply, no request.
    const early = await requestReply(store, ws, masto, { text: 'On it', idempotencyKey: key('k429') }, 'ana', NOW + 1000, options);
    expect(early.reply.status).toBe('retrying');
    expect(mastodon.server.requestsTo('/api/v1/statuses', 'POST')).toHaveLength(1);
    const sent = await requestReply(store, ws, masto, { text: 'On it', idempotencyKey: key('k429') }, 'ana', limited.reply.retryAt!.getTime(), options);
    expect(sent.reply).toMatchObject({ status: 'sent', attempts: 2 });
    expect(mastodon.posted).toHaveLength(1);
    const keys = new Set(mastodon.server.requestsTo('/api/v1/statuses', 'POST').map((r) => r.headers['idempotency-key']));
    expect(keys.size).toBe(1);
  });

  it('replies on Bluesky with root and parent refs, survives a 429, and never writes two records', async () => {
    const store = await open();
    const { ws, bsky } = await setup(store);
    bluesky.server.fault('POST', '/xrpc/com.atproto.repo.createRecord', { status: 429, headers: { 'retry-after': '10' }, json: { error: 'RateLimitExceeded', message: 'Rate Limit Exceeded' } });
    const limited = await requestReply(store, ws, bsky, { text: 'We are sorry', idempotencyKey: key('b1') }, 'ana', NOW, options);
    expect(limited.reply.status).toBe('retrying');
    const sent = await requestReply(store, ws, bsky, { text: 'We are sorry', idempotencyKey: key('b1') }, 'ana', limited.reply.retryAt!.getTime(), options);
    expect(sent.reply.status).toBe('sent');
    expect(sent.reply.url).toMatch(/^https:\/\/bsky\.app\/profile\/.+\/post\/[a-z2-7]{13}$/);
    expect(bluesky.records.size).toBe(1);
    const record = [...bluesky.records.values()][0]!;
    // The complaint is itself a reply: the thread's root stays the root, the complaint is the parent.
    expect(record.reply).toEqual({
      root: { uri: threadRoot.uri, cid: 'bafyreib2rxk3rh6kzwq' },
      parent: { uri: bskyComplaint.uri, cid: bskyComplaint.cid },
    });
    await requestReply(store, ws, bsky, { text: 'We are sorry', idempotencyKey: key('b1') }, 'ana', NOW + 60_000, options);
    expect(bluesky.server.requestsTo('/xrpc/com.atproto.repo.createRecord', 'POST')).toHaveLength(2);
  });

  it('holds a reply for approval by another member, then sends it', async () => {
    const store = await open();
    const { ws, masto } = await setup(store);
    const held = await requestReply(store, ws, masto, { text: 'Thanks!', idempotencyKey: key('a1'), approval: true }, 'ana', NOW, options);
    expect(held.reply.status).toBe('awaiting_approval');
    expect(mastodon.server.requestsTo('/api/v1/statuses', 'POST')).toHaveLength(0);
    await expect(approveReply(store, ws, held.reply.id, 'ana', NOW, options)).rejects.toThrow(/another member approves it/);
    const sent = await approveReply(store, ws, held.reply.id, 'bo', NOW + 5000, options);
    expect(sent).toMatchObject({ status: 'sent', approvedBy: 'bo', approvedAt: new Date(NOW + 5000) });
    await expect(approveReply(store, ws, held.reply.id, 'bo', NOW, options)).rejects.toThrow(/is sent, not awaiting approval/);
  });

  it('names what cannot be replied to', async () => {
    const store = await open();
    const { ws, masto, bsky, rss } = await setup(store);
    await expect(requestReply(store, ws, rss, { text: 'x', idempotencyKey: key('r') }, 'ana', NOW, options)).rejects.toThrow(ReplyError);
    await expect(requestReply(store, ws, rss, { text: 'x', idempotencyKey: key('r') }, 'ana', NOW, options)).rejects.toThrow(/came from rss: Murmur replies on mastodon and bluesky only/);
    await expect(requestReply(store, ws, masto, { text: '  ', idempotencyKey: key('e') }, 'ana', NOW, options)).rejects.toThrow(/the reply is empty/);
    await requestReply(store, ws, masto, { text: 'one', idempotencyKey: key('same') }, 'ana', NOW, options);
    await expect(requestReply(store, ws, bsky, { text: 'two', idempotencyKey: key('same') }, 'ana', NOW, options)).rejects.toThrow(ConflictError);
    mastodon.statuses = [];
    const gone = await requestReply(store, ws, masto, { text: 'hello', idempotencyKey: key('gone') }, 'ana', NOW, options);
    expect(gone.reply).toMatchObject({ status: 'failed' });
    expect(gone.reply.error).toMatch(/cannot find the post being answered/);
  });
});
