/**
 * Issue #18's "Done means", walked once in a real browser against a real `murmur serve` on a
 * demo store: sign in, open "needs a reply", assign three mentions, correct a sentiment and
 * see the day's net sentiment move, tag a batch, reply to a Mastodon mention (on a local
 * replay of the instance), and download the tagged list as XLSX, checking its rows.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MastodonReplay } from '../../src/listen/connectors/mastodon/mastodon-replay.ts';
import { localDateKey } from '../../src/watch/time.ts';
import { demoWithMastodon, type DemoWithMastodon } from './demo-mastodon.ts';
import { SHOTS } from './harness.ts';
import { assignToMe, downloadMentionsXlsx, replyToFirstMastodonMention, settled, signIn, tagBatch } from './steps.ts';

const TEST_MS = 600_000;
const API = '/api/v1/workspaces/default';

interface InboxAnswer {
  total: number;
  items: { mention: { id: number; text: string; publishedAt: string; topicIds: number[]; sentiment: { label: string } | null } }[];
}

let setup: DemoWithMastodon;
let server: DemoWithMastodon['server'];
let page: Page;
let mastodon: MastodonReplay;

/** What the API answers the signed-in browser (same session cookie). */
async function api<T>(path: string): Promise<T> {
  const response = await page.request.get(`${server.url}${API}${path}`);
  expect(response.status(), path).toBe(200);
  return (await response.json()) as T;
}

/** Opens the overview of one day and returns the net sentiment it shows, once its answer has arrived. */
async function netSentimentShown(topic: number, date: string): Promise<{ value: number; text: string }> {
  const [answer] = await Promise.all([
    page.waitForResponse((r) => r.url().includes('/watch/overview') && r.url().includes(`date=${date}`) && r.status() === 200),
    page.goto(`${server.url}/?topic=${topic}&date=${date}`),
  ]);
  const { kpis } = (await answer.json()) as { kpis: { kpi: string; value: number }[] };
  await settled(page);
  const text = (await page.getByTestId('kpi-netSentiment').locator('.stat-value').textContent()) ?? '';
  return { value: kpis.find((k) => k.kpi === 'netSentiment')!.value, text };
}

describe('issue #18 done means, in Chromium', { timeout: TEST_MS }, () => {
  beforeAll(async () => {
    setup = await demoWithMastodon('murmur-e2e-done-', 0.1);
    ({ server, page, mastodon } = setup);
  }, TEST_MS);

  afterAll(async () => {
    await setup?.close();
  });

  it('triages, corrects, tags, replies and exports, all in the dashboard', async () => {
    // Sign in, land on "needs a reply".
    await page.goto(`${server.url}/inbox`);
    await signIn(page, 'Inbox');
    await settled(page);
    expect(await page.getByRole('button', { name: 'Needs a reply' }).getAttribute('aria-pressed')).toBe('true');
    const needs = await api<InboxAnswer>('/inbox?view=needs-reply&limit=50');
    expect(needs.total).toBeGreaterThan(4);

    // Assign three mentions to me: "My mentions" holds them.
    await assignToMe(page, 3);
    await page.getByRole('button', { name: 'My mentions' }).click();
    await page.getByTestId('inbox-total').filter({ hasText: 'Mentions in this view: 3' }).waitFor();

    // Correct a negative mention of the brand topic to positive: its day's net sentiment rises.
    const { items: topics } = await api<{ items: { id: number; role: string }[] }>('/topics');
    const brand = topics.find((t) => t.role === 'brand')!;
    const { timeZone } = await api<{ timeZone: string }>('');
    const target = needs.items.slice(3).find((i) => i.mention.topicIds.includes(brand.id) && i.mention.sentiment?.label === 'negative')!.mention;
    const day = localDateKey(Date.parse(target.publishedAt), timeZone);
    const before = await netSentimentShown(brand.id, day);

    await page.goto(`${server.url}/inbox?view=needs-reply`);
    await settled(page);
    const [corrected] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/inbox/sentiment') && r.request().method() === 'POST'),
      page.locator(`#sentiment-${target.id}`).selectOption('positive'),
    ]);
    expect(corrected.status()).toBe(200);
    await settled(page);

    const after = await netSentimentShown(brand.id, day);
    expect(after.value).toBeGreaterThan(before.value);
    expect(after.text).not.toBe(before.text);
    await page.screenshot({ path: join(SHOTS, 'done-means-net-sentiment.png'), fullPage: true });

    // Tag a batch of four in the inbox.
    await page.goto(`${server.url}/inbox?view=all`);
    await settled(page);
    await tagBatch(page, 4, 'e2e-follow-up');

    // Reply to a Mastodon mention, threaded, through the replay instance.
    await replyToFirstMastodonMention(page, server.url, mastodon, 'Thanks, we are on it: DM us your order number.');

    // The tagged list on the Mentions page, downloaded as XLSX: one row per tagged mention.
    await page.goto(`${server.url}/mentions`);
    await settled(page);
    await page.getByLabel('Tag', { exact: true }).fill('e2e-follow-up');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.waitForURL(/tag=e2e-follow-up/);
    await page.getByTestId('result-count').filter({ hasText: /^4 of 4 mentions/ }).waitFor();
    const tagged = await api<{ items: { text: string }[] }>('/mentions?tag=e2e-follow-up');
    const sheet = await downloadMentionsXlsx(page, join(setup.dir, 'tagged.xlsx'));
    expect(sheet.rowCount).toBe(5);
    const texts = [2, 3, 4, 5].map((r) => String(sheet.getRow(r).getCell(7).value));
    expect(texts).toEqual(tagged.items.map((m) => m.text));
    await page.screenshot({ path: join(SHOTS, 'done-means-tagged.png'), fullPage: true });
  });
});
