/**
 * Steps the browser tests share (dashboard.test.ts, inbox.test.ts, done-means.test.ts): each
 * waits for the page's answer (a URL, a status line, a download), never for time.
 */
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { accounts, status } from '../../src/listen/connectors/mastodon/mastodon-fixtures.ts';
import type { MastodonReplay } from '../../src/listen/connectors/mastodon/mastodon-replay.ts';
import { DEMO_USER } from './seed.ts';
import { STEP_MS } from './harness.ts';

/** A page is done loading when no "Loading…" state and no chart still loading is left on it. */
export async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => !document.querySelector('.state-loading, [aria-busy="true"]'), undefined, { timeout: STEP_MS });
}

/** Signs in as the demo user on the sign-in form the page shows, and waits for `heading`. */
export async function signIn(page: Page, heading: string): Promise<void> {
  await page.getByLabel('Email').fill(DEMO_USER.email);
  await page.getByLabel('Password').fill(DEMO_USER.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
}

/** In the inbox on screen: selects the first `count` mentions and applies one bulk change, until the selection empties. */
export async function bulkChange(page: Page, count: number, change: (bulk: ReturnType<Page['getByRole']>) => Promise<void>): Promise<void> {
  const checks = page.getByRole('checkbox', { name: /^Select the mention by @/ });
  expect(await checks.count()).toBeGreaterThan(count - 1);
  for (let i = 0; i < count; i++) await checks.nth(i).check();
  await page.getByTestId('selected-count').filter({ hasText: `Selected: ${count}` }).waitFor();
  await change(page.getByRole('group', { name: 'Change the selected mentions' }));
  await page.getByTestId('selected-count').filter({ hasText: 'Selected: 0' }).waitFor();
  await settled(page);
}

/** Assigns the first `count` mentions of the inbox on screen to the signed-in user, in one go. */
export async function assignToMe(page: Page, count: number): Promise<void> {
  await bulkChange(page, count, async (bulk) => {
    await bulk.getByLabel('Assign to').selectOption({ label: `${DEMO_USER.name} (me)` });
    await bulk.getByRole('button', { name: 'Apply assignee' }).click();
  });
}

/** Puts a tag on the first `count` mentions of the inbox on screen, in one go. */
export async function tagBatch(page: Page, count: number, tag: string): Promise<void> {
  await bulkChange(page, count, async (bulk) => {
    await bulk.getByLabel('Tag').fill(tag);
    await bulk.getByRole('button', { name: 'Add tag' }).click();
  });
}

/**
 * On the Mentions page of Mastodon mentions: replies to the first one through the replay
 * instance (which knows the post being answered, as the real one would after a resolving
 * search), and checks the reply went out once, threaded, and is stored on the mention.
 */
export async function replyToFirstMastodonMention(page: Page, serverUrl: string, mastodon: MastodonReplay, text: string): Promise<void> {
  await page.goto(`${serverUrl}/mentions?source=mastodon`);
  await settled(page);
  const answer = await page.request.get(`${serverUrl}/api/v1/workspaces/default/mentions?source=mastodon&limit=1`);
  const [mention] = (await answer.json()).items as { id: number; externalId: string; text: string }[];
  mastodon.statuses = [{ ...status({ id: '113000', account: accounts.remote, content: `<p>${mention!.text}</p>`, createdAt: '2026-03-01T10:00:00.000Z' }), uri: mention!.externalId }];
  const sentBefore = mastodon.posted.length;
  const row = page.getByTestId('mention-list').locator('[data-index="0"]');
  await row.getByRole('button', { name: 'Reply', exact: true }).click();
  await row.getByLabel(/^Reply to @/).fill(text);
  await row.getByRole('button', { name: 'Send reply' }).click();
  await row.getByTestId('reply-status').filter({ hasText: 'Reply posted.' }).waitFor();
  expect(mastodon.posted).toHaveLength(sentBefore + 1);
  const posted = mastodon.posted.at(-1)!;
  expect(await row.getByRole('link', { name: 'Open the reply' }).getAttribute('href')).toBe(posted.url);
  expect(posted.in_reply_to_id).toBe('113000');
  // Stored on the mention: the API lists it.
  const replies = await (await page.request.get(`${serverUrl}/api/v1/workspaces/default/mentions/${mention!.id}/replies`)).json();
  expect(replies.items.map((r: { status: string }) => r.status)).toEqual(['sent']);
}

/** Clicks the XLSX export of the list on screen and reads the file's "Mentions" sheet. */
export async function downloadMentionsXlsx(page: Page, path: string): Promise<ExcelJS.Worksheet> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-xlsx').click()]);
  expect(download.suggestedFilename()).toMatch(/^murmur-mentions-\d{4}-\d{2}-\d{2}\.xlsx$/);
  await download.saveAs(path);
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(path);
  return book.getWorksheet('Mentions')!;
}
