/**
 * A post with a picture, composed in the dashboard and published to a local Mastodon
 * replay: the picture goes up with its alt text as the description (POST /api/v2/media,
 * processed after a poll), the status carries it, and the post's history and the plan's
 * version history in the dashboard say it was published and where. The test runs the
 * publisher's tick itself at the post's time: no waiting on the wall clock. A Bluesky post
 * with a link shows, in the composer, the card the publisher then attaches.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { servePicture, TINY_PNG } from '../../src/listen/connectors/post-pictures-testing.ts';
import { MastodonReplay } from '../../src/listen/connectors/mastodon/mastodon-replay.ts';
import { BlueskyReplay } from '../../src/listen/connectors/bluesky/bluesky-replay.ts';
import { publishDueItems } from '../../src/listen/scheduler/publish-due.ts';
import { openStore } from '../../src/store/store.ts';
import { addDays, localDateKey } from '../../src/watch/time.ts';
import { TEST_MS, useSecretKey } from './harness.ts';
import { addMastodonSource, murmur } from './seed.ts';
import { signedInDashboard, type SignedIn } from './signed-in.ts';

let ui: SignedIn;
let mastodon: MastodonReplay;
let bluesky: BlueskyReplay;
let restoreKey: () => void = () => undefined;
// A month ahead of the clock: the server's own scheduler (wall clock) never finds it due.
const day = addDays(localDateKey(Date.now(), 'UTC'), 30);

describe('a post with a picture, published from the dashboard', { timeout: TEST_MS }, () => {
  beforeAll(async () => {
    restoreKey = useSecretKey();
    [mastodon, bluesky] = await Promise.all([MastodonReplay.start(), BlueskyReplay.start()]);
    ui = await signedInDashboard('murmur-e2e-pictures-', `/calendar?view=month&date=${day}`, 'Calendar');
    addMastodonSource(join(ui.dir, 'murmur.db'), mastodon.url);
    murmur(['--db', join(ui.dir, 'murmur.db'), 'sources', 'add', 'bluesky', '--service', bluesky.url, '--identifier', bluesky.account.handle, '--own-posts', '--app-password', bluesky.appPassword, '--disabled']);
  }, TEST_MS);

  afterAll(async () => {
    await ui?.close();
    await mastodon?.close();
    await bluesky?.close();
    restoreKey();
  });

  it('uploads the picture with its alt text, attaches it, and records the publication in both histories', async () => {
    const { page, server } = ui;
    const picture = servePicture(mastodon.server, mastodon.url, '/pictures/autumn-cup.png');
    mastodon.processingPolls = 1;
    await page.getByLabel('Title (shown in the calendar)').fill('Autumn cup');
    await page.getByLabel('Text of the post').fill('Our autumn cup is here #brewly');
    await page.getByRole('checkbox', { name: 'Bluesky' }).uncheck();
    await page.getByRole('button', { name: 'Add a picture' }).click();
    await page.getByLabel('Picture address (https://…)').fill(picture);
    await page.getByLabel('Alt text (required)').fill('A red cup of coffee among autumn leaves');
    await page.getByLabel('Publish at (time zone UTC)').fill(`${day}T10:30`);
    await page.getByRole('button', { name: 'Schedule' }).click();
    await page.getByTestId('composer-saved').waitFor();

    const at = Date.parse(`${day}T10:30:00Z`);
    const store = await openStore(join(ui.dir, 'murmur.db'));
    let url: string | null = null;
    try {
      const outcomes = await publishDueItems(store, at + 1_000, { wait: async () => {} });
      expect(outcomes.map((o) => [o.status, o.error])).toEqual([['published', null]]);
      url = outcomes[0]!.url;
    } finally {
      await store.close();
    }
    const [media] = mastodon.media.values();
    expect(media).toMatchObject({ description: 'A red cup of coffee among autumn leaves', mimeType: 'image/png' });
    expect(media!.bytes.equals(TINY_PNG)).toBe(true);
    expect(mastodon.posted[0]!.media_attachments).toMatchObject([{ type: 'image', description: 'A red cup of coffee among autumn leaves' }]);

    await page.goto(`${server.url}/calendar?view=month&date=${day}`);
    await page.locator(`[data-day="${day}"] [data-testid="calendar-chip"]`, { hasText: 'Autumn cup' }).click();
    const history = page.getByTestId('calendar-panel').getByTestId('item-history');
    await history.filter({ hasText: url! }).waitFor();
    expect(await history.textContent()).toMatch(/Published · publisher \(mastodon source #\d+\)/);
    await ui.shot('calendar-published-picture');

    await page.goto(`${server.url}/plan`);
    await page.getByRole('region', { name: 'Version history' }).getByTestId('plan-version').filter({ hasText: `"Autumn cup" (mastodon): published: "${url}"` }).waitFor();
  });

  it('previews the link card of a Bluesky post from the page, and publishes it with that card', async () => {
    const { page, server } = ui;
    servePicture(bluesky.server, bluesky.url, '/pictures/autumn.png');
    bluesky.server.route('GET', '/blog/autumn', () => ({
      body: '<html><head><meta property="og:title" content="The autumn blend"><meta property="og:description" content="Roasted this week in Lyon"><meta property="og:image" content="/pictures/autumn.png"></head><body></body></html>',
      headers: { 'content-type': 'text/html; charset=utf-8' },
    }));
    const link = `${bluesky.url}/blog/autumn`;
    await page.goto(`${server.url}/calendar?view=month&date=${day}`);
    await page.getByLabel('Title (shown in the calendar)').fill('Autumn card');
    await page.getByLabel('Text of the post').fill(`Read about it ☕ ${link}`);
    await page.getByRole('checkbox', { name: 'Mastodon' }).uncheck();
    const card = page.getByTestId('preview-bluesky').getByTestId('link-card');
    await card.filter({ hasText: 'The autumn blend' }).filter({ hasText: 'Roasted this week in Lyon' }).waitFor();
    await ui.shot('composer-bluesky-card');
    await page.getByLabel('Publish at (time zone UTC)').fill(`${day}T11:00`);
    await page.getByRole('button', { name: 'Schedule' }).click();
    await page.getByTestId('composer-saved').waitFor();

    const store = await openStore(join(ui.dir, 'murmur.db'));
    try {
      const outcomes = await publishDueItems(store, Date.parse(`${day}T11:00:00Z`) + 1_000, { wait: async () => {} });
      expect(outcomes.map((o) => [o.network, o.status, o.error])).toEqual([['bluesky', 'published', null]]);
    } finally {
      await store.close();
    }
    const [record] = bluesky.records.values();
    expect(record!.embed).toMatchObject({ $type: 'app.bsky.embed.external', external: { uri: link, title: 'The autumn blend', description: 'Roasted this week in Lyon', thumb: { $type: 'blob', mimeType: 'image/png' } } });
  });
});
