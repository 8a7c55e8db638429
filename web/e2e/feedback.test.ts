/**
 * The audience's feedback link in a real browser against `murmur serve`: an editor finds
 * the public page's address on the experiment (the same one `murmur experiment feedback`
 * prints), a browser without an account opens it, answers the questions and is thanked,
 * and the experiment's result in the dashboard counts the answer. A dead link says so in
 * plain words.
 */
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, localDateKey } from '../../src/watch/time.ts';
import { launchBrowser, SHOTS, STEP_MS, TEST_MS } from './harness.ts';
import { murmur } from './seed.ts';
import { signedInDashboard, type SignedIn } from './signed-in.ts';

const NAME = 'Podcast teasers';
let dash: SignedIn;
let audience: BrowserContext | undefined;

describe('the public feedback page in Chromium', { timeout: TEST_MS }, () => {
  beforeAll(async () => {
    dash = await signedInDashboard('murmur-e2e-feedback-', '/experiments', 'Experiments');
    // Running now (relative to the clock): started a week ago, ends in three weeks.
    const today = localDateKey(Date.now(), 'UTC');
    murmur(['--db', dash.server.db, 'experiment', 'create', NAME, '--hypothesis', 'Teasers bring listeners', '--tactic', 'Podcast teasers', '--rides-on', 'newsletter', '--start', addDays(today, -7), '--end', addDays(today, 21)]);
    // Another browser profile: no session cookie, as a member of the audience.
    audience = await launchBrowser(join(dash.dir, 'audience-profile'));
    audience.setDefaultTimeout(STEP_MS);
  }, TEST_MS);
  afterAll(async () => {
    await audience?.close();
    await dash?.close();
  });

  it('lets someone without an account answer through the link the editor shares; the result counts the answer', async () => {
    const { page, server } = dash;
    await page.reload();
    await dash.settled();
    const card = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: NAME }) });
    const url = await card.getByTestId('feedback-link').inputValue();
    const cli = JSON.parse(murmur(['--db', server.db, 'experiment', 'feedback', NAME, '--base-url', server.url, '--json'])) as { formUrl: string };
    expect(url).toBe(cli.formUrl);
    expect(url).toMatch(new RegExp(`^${server.url}/feedback/[A-Za-z0-9_-]+$`));
    expect(await card.getByRole('button', { name: 'Copy the feedback page link' }).count()).toBe(1);

    const form = await audience!.newPage();
    await form.goto(url);
    await form.getByRole('heading', { level: 1, name: 'Podcast teasers' }).waitFor();
    expect(await form.getByLabel('Email').count()).toBe(0);
    // Nothing sent until something is answered.
    await form.getByRole('button', { name: 'Send my answers' }).click();
    await form.getByRole('alert').filter({ hasText: 'Answer at least one question before sending.' }).waitFor();
    await form.getByRole('group', { name: 'How useful was this to you?' }).getByLabel('4').check();
    await form.getByRole('group', { name: 'Would you like to see more of it?' }).getByLabel('yes').check();
    await form.getByLabel('Anything you would change?').fill('Shorter, please');
    // The questions' keys (useful, more, comment) stay internal: not even as field names.
    expect(await form.locator('[name="useful"], [name="more"], [name="comment"], #useful, #more, #comment').count()).toBe(0);
    await form.screenshot({ path: join(SHOTS, 'feedback-form.png'), fullPage: true });
    await form.getByRole('button', { name: 'Send my answers' }).click();
    await form.getByTestId('feedback-thanks').filter({ hasText: 'Thank you!' }).waitFor();

    await form.goto(`${server.url}/feedback/no-such-token-0123456789`);
    await form.getByRole('alert').filter({ hasText: 'This feedback link does not exist or is no longer valid.' }).waitFor();
    // A browser set to French gets the page in French, with no account and no choice made.
    const french = await audience!.newPage();
    await french.addInitScript(() => Object.defineProperty(navigator, 'languages', { get: () => ['fr-FR', 'fr'] }));
    await french.goto(url);
    await french.getByRole('button', { name: 'Envoyer mes réponses' }).waitFor();
    await french.close();

    await page.reload();
    await dash.settled();
    await card.getByText('Analysis so far').click();
    await card.getByTestId('experiment-result').filter({ hasText: '1 answer' }).filter({ hasText: 'Shorter, please' }).waitFor();
    await dash.shot('experiment-feedback');
  });
});
