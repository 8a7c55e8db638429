/**
 * The composer, the calendar and the approval chain in a real browser against a real
 * `murmur serve`: a post is written, checked against Mastodon's count, submitted, dragged
 * to another day, approved, and published to a local Mastodon replay when the publisher
 * runs at its time (the test runs the publisher's tick itself, with that time as `now`:
 * no waiting on the wall clock). Then a client opens a review link without an account,
 * comments, and the comment shows in the post's history in the dashboard.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MastodonReplay } from '../../src/listen/connectors/mastodon/mastodon-replay.ts';
import { ReplayServer } from '../../src/listen/connectors/replay-server.ts';
import { publishDueItems } from '../../src/listen/scheduler/publish-due.ts';
import { openStore } from '../../src/store/store.ts';
import { addDays, localDateKey } from '../../src/watch/time.ts';
import { ensureWebBuilt, launchBrowser, type RunningServer, SHOTS, startServer, STEP_MS, tempDir, TEST_MS, useSecretKey } from './harness.ts';
import { addMastodonSource, createDemoStore, DEMO_USER, murmur } from './seed.ts';


let dir: ReturnType<typeof tempDir>;
let db: string;
let server: RunningServer;
let mastodon: MastodonReplay;
/** The blog the post links to, on loopback (allowed by MURMUR_ALLOW_PRIVATE_HOSTS in the test env): no DNS lookup, a card to check. */
let blog: ReplayServer;
const BLOG_POST = '/blog/autumn-blend-2026-single-origin-ethiopia';
// An article page's head as https://ogp.me/ describes it (og:title, og:description, og:image, og:url).
const BLOG_HEAD = `<!doctype html><html><head><title>Autumn blend | Brewly blog</title>
<meta property="og:type" content="article"><meta property="og:title" content="Our autumn blend: single-origin Ethiopia">
<meta property="og:description" content="Roasted this week, with notes of apricot and black tea."><meta property="og:image" content="/media/autumn-cup.png">
<meta property="og:url" content="${BLOG_POST}"></head><body><p>The article.</p></body></html>`;
let browser: BrowserContext;
let page: Page;
let restoreKey: () => void = () => undefined;
// A month ahead of the clock: the server's own scheduler (wall clock) never finds it due.
const day = addDays(localDateKey(Date.now(), 'UTC'), 30);
const nextDay = addDays(day, 1);

const chip = (onDay: string, title: string) => page.locator(`[data-day="${onDay}"] [data-testid="calendar-chip"]`, { hasText: title });
const calendarAt = (date: string) => page.goto(`${server.url}/calendar?view=month&date=${date}`);

