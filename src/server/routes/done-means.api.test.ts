/**
 * Issue #18's "Done means" through the HTTP API, on a demo store and a local replay of a
 * Mastodon instance, signed in as the dashboard is (session cookie + CSRF header): list
 * "needs a reply", assign three mentions, correct a wrong sentiment and see the day's net
 * sentiment change in the overview, tag a batch, reply to a Mastodon mention (threaded,
 * stored, not sent twice) and download the list as XLSX, read back with exceljs. A viewer
 * reads all of it and can change none of it. On both stores.
 */
import ExcelJS from 'exceljs';
import { expect, it } from 'vitest';
import { setMember } from '../../accounts/members.ts';
import { runDemo } from '../../demo/demo.ts';
import { DONE_MEANS_MS, doneMeansWorld, knownToInstance, type WalkedItem as InboxItem } from '../../inbox/done-means-testing.ts';
import { openStore } from '../../store/store.ts';
import { describeEachStore } from '../../store/testing.ts';
import { workspaceId } from '../../store/workspaces.ts';
import { createTestApi } from '../testing.ts';

const WS = '/api/v1/workspaces/default';
const world = doneMeansWorld('murmur-done-means-api-');

describeEachStore('issue #18 done means, through the API', (_open, freshLocation) => {
  it('triages, corrects, tags, replies and exports over HTTP; a viewer reads but changes nothing', { timeout: DONE_MEANS_MS }, async () => {
    const location = await freshLocation();
    await runDemo({ location, scale: 0.02, reportsDir: world.path('reports') });
    const store = await openStore(location);
    const api = await createTestApi(store);
    try {
      const ws = await workspaceId(store);
      await setMember(store, ws, api.users.editor.id, 'editor');
      await setMember(store, ws, api.users.viewer.id, 'viewer');
      const editor = await api.login('editor');
      const viewer = await api.login('viewer');
      const ok = async <T>(response: Promise<{ statusCode: number; body: string; json(): unknown }>, status = 200): Promise<T> => {
        const answer = await response;
        expect(answer.statusCode, answer.body).toBe(status);
        return answer.json() as T;
      };

      // "Needs a reply", highest priority first, with the view's exact total; the viewer sees it too.
      const needs = await ok<{ total: number; items: InboxItem[] }>(editor.get(`${WS}/inbox?view=needs-reply&limit=50`));
      expect(needs.total).toBeGreaterThan(needs.items.length);
      expect(needs.items.map((i) => i.priority)).toEqual(needs.items.map((i) => i.priority).sort((a, b) => b - a));
      expect((await ok<{ total: number }>(viewer.get(`${WS}/inbox?view=needs-reply&limit=50`))).total).toBe(needs.total);

      // Assign three to the editor: "mine" holds them. The viewer may not assign.
      const three = needs.items.slice(0, 3).map((i) => i.mention.id);
      const assign = { ids: three, state: 'in_progress', assigneeId: api.users.editor.id };
      expect((await viewer.post(`${WS}/inbox/triage`, assign)).statusCode).toBe(403);
      await ok(editor.post(`${WS}/inbox/triage`, assign));
      const mine = await ok<{ total: number; items: InboxItem[] }>(editor.get(`${WS}/inbox?view=mine`));
      expect(mine.total).toBe(3);
      expect(mine.items.map((i) => i.mention.id).sort()).toEqual([...three].sort());

      // Correct a negative mention of the brand to positive: the overview's net sentiment of its day rises.
      const { items: topics } = await ok<{ items: { id: number; role: string }[] }>(editor.get(`${WS}/topics`));
      const brand = topics.find((t) => t.role === 'brand')!;
      const target = needs.items.slice(3).find((i) => i.mention.topicIds.includes(brand.id) && i.mention.sentiment?.label === 'negative')!.mention;
      const day = target.publishedAt.slice(0, 10);
      const netSentiment = async () =>
        (await ok<{ kpis: { kpi: string; value: number }[] }>(editor.get(`${WS}/watch/overview?topic=${brand.id}&date=${day}&tz=UTC`))).kpis.find((k) => k.kpi === 'netSentiment')!.value;
      const before = await netSentiment();
      const correction = { ids: [target.id], label: 'positive' };
      expect((await viewer.post(`${WS}/inbox/sentiment`, correction)).statusCode).toBe(403);
      await ok(editor.post(`${WS}/inbox/sentiment`, correction));
      expect(await netSentiment()).toBeGreaterThan(before);
      const shown = await ok<{ mention: { sentiment: { label: string } }; history: { field: string; to: string }[] }>(viewer.get(`${WS}/inbox/${target.id}`));
      expect(shown.mention.sentiment.label).toBe('positive');
      expect(shown.history.map((h) => [h.field, h.to])).toContainEqual(['sentiment', 'positive']);

      // Tag a batch of four: the tag filters the inbox and the mention search.
      const batch = (await ok<{ items: InboxItem[] }>(editor.get(`${WS}/inbox?limit=4`))).items.map((i) => i.mention.id);
      const tagging = { ids: batch, add: ['follow-up'] };
      expect((await viewer.post(`${WS}/inbox/tags`, tagging)).statusCode).toBe(403);
      expect(await ok(editor.post(`${WS}/inbox/tags`, tagging))).toEqual({ added: 4, removed: 0 });
      expect((await ok<{ total: number }>(viewer.get(`${WS}/inbox?tag=follow-up`))).total).toBe(4);

      // Reply to a Mastodon mention with the workspace's account (added as a user would), on the replay instance.
      const [toot] = (await ok<{ items: InboxItem['mention'][] }>(editor.get(`${WS}/mentions?source=mastodon&limit=1`))).items;
      const mastodon = world.mastodon;
      knownToInstance(mastodon, toot!);
      await ok(editor.post(`${WS}/sources`, { network: 'mastodon', config: { instance: mastodon.url, tags: ['brewly'] }, secrets: { token: 'mastodon-token-1' }, enabled: false }), 201);
      const replies = `${WS}/mentions/${toot!.id}/replies`;
      const reply = { text: 'Thanks, DM us your order number.', idempotencyKey: `done-means-${Math.random().toString(36).slice(2)}` };
      const postsBefore = mastodon.posted.length;
      expect((await viewer.post(replies, reply)).statusCode).toBe(403);
      const sent = await ok<{ id: number; status: string; url: string }>(editor.post(replies, reply), 201);
      expect(sent.status).toBe('sent');
      expect(await ok(editor.post(replies, reply))).toEqual(sent);
      expect(mastodon.posted).toHaveLength(postsBefore + 1);
      expect(mastodon.posted.at(-1)).toMatchObject({ in_reply_to_id: '113000', url: sent.url });
      expect((await ok<{ items: unknown[] }>(viewer.get(replies))).items).toEqual([sent]);

      // The tagged list as XLSX, as the dashboard's download asks for it: one row per tagged mention, in the list's order.
      const listed = (await ok<{ items: { id: number; text: string }[] }>(viewer.get(`${WS}/mentions?tag=follow-up`))).items;
      const download = await viewer.get(`${WS}/mentions/export?tag=follow-up&format=xlsx`);
      expect(download.statusCode).toBe(200);
      expect(download.headers['content-disposition']).toMatch(/^attachment; filename="murmur-mentions-\d{4}-\d{2}-\d{2}\.xlsx"$/);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(download.rawPayload as unknown as ArrayBuffer);
      const sheet = book.getWorksheet('Mentions')!;
      const header = (sheet.getRow(1).values as unknown[]).map(String);
      const rows = [2, 3, 4, 5].map((r) => sheet.getRow(r));
      expect(sheet.rowCount).toBe(5);
      expect(rows.map((r) => Number(r.getCell(header.indexOf('id')).value))).toEqual(listed.map((m) => m.id));
      expect(rows.map((r) => String(r.getCell(header.indexOf('text')).value))).toEqual(listed.map((m) => m.text));
      expect(listed.map((m) => m.id).sort()).toEqual([...batch].sort());
    } finally {
      await api.app.close();
      await store.close();
    }
  });
});
