/**
 * The inbox in a real browser against a real `murmur serve` on a demo store: open "needs a
 * reply", select three mentions and assign them to yourself in one go, find them under
 * "My mentions", close one, and read who changed what in its history.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureWebBuilt, launchBrowser, type RunningServer, SHOTS, startServer, STEP_MS, tempDir, TEST_MS } from './harness.ts';
import { createDemoStore, DEMO_USER } from './seed.ts';
import { assignToMe, settled as settledPage, signIn, tagBatch } from './steps.ts';


let dir: ReturnType<typeof tempDir>;
let server: RunningServer;
let browser: BrowserContext;
let page: Page;

const settled = () => settledPage(page);

const total = async () => (await page.getByTestId('inbox-total').textContent()) ?? '';

describe('inbox in Chromium', { timeout: TEST_MS }, () => {
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    ensureWebBuilt();
    dir = tempDir('murmur-e2e-inbox-');
    const db = join(dir.path, 'murmur.db');
    createDemoStore(db, 0.1);
    server = await startServer(db);
    browser = await launchBrowser(join(dir.path, 'profile'));
    page = await browser.newPage();
    browser.setDefaultTimeout(STEP_MS);
    await page.goto(`${server.url}/inbox`);
    await signIn(page, 'Inbox');
  }, TEST_MS);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    dir?.remove();
  });

  it('assigns three mentions of "needs a reply" at once, then closes one and shows its history', async () => {
    await settled();
    expect(await page.getByRole('button', { name: 'Needs a reply' }).getAttribute('aria-pressed')).toBe('true');
    expect(await total()).toMatch(/^Mentions in this view: [\d,]+$/);
    await assignToMe(page, 3);
    await page.screenshot({ path: join(SHOTS, 'inbox-needs-reply.png'), fullPage: true });

    await page.getByRole('button', { name: 'My mentions' }).click();
    await page.waitForURL(/view=mine/);
    await page.getByTestId('inbox-total').filter({ hasText: 'Mentions in this view: 3' }).waitFor();
    const first = page.getByTestId('inbox-item').first();
    const author = (await first.getByRole('checkbox').getAttribute('aria-label'))!.replace('Select the mention by ', '');
    await first.getByLabel('State').selectOption('done');
    // Done is not open: it leaves "My mentions".
    await page.getByTestId('inbox-total').filter({ hasText: 'Mentions in this view: 2' }).waitFor();

    await page.getByRole('navigation', { name: 'Inbox views' }).getByLabel('State').selectOption('done');
    await page.getByTestId('inbox-total').filter({ hasText: 'Mentions in this view: 1' }).waitFor();
    const done = page.getByTestId('inbox-item').first();
    expect(await done.getByRole('checkbox').getAttribute('aria-label')).toBe(`Select the mention by ${author}`);
    await done.getByText('Notes and history').click();
    await done.getByLabel('Notes').fill('Answered by DM');
    await done.getByRole('button', { name: 'Save notes' }).click();
    await settled();
    // The list reloads after the save and may or may not keep the details open by then:
    // open them only if they are closed (a click on an open one would close it).
    const reopened = page.getByTestId('inbox-item').first();
    const details = reopened.locator('details.inbox-details');
    const history = reopened.getByTestId('inbox-history');
    await expect
      .poll(
        async () => {
          if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open))) await details.locator('summary').click();
          return history.filter({ hasText: 'changed notes' }).count();
        },
        { timeout: 60_000, interval: 500 },
      )
      .toBeGreaterThan(0);
    const lines = await history.locator('li').allTextContents();
    expect(lines.map((l) => l.replace(/^.*?(e2e@example\.com)/, '$1'))).toEqual([
      `${DEMO_USER.email} changed assignee: ∅ → ${DEMO_USER.email}`,
      `${DEMO_USER.email} changed state: New → Done`,
      `${DEMO_USER.email} changed notes: ∅ → Answered by DM`,
    ]);
    await page.screenshot({ path: join(SHOTS, 'inbox-history.png'), fullPage: true });
  });

  it('corrects a sentiment by hand: the mention shows it and its history says who', async () => {
    await page.goto(`${server.url}/inbox?view=all`);
    await settled();
    const item = page.getByTestId('inbox-item').first();
    const sentiment = item.getByLabel('Sentiment');
    const before = await sentiment.inputValue();
    const wanted = before === 'negative' ? 'positive' : 'negative';
    await sentiment.selectOption(wanted);
    const after = page.getByTestId('inbox-item').first();
    // The list reloads with the corrected mention: its badge says the new label.
    await after.locator(`.badge.sentiment-${wanted}`).first().waitFor();
    await settled();
    expect(await after.getByLabel('Sentiment').inputValue()).toBe(wanted);
    await after.getByText('Notes and history').click();
    await after.getByTestId('inbox-history').filter({ hasText: `${DEMO_USER.email} changed sentiment` }).waitFor();

    // The workspace's sentiment adapter learns from it: in the background, or at once with "Adapt now".
    const adapter = page.getByTestId('sentiment-adapter');
    await adapter.filter({ hasText: 'New corrections will be learned in a moment.' }).waitFor();
    await adapter.getByRole('button', { name: 'Adapt now' }).click();
    await adapter.filter({ hasText: /Sentiment adapted to this workspace from its corrections: \d+ / }).waitFor();
    // …with its held-out check: applied, or why not.
    await adapter.filter({ hasText: /Held-out check: \d+ fixed, \d+ broken\.|Not applied: on corrections it had not seen/ }).waitFor();
    expect(await adapter.textContent()).not.toContain('in a moment');
  });

  it('lists the mentions whose sentiment the model is not sure of, marked "not sure"', async () => {
    await page.goto(`${server.url}/inbox`);
    await settled();
    await page.getByRole('button', { name: 'Needs a sentiment check' }).click();
    await page.waitForURL(/view=sentiment-check/);
    await settled();
    expect(await total()).toMatch(/^Mentions in this view: [\d,]+$/);
    const items = page.getByTestId('inbox-item');
    expect(await items.count()).toBeGreaterThan(0);
    expect(await items.first().locator('.badge.sentiment-not-sure').count()).toBe(1);

    // The person finds the model right: "Right: …" keeps the label as theirs, and the mention leaves the view.
    const before = Number((await total()).replace(/\D/g, ''));
    await items.first().getByRole('button', { name: /^Right: / }).click();
    await page.getByTestId('inbox-total').filter({ hasText: `Mentions in this view: ${(before - 1).toLocaleString('en')}` }).waitFor();
  });

  it('tags a batch of selected mentions at once, filters by the tag, and adds a tag rule', async () => {
    await page.goto(`${server.url}/inbox?view=all`);
    await settled();
    await tagBatch(page, 4, 'E2E-Batch');
    await page.getByRole('navigation', { name: 'Inbox views' }).getByLabel('Tag').fill('e2e-batch');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.waitForURL(/tag=e2e-batch/);
    await page.getByTestId('inbox-total').filter({ hasText: 'Mentions in this view: 4' }).waitFor();
    expect(await page.locator('.tag-chip', { hasText: '#e2e-batch' }).count()).toBe(4);
    await page.screenshot({ path: join(SHOTS, 'inbox-tagged.png'), fullPage: true });

    // The per-tag figures over a period that holds the demo's days count them.
    const figures = page.getByRole('region', { name: 'Tags per period' });
    await figures.getByLabel('From').fill('2000-01-01');
    await figures.getByTestId('tag-figures').getByRole('row', { name: /#e2e-batch\s+4\b/ }).waitFor();

    // Taking the hand tag off one mention leaves three.
    await page.getByRole('button', { name: 'Take the tag e2e-batch off' }).first().click();
    await page.getByTestId('inbox-total').filter({ hasText: 'Mentions in this view: 3' }).waitFor();

    const rules = page.getByRole('region', { name: 'Tag rules' });
    await rules.getByLabel('Tag', { exact: true }).fill('billing');
    await rules.getByLabel('Query').fill('brewly');
    await rules.getByRole('button', { name: 'Add rule' }).click();
    const status = await rules.getByTestId('rule-added').textContent();
    expect(status).toMatch(/^Rule for #billing added: [\d,]+ stored mentions tagged\.$/);
    expect(status).not.toContain(' 0 stored');
  });
});
