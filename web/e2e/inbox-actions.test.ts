/**
 * Acting on mentions in a real browser against a real `murmur serve` on a demo store and a
 * local replay of a Mastodon instance: replies from the inbox with the approval step (a
 * colleague's held reply is shown on the mention and approved here, sent once, threaded; a
 * reply you hold yourself waits for someone else, and the dashboard says so), a sentiment
 * set on a selection at once, an author muted in a topic and unmuted again, the inbox on a
 * phone, and the lists on screen (an inbox view, advocates, spikes, the calendar) downloaded
 * as XLSX.
 */
import ExcelJS from 'exceljs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { knownToInstance } from '../../src/inbox/done-means-testing.ts';
import type { MastodonReplay } from '../../src/listen/connectors/mastodon/mastodon-replay.ts';
import { demoWithMastodon, type DemoWithMastodon } from './demo-mastodon.ts';
import { SHOTS, TEST_MS } from './harness.ts';
import { murmur } from './seed.ts';
import { bulkChange, settled, signIn } from './steps.ts';

const COLLEAGUE = 'colleague@example.com';
const TAG = 'e2e-reply';

let setup: DemoWithMastodon;
let server: DemoWithMastodon['server'];
let page: Page;
let mastodon: MastodonReplay;
let mentionId: number;

