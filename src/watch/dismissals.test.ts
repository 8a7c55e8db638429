/**
 * Dismissing a crisis item for a topic: through the API and the CLI, with the reason, who
 * and when kept; the item stays in the scan, marked and listed last; a viewer may not;
 * restoring undoes it.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { MentionInput } from '../core/mention.ts';
import { runMurmur } from '../cli/cli-testing.ts';
import { ingestBatch } from '../listen/pipeline.ts';
import { createTestApi, type TestApi } from '../server/testing.ts';
import { openStore, type Store } from '../store/store.ts';
import { describeEachStore } from '../store/testing.ts';
import type { CrisisItem } from './crisis.ts';

const DAY = 86_400_000;
const START = Date.UTC(2026, 4, 1);

function post(id: string, at: number, followers: number, label: 'negative' | 'neutral'): MentionInput {
  return {
    source: 'mastodon',
    externalId: id,
    url: `https://mastodon.example/@a/${id}`,
    author: { handle: `author_${id}`, displayName: null, followers },
    text: `acme ${label === 'negative' ? 'is awful, never again' : 'coffee today'} ${id}`,
    publishedAt: new Date(at),
    engagement: { likes: 1, shares: 0, replies: 0, views: null },
    parentExternalId: null,
    lang: 'en',
    sentiment: { label, score: label === 'negative' ? -0.9 : 0, probabilities: { negative: 0.9, neutral: 0.1, positive: 0 } },
  };
}

describeEachStore('crisis dismissals', (_open, location) => {
  let store: Store;
  let api: TestApi;
  let db: string;
  let topic: number;
  beforeAll(async () => {
    db = await location();
    store = await openStore(db);
    api = await createTestApi(store);
    topic = (await api.as('editor').post('/api/v1/workspaces/acme/topics', { name: 'Acme', query: 'acme' })).json().topic.id;
    // Four weeks of ordinary posts (a few hundred followers), then one loud negative post.
    const ordinary = Array.from({ length: 200 }, (_, k) => post(`o${k}`, START + Math.floor((k * 28 * DAY) / 200), 100 + k, 'neutral'));
    await ingestBatch(store, api.workspaces.acme, [...ordinary, post('loud', START + 29 * DAY, 40_000, 'negative')], { enricher: null, topics: [{ topicId: topic, matches: (m) => m.text.includes('acme') }] });
  });
  afterAll(async () => {
    await api.app.close();
    await store.close();
  });
  const scan = async () => (await api.as('viewer').get(`/api/v1/workspaces/acme/watch/crisis?topic=Acme&first=2026-05-29&last=2026-05-31`)).json().items as CrisisItem[];

  it('keeps the reason, who and when, lists the item last, refuses a viewer, and restores', async () => {
    const [item] = await scan();
    expect(item).toMatchObject({ kind: 'negative-post', key: expect.stringMatching(/^post:\d+$/) });
    expect(item!.dismissed).toBeUndefined();
    const body = { topic: 'Acme', key: item!.key, reason: 'our own parody account' };
    expect((await api.as('viewer').post('/api/v1/workspaces/acme/watch/crisis/dismissals', body)).statusCode).toBe(403);
    expect((await api.as('editor').post('/api/v1/workspaces/acme/watch/crisis/dismissals', { ...body, key: 'post:x' })).statusCode).toBe(400);
    const dismissed = await api.as('editor').post('/api/v1/workspaces/acme/watch/crisis/dismissals', body);
    expect(dismissed.statusCode).toBe(201);
    expect(dismissed.json()).toMatchObject({ topicId: topic, key: item!.key, reason: 'our own parody account', by: api.users.editor.email });
    // The answer cache knows: the next scan shows it dismissed.
    expect((await scan())[0]!.dismissed).toMatchObject({ reason: 'our own parody account', by: api.users.editor.email });

    // The CLI sees the same, and can restore it.
    const cliScan = await runMurmur('--db', db, '--workspace', 'acme', 'crisis', '--topic', 'Acme', '--from', '2026-05-29', '--to', '2026-05-31', '--tz', 'UTC');
    expect(cliScan.stdout).toContain(`[dismissed by ${api.users.editor.email}: our own parody account]`);
    const restore = await runMurmur('--db', db, '--workspace', 'acme', 'crisis-restore', item!.key, '--topic', 'Acme', '--json');
    expect(restore.code, restore.stderr).toBe(0);
    expect((await scan())[0]!.dismissed).toBeUndefined();
    expect((await api.as('editor').delete(`/api/v1/workspaces/acme/watch/crisis/dismissals?topic=Acme&key=${item!.key}`)).statusCode).toBe(404);

    // Dismissed from the CLI, restored through the API.
    const again = await runMurmur('--db', db, '--workspace', 'acme', 'crisis-dismiss', item!.key, '--topic', 'Acme', '--reason', 'off-topic', '--json');
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ key: item!.key, reason: 'off-topic', by: expect.stringMatching(/^cli:/) });
    expect((await scan())[0]!.dismissed).toMatchObject({ reason: 'off-topic' });
    expect((await api.as('editor').delete(`/api/v1/workspaces/acme/watch/crisis/dismissals?topic=Acme&key=${item!.key}`)).statusCode).toBe(204);
    expect((await scan())[0]!.dismissed).toBeUndefined();
  });
});
