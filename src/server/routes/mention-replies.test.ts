import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { accounts, status } from '../../listen/connectors/mastodon/mastodon-fixtures.ts';
import { MastodonReplay } from '../../listen/connectors/mastodon/mastodon-replay.ts';
import { addSource } from '../../listen/sources.ts';
import { describeEachStore } from '../../store/testing.ts';
import { workspaceId } from '../../store/workspaces.ts';
import { createTestApi, pushedMention, type TestApi } from '../testing.ts';

const savedKey = process.env.MURMUR_SECRET_KEY;
let mastodon: MastodonReplay;
beforeAll(async () => {
  process.env.MURMUR_SECRET_KEY = randomBytes(32).toString('base64');
  mastodon = await MastodonReplay.start();
});
afterAll(async () => {
  if (savedKey === undefined) delete process.env.MURMUR_SECRET_KEY;
  else process.env.MURMUR_SECRET_KEY = savedKey;
  await mastodon.close();
});

const complaint = status({ id: '113000', account: accounts.remote, content: '<p>Brewly raised prices</p>', createdAt: '2026-03-01T10:00:00.000Z' });

describeEachStore('replies over the API', (open) => {
  let api: TestApi;
  const ws = '/api/v1/workspaces/acme';
  let mentionId: number;
  beforeAll(async () => {
    const store = await open();
    api = await createTestApi(store, { limits: { ingestPerMinute: 1000 } });
    mastodon.statuses = [complaint];
    await addSource(store, await workspaceId(store, 'acme'), { network: 'mastodon', config: { instance: mastodon.url, tags: ['brewly'] }, secrets: { token: 'mastodon-token-1' } });
    const pushed = await api.as('editor').post(`${ws}/mentions`, { mentions: [{ ...pushedMention(complaint.uri, 'Brewly raised prices'), source: 'mastodon', author: { handle: 'kasia@social.example.pl' } }] });
    mentionId = pushed.json().ids[0];
  });
  afterAll(async () => {
    await api.app.close();
  });

  it('lets an editor reply once per key, a viewer read the reply but not send one', async () => {
    const url = `${ws}/mentions/${mentionId}/replies`;
    expect((await api.as('viewer').post(url, { text: 'hi', idempotencyKey: 'v' })).statusCode).toBe(403);
    const sent = await api.as('editor').post(url, { text: 'Sorry, DM us', idempotencyKey: 'key-1' });
    expect(sent.statusCode).toBe(201);
    expect(sent.json()).toMatchObject({ status: 'sent', mentionId, text: 'Sorry, DM us' });
    expect(sent.json().url).toMatch(/^https:\/\//);
    const again = await api.as('editor').post(url, { text: 'Sorry, DM us', idempotencyKey: 'key-1' });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(sent.json());
    expect(mastodon.posted.filter((s) => String(s.content).includes('Sorry, DM us'))).toHaveLength(1);
    const listed = await api.as('viewer').get(url);
    expect(listed.json().items.map((r: { url: string }) => r.url)).toEqual([sent.json().url]);
  });

  it('holds a reply for approval and sends it when another member approves', async () => {
    const held = await api.as('editor').post(`${ws}/mentions/${mentionId}/replies`, { text: 'Thanks a lot', idempotencyKey: 'key-2', approval: true });
    expect(held.json().status).toBe('awaiting_approval');
    const self = await api.as('editor').post(`${ws}/replies/${held.json().id}/approve`);
    expect(self.statusCode).toBe(400);
    expect((await api.as('viewer').post(`${ws}/replies/${held.json().id}/approve`)).statusCode).toBe(403);
    const approved = await api.as('owner').post(`${ws}/replies/${held.json().id}/approve`);
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'sent' });
    expect(approved.json().approvedBy).toMatch(/@/);
  });

  it('names a mention that cannot be answered', async () => {
    const other = await api.as('editor').post(`${ws}/mentions`, { mentions: [pushedMention('web-1', 'Brewly on a blog')] });
    const refused = await api.as('editor').post(`${ws}/mentions/${other.json().ids[0]}/replies`, { text: 'x', idempotencyKey: 'key-3' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().message).toContain('came from webhook');
    expect((await api.as('editor').post(`${ws}/mentions/999999/replies`, { text: 'x', idempotencyKey: 'key-4' })).statusCode).toBe(404);
  });
});
