/**
 * Adding a connector from Settings in a real browser, against a local replay of a
 * Mastodon instance (src/listen/connectors/mastodon/mastodon-replay.ts, shaped on
 * https://docs.joinmastodon.org/methods/timelines/#tag): the token is entered once and
 * never shown again, the server's scheduler polls the replay with it, and the connector
 * shows its first successful poll.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accounts, status } from '../../src/listen/connectors/mastodon/mastodon-fixtures.ts';
import { MastodonReplay } from '../../src/listen/connectors/mastodon/mastodon-replay.ts';
import { signedInDashboard, type SignedIn } from './signed-in.ts';
import { STEP_MS, TEST_MS } from './harness.ts';

const TOKEN = 'mastodon-token-1';
let dash: SignedIn;
let mastodon: MastodonReplay;

describe('adding a connector in Chromium', { timeout: TEST_MS }, () => {
  beforeAll(async () => {
    // Connector secrets are sealed with this key, by the CLI and by the server alike.
    process.env.MURMUR_SECRET_KEY ??= randomBytes(32).toString('base64');
    mastodon = await MastodonReplay.start();
    mastodon.statuses.push(
      status({ id: '110000000000000001', account: accounts.trwnh, content: '<p>First cup of <a href="https://127.0.0.1/tags/brewly">#brewly</a> from the replay</p>', createdAt: new Date(Date.now() - 3_600_000).toISOString() }),
    );
    dash = await signedInDashboard('murmur-e2e-connectors-', '/settings', 'Settings');
  }, TEST_MS);
  afterAll(async () => {
    await dash?.close();
    await mastodon?.close();
  });

  it('adds a Mastodon connector whose first poll reads the replayed instance with the token', async () => {
    const { page } = dash;
    await dash.settled();
    const connectors = page.locator('section[aria-labelledby="connectors-title"]');
    const add = connectors.locator('form[aria-labelledby="add-connector-title"]');
    await add.getByLabel('Network').selectOption('mastodon');
    await add.getByLabel('Instance', { exact: true }).fill(mastodon.url);
    await add.getByText('More options').click();
    await add.getByLabel('Tags (one per line)', { exact: true }).fill('brewly');
    await add.getByLabel('Access token', { exact: true }).fill(TOKEN);
    await add.getByRole('button', { name: 'Add connector' }).click();
    const row = connectors.getByRole('row').filter({ hasText: new URL(mastodon.url).host });
    await row.waitFor();
    expect(await page.locator('main').textContent()).not.toContain(TOKEN);

    // The server's scheduler polls a new connector at once; the page shows it after a reload.
    await expect
      .poll(
        async () => {
          await page.reload();
          await dash.settled();
          return row.textContent();
        },
        { timeout: STEP_MS, interval: 500 },
      )
      .toContain('OK');
    const polls = mastodon.server.requestsTo(/^\/api\/v1\/timelines\/tag\/brewly$/);
    expect(polls.length).toBeGreaterThan(0);
    expect(polls[0]!.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(await page.locator('main').textContent()).not.toContain(TOKEN);
    await dash.shot('settings-connector-polled');
  });
});
