/**
 * The CRM webhook secret in Settings, as an owner (`murmur conversions webhook-secret`):
 * the card says whether one is set, creates it and shows it exactly once with a copy
 * button; after a reload only "set since …" remains, as in the CLI.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { murmur } from './seed.ts';
import { signedInDashboard, type SignedIn } from './signed-in.ts';
import { TEST_MS } from './harness.ts';

let dash: SignedIn;

describe('the CRM webhook secret in Chromium', { timeout: TEST_MS }, () => {
  beforeAll(async () => {
    dash = await signedInDashboard('murmur-e2e-crm-webhook-', '/settings', 'Settings');
  }, TEST_MS);
  afterAll(async () => dash?.close());

  it('creates the secret, shows it once with a copy button, then only says that it is set', async () => {
    const { page } = dash;
    await dash.settled();
    const card = page.getByRole('region', { name: 'CRM webhook (conversions)' });
    const before = JSON.parse(murmur(['--db', dash.server.db, 'conversions', 'webhook-secret', '--json'])) as { set: boolean };
    await card.getByTestId('crm-webhook-state').filter({ hasText: before.set ? 'A signing secret is set' : 'No signing secret yet' }).waitFor();
    await card.getByRole('button', { name: before.set ? 'Replace the secret' : 'Create the secret' }).click();
    const shown = card.getByTestId('crm-webhook-secret');
    await shown.waitFor();
    const secret = (await shown.textContent())!;
    expect(secret).toMatch(/^whsec_\S{20,}$/);
    await card.getByTestId('crm-webhook-state').filter({ hasText: 'A signing secret is set' }).waitFor();
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: dash.server.url });
    await card.getByRole('button', { name: 'Copy the new secret' }).click();
    await card.getByText('Copied.', { exact: true }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(secret);
    expect(await dash.phoneOverflow(), 'the card is wider than a phone').toEqual([]);
    await dash.shot('crm-webhook-secret-once');

    // Shown once there too: the CLI says a secret is set, since when, and never prints it.
    const status = murmur(['--db', dash.server.db, 'conversions', 'webhook-secret', '--json']);
    expect(JSON.parse(status)).toMatchObject({ set: true });
    expect(status).not.toContain(secret);
    await page.reload();
    await dash.settled();
    await card.getByTestId('crm-webhook-state').filter({ hasText: 'A signing secret is set' }).waitFor();
    expect(await page.content()).not.toContain(secret);
    expect(await card.getByRole('button', { name: 'Replace the secret' }).count()).toBe(1);
  });
});