describe('composer, calendar and approval in Chromium', { timeout: TEST_MS }, () => {
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    ensureWebBuilt();
    dir = tempDir('murmur-e2e-composer-');
    db = join(dir.path, 'murmur.db');
    restoreKey = useSecretKey();
    createDemoStore(db, 0.05);
    mastodon = await MastodonReplay.start();
    blog = await ReplayServer.start();
    blog.route('GET', BLOG_POST, () => ({ body: BLOG_HEAD, headers: { 'content-type': 'text/html; charset=utf-8' } }));
    addMastodonSource(db, mastodon.url);
    murmur(['--db', db, 'post', 'approval', 'on']);
    server = await startServer(db);
    browser = await launchBrowser(join(dir.path, 'profile'));
    browser.setDefaultTimeout(STEP_MS);
    page = await browser.newPage();
    await calendarAt(day);
    await page.getByLabel('Email').fill(DEMO_USER.email);
    await page.getByLabel('Password').fill(DEMO_USER.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Calendar' }).waitFor();
  }, TEST_MS);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await mastodon?.close();
    await blog?.close();
    restoreKey();
    dir?.remove();
  });

  it('composes a post, drags it to the next day, approves it, and publishes it at its time', async () => {
    const link = `${blog.url}${BLOG_POST}`;
    const text = `Our autumn blend is here: ${link} #brewly`;
    await calendarAt(day);
    await page.getByLabel('Title (shown in the calendar)').fill('Autumn blend launch');
    await page.getByLabel('Text of the post').fill(text);
    await page.getByRole('checkbox', { name: 'Bluesky' }).uncheck();
    // Mastodon counts the link as 23 characters, however long it is.
    const counted = text.length - link.length + 23;
    await page.getByTestId('count-mastodon').filter({ hasText: `${counted} of 500 characters` }).waitFor();
    expect(await page.getByTestId('preview-bluesky').count()).toBe(0);
    // The card the server read from the page's OpenGraph tags, its picture resolved against the page.
    const card = page.getByTestId('link-card');
    await card.filter({ hasText: 'Our autumn blend: single-origin Ethiopia' }).waitFor();
    expect(await card.textContent()).toContain('Roasted this week, with notes of apricot and black tea.');
    expect(await card.textContent()).toContain(new URL(blog.url).host);
    expect(await card.locator('img').getAttribute('src')).toBe(`${blog.url}/media/autumn-cup.png`);
    expect(blog.requestsTo(BLOG_POST).length).toBeGreaterThan(0);
    await page.getByLabel('Publish at (time zone UTC)').fill(`${day}T10:30`);
    await page.getByRole('button', { name: 'Submit for approval' }).click();
    await page.getByTestId('composer-saved').waitFor();

    // Drag and drop reschedules, keeping the time of day.
    await chip(day, 'Autumn blend launch').dragTo(page.locator(`[data-day="${nextDay}"]`));
    await chip(nextDay, 'Autumn blend launch').waitFor();
    await chip(nextDay, 'Autumn blend launch').click();
    const panel = page.getByTestId('calendar-panel');
    await panel.getByTestId('approval-state').filter({ hasText: 'Waiting for approval' }).waitFor();
    await panel.getByLabel('Comment (required to reject)').fill('Good to go');
    await panel.getByRole('button', { name: 'Approve' }).click();
    await panel.getByTestId('approval-state').filter({ hasText: 'Approved' }).waitFor();
    await panel.getByTestId('item-history').filter({ hasText: 'Good to go' }).waitFor();
    await page.screenshot({ path: join(SHOTS, 'calendar-approved.png'), fullPage: true });

    // The publisher's tick at the post's time: nothing before it, the post at it.
    const at = Date.parse(`${nextDay}T10:30:00Z`);
    const store = await openStore(db);
    try {
      const early = await publishDueItems(store, at - 60_000);
      expect(early.filter((o) => o.status === 'published')).toEqual([]);
      const outcomes = await publishDueItems(store, at + 1_000);
      expect(outcomes.filter((o) => o.status === 'published')).toHaveLength(1);
    } finally {
      await store.close();
    }
    expect(mastodon.posted.map((s) => s.content)).toEqual([`<p>${text}</p>`]);

    await calendarAt(nextDay);
    await chip(nextDay, 'Autumn blend launch').click();
    await page.getByTestId('calendar-panel').getByText('Published:').waitFor();
  });

  it('lets a client without an account read a post by its review link and comment; the team sees the comment', async () => {
    await calendarAt(day);
    await page.getByLabel('Title (shown in the calendar)').fill('Winter menu teaser');
    await page.getByLabel('Text of the post').fill('Something warm is coming to Brewly this winter.');
    await page.getByLabel('Publish at (time zone UTC)').fill(`${day}T09:00`);
    await page.getByRole('button', { name: 'Save as draft' }).click();
    await page.getByTestId('composer-saved').waitFor();
    await chip(day, 'Winter menu teaser').first().click();
    const panel = page.getByTestId('calendar-panel');
    await panel.getByRole('button', { name: 'Create a review link' }).click();
    const url = await panel.getByTestId('review-link').inputValue();
    expect(url).toMatch(new RegExp(`^${server.url}/review/mrv_[A-Za-z0-9_-]+$`));

    // Another browser profile: no session cookie.
    const client = await launchBrowser(join(dir.path, 'client-profile'));
    try {
      const review = await client.newPage();
      await review.goto(url);
      await review.getByTestId('review-post').filter({ hasText: 'Something warm is coming to Brewly this winter.' }).waitFor();
      expect(await review.getByLabel('Email').count()).toBe(0);
      await review.getByLabel('Your name').fill('Client Co');
      await review.getByLabel('Your comment').fill('Please mention the hot chocolate');
      await review.getByRole('button', { name: 'Send the comment' }).click();
      await review.getByTestId('review-comments').filter({ hasText: 'Please mention the hot chocolate' }).waitFor();
      await review.screenshot({ path: join(SHOTS, 'client-review.png'), fullPage: true });
    } finally {
      await client.close();
    }

    await calendarAt(day);
    await chip(day, 'Winter menu teaser').first().click();
    const history = page.getByTestId('calendar-panel').getByTestId('item-history');
    await history.filter({ hasText: 'Please mention the hot chocolate' }).waitFor();
    expect(await history.textContent()).toContain('Client’s comment');
  });
});