describe('acting on mentions, in Chromium', { timeout: TEST_MS }, () => {
  beforeAll(async () => {
    setup = await demoWithMastodon('murmur-e2e-reply-', 0.02, (db, instance) => {
      // A Mastodon mention of the demo, known to the replayed instance.
      const [toot] = (JSON.parse(murmur(['--db', db, 'search', '--source', 'mastodon', '--limit', '1', '--json'])) as { mentions: { id: number; externalId: string; text: string }[] }).mentions;
      mentionId = toot!.id;
      knownToInstance(instance, toot!);
      murmur(['--db', db, 'inbox', 'tag', String(mentionId), '--add', TAG]);
      // A colleague drafts a reply and asks for approval.
      murmur(['--db', db, 'users', 'add', COLLEAGUE, '--role', 'editor']);
      murmur(['--db', db, 'mentions', 'reply', String(mentionId), '--text', 'Sorry about that, DM us please.', '--approval', '--as', COLLEAGUE]);
    });
    ({ server, page, mastodon } = setup);
    await page.goto(`${server.url}/inbox?view=all&tag=${TAG}`);
    await signIn(page, 'Inbox');
    await settled(page);
    // Signing in keeps the link followed, query included.
    expect(new URL(page.url()).search).toBe(`?view=all&tag=${TAG}`);
  }, TEST_MS);

  afterAll(async () => {
    await setup?.close();
  });

  const row = () => page.getByTestId('inbox-item').first();

  it("approves a colleague's held reply from the inbox: sent once, in the thread", async () => {
    await row().getByRole('button', { name: 'Reply', exact: true }).click();
    const held = row().getByTestId('stored-reply');
    await held.filter({ hasText: `by ${COLLEAGUE}` }).filter({ hasText: 'Waiting for approval.' }).waitFor();
    await page.screenshot({ path: join(SHOTS, 'reply-held.png'), fullPage: true });
    const sentBefore = mastodon.posted.length;
    await held.getByRole('button', { name: 'Approve and send' }).click();
    await held.filter({ hasText: 'Reply posted.' }).waitFor();
    expect(mastodon.posted).toHaveLength(sentBefore + 1);
    expect(mastodon.posted.at(-1)!.in_reply_to_id).toBe('113000');
    expect(await held.getByRole('link', { name: 'Open the reply' }).getAttribute('href')).toBe(mastodon.posted.at(-1)!.url);
    expect(await held.getByRole('button', { name: 'Approve and send' }).count()).toBe(0);
  });

  it('holds your own reply for someone else, and says why you cannot approve it', async () => {
    await row().getByLabel(/^Reply to @/).fill('We will look into it today.');
    await row().getByLabel('Ask another member to approve it first').check();
    await row().getByRole('button', { name: 'Send reply' }).click();
    await row().getByTestId('reply-status').filter({ hasText: 'Waiting for approval.' }).waitFor();

    // After a reload the reply is still there, stored on the mention, with the colleague's sent one.
    await page.reload();
    await settled(page);
    await row().getByRole('button', { name: 'Reply', exact: true }).click();
    const stored = row().getByTestId('stored-reply');
    await stored.nth(1).waitFor();
    expect(await stored.allTextContents()).toEqual([expect.stringMatching(/Reply posted\./), expect.stringMatching(/We will look into it today\..*Waiting for approval\./)]);
    const sentBefore = mastodon.posted.length;
    await stored.nth(1).getByRole('button', { name: 'Approve and send' }).click();
    await row().getByRole('alert').filter({ hasText: 'another member approves it' }).waitFor();
    expect(mastodon.posted).toHaveLength(sentBefore);
    await page.screenshot({ path: join(SHOTS, 'reply-own-held.png'), fullPage: true });
  });

  it('sets the sentiment of a selection at once, recorded as a correction of each', async () => {
    const api = async <T>(path: string) => (await (await page.request.get(`${server.url}/api/v1/workspaces/default${path}`)).json()) as T;
    await page.goto(`${server.url}/inbox?view=all`);
    await settled(page);
    const { items } = await api<{ items: { mention: { id: number; sentiment: { label: string } | null } }[] }>('/inbox?view=all&limit=2');
    // A label neither has, so each one changes.
    const label = ['negative', 'neutral', 'positive'].find((l) => items.every((i) => i.mention.sentiment?.label !== l))!;
    await bulkChange(page, 2, async (bulk) => {
      await bulk.getByLabel('Set sentiment to').selectOption(label);
      await bulk.getByRole('button', { name: 'Apply sentiment' }).click();
    });
    for (const { mention } of items) {
      const shown = await api<{ mention: { sentiment: { label: string } }; history: { field: string; to: string }[] }>(`/inbox/${mention.id}`);
      expect(shown.mention.sentiment.label).toBe(label);
      expect(shown.history.map((h) => [h.field, h.to])).toContainEqual(['sentiment', label]);
      expect(await page.locator(`#sentiment-${mention.id}`).inputValue()).toBe(label);
    }
  });

  it("mutes an author in a topic: the author's mentions leave the list and its total, and come back when unmuted", async () => {
    const { items: topics } = (await (await page.request.get(`${server.url}/api/v1/workspaces/default/topics`)).json()) as { items: { id: number; role: string }[] };
    const brand = topics.find((t) => t.role === 'brand')!;
    await page.goto(`${server.url}/mentions?topic=${brand.id}`);
    await settled(page);
    const count = page.getByTestId('result-count');
    const totalShown = async () => Number(/of ([\d,]+) mentions/.exec((await count.textContent()) ?? '')![1]!.replace(/,/g, ''));
    const before = await totalShown();
    const mutes = page.getByTestId('topic-mutes');
    await mutes.getByText('Nothing is muted in this topic.').waitFor();

    const button = page.getByTestId('mention-list').locator('[data-index="0"]').getByRole('button', { name: /^Mute @/ });
    const handle = /^Mute @(.+) in this topic$/.exec((await button.textContent())!)![1]!;
    await button.click();
    await mutes.getByRole('listitem').filter({ hasText: handle }).waitFor();
    await settled(page);
    await count.filter({ hasNotText: new RegExp(`of ${before.toLocaleString('en')} mentions`) }).waitFor();
    expect(await totalShown()).toBeLessThan(before);
    expect(await page.getByTestId('mention-list').getByText(`@${handle}`, { exact: true }).count()).toBe(0);
    await page.screenshot({ path: join(SHOTS, 'mentions-muted.png'), fullPage: true });

    await mutes.getByRole('button', { name: 'Unmute' }).click();
    await mutes.getByText('Nothing is muted in this topic.').waitFor();
    await settled(page);
    await count.filter({ hasText: new RegExp(`of ${before.toLocaleString('en')} mentions`) }).waitFor();
  });

  it('on a phone, shows the first mention on the first screen: the bulk changes appear once something is selected', async () => {
    const size = page.viewportSize();
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      await page.goto(`${server.url}/inbox`);
      await settled(page);
      const bulk = page.getByRole('group', { name: 'Change the selected mentions' });
      expect(await bulk.getByRole('button', { name: 'Apply state' }).isVisible()).toBe(false);
      const first = page.getByTestId('inbox-item').first();
      expect((await first.boundingBox())!.y).toBeLessThan(844);
      await page.screenshot({ path: join(SHOTS, 'inbox-phone.png') });
      await first.getByRole('checkbox').check();
      await bulk.getByRole('button', { name: 'Apply state' }).waitFor();
      await first.getByRole('checkbox').uncheck();
      await bulk.getByRole('button', { name: 'Apply state' }).waitFor({ state: 'hidden' });
    } finally {
      if (size) await page.setViewportSize(size);
    }
  });

  it('downloads the view on screen as XLSX, each mention with its triage and tags', async () => {
    await page.goto(`${server.url}/inbox?view=all&tag=${TAG}`);
    await settled(page);
    const book = await downloadXlsx(page.getByTestId('export-xlsx'), /^murmur-inbox-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const sheet = book.getWorksheet('Inbox')!;
    const header = (sheet.getRow(1).values as unknown[]).map(String);
    expect(sheet.rowCount).toBe(2);
    expect(['id', 'state', 'tags'].map((c) => sheet.getRow(2).getCell(header.indexOf(c)).value)).toEqual([mentionId, 'new', TAG]);
  });

  it('downloads advocates, spikes and the calendar as XLSX from their pages, one row per item the page shows', async () => {
    const period = 'first=2026-09-01&last=2026-10-31';
    const opened = async <T>(path: string, answer: RegExp): Promise<T> => {
      const [response] = await Promise.all([page.waitForResponse((r) => answer.test(new URL(r.url()).pathname) && r.status() === 200), page.goto(`${server.url}${path}`)]);
      await settled(page);
      return (await response.json()) as T;
    };

    const people = await opened<{ advocates: unknown[]; detractors: unknown[] }>(`/people?${period}`, /\/watch\/advocacy$/);
    const advocates = await downloadXlsx(page.getByTestId('export-xlsx').first(), /^murmur-advocates-/);
    // Advocates and detractors one after the other, a `list` column naming each.
    const sheet = advocates.worksheets[0]!;
    const list = (sheet.getRow(1).values as unknown[]).map(String).indexOf('list');
    const lists = Array.from({ length: sheet.rowCount - 1 }, (_, i) => String(sheet.getRow(i + 2).getCell(list).value));
    expect([lists.filter((l) => l === 'Advocates').length, lists.filter((l) => l === 'Detractors').length]).toEqual([people.advocates.length, people.detractors.length]);
    expect(people.advocates.length).toBeGreaterThan(0);

    const spikes = await opened<{ items: unknown[] }>(`/spikes?${period}`, /\/watch\/spikes$/);
    const spikeBook = await downloadXlsx(page.getByTestId('export-xlsx'), /^murmur-spikes-/);
    expect(spikeBook.getWorksheet('Spikes')!.rowCount).toBe(spikes.items.length + 1);

    const calendar = await opened<{ items: unknown[] }>('/plan', /\/calendar$/);
    const calendarBook = await downloadXlsx(page.getByTestId('export-xlsx'), /^murmur-calendar-/);
    expect(calendarBook.getWorksheet('Calendar')!.rowCount).toBe(calendar.items.length + 1);
    expect(calendar.items.length).toBeGreaterThan(0);
  });
});

/** Clicks a download link and reads the XLSX it gives. */
async function downloadXlsx(link: Locator, name: RegExp): Promise<ExcelJS.Workbook> {
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  expect(download.suggestedFilename()).toMatch(name);
  const path = join(setup.dir, download.suggestedFilename());
  await download.saveAs(path);
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(path);
  return book;
}
