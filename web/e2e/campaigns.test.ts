/**
 * Prove ROI from the dashboard in a real browser against `murmur serve`: a CRM export with
 * a broken row is previewed (the column mapping, the refused row with its line, nothing
 * stored), imported (the good rows stored), and imported again without adding anything;
 * a campaign is added (after the form refuses an end before its start), changed, and given
 * a tracked link whose short link is copied and redirects to the page with its UTM tags.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MURMUR, REPO, TEST_MS } from './harness.ts';
import { signedInDashboard, type SignedIn } from './signed-in.ts';

let dash: SignedIn;

const CSV = [
  'Deal ID,Lifecycle Stage,Close Date,Amount,Owner,UTM Campaign',
  'e2e-1,Lead,2026-03-02,,ana,spring-sale',
  'e2e-2,Closed Won,2026-03-04,"1 200,00",ana,spring-sale',
  'e2e-3,Lead,not a date,,bob,',
  '',
].join('\n');

const murmurJson = (args: string[]) => {
  const cli = spawnSync(process.execPath, [...MURMUR, '--db', dash.server.db, ...args], { cwd: REPO, encoding: 'utf8' });
  expect(cli.status, cli.stderr).toBe(0);
  return cli.stdout;
};

describe('campaigns and ROI in Chromium', { timeout: TEST_MS }, () => {
  beforeAll(async () => {
    dash = await signedInDashboard('murmur-e2e-campaigns-', '/campaigns', 'Campaigns and ROI');
  }, TEST_MS);
  afterAll(async () => dash?.close());

  it('previews a CRM export with a broken row, imports the good rows, and imports it again idempotently', async () => {
    const { page } = dash;
    await dash.settled();
    const path = join(dash.dir, 'crm-export.csv');
    writeFileSync(path, CSV);
    // What the CLI's preview says is new: nothing stored by a preview, all stored by an import.
    const newRows = () => {
      // Exit 2: some rows were refused (the broken one), which is expected here.
      const cli = spawnSync(process.execPath, [...MURMUR, '--db', dash.server.db, 'conversions', 'import', path, '--dry-run', '--json'], { cwd: REPO, encoding: 'utf8' });
      expect(cli.status, cli.stderr).toBe(2);
      return (JSON.parse(cli.stdout) as { inserted: number }).inserted;
    };
    const card = page.getByRole('region', { name: 'Import conversions' });
    const upload = () => card.getByLabel('CRM export (CSV)').setInputFiles({ name: 'crm-export.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) });

    await upload();
    const preview = card.getByTestId('conversions-preview');
    await preview.getByTestId('conversions-counts').filter({ hasText: '3 rows: 2 new, 0 already imported, 1 refused.' }).waitFor();
    const mapping = await preview.getByTestId('conversions-mapping').locator('tbody tr').allTextContents();
    expect(mapping).toEqual(['Deal IDCRM record id', 'Lifecycle StageStage (lead or sale)', 'Close DateDate', 'AmountRevenue', 'OwnerNot read', 'UTM CampaignCampaign (utm_campaign)']);
    const rejects = preview.getByTestId('conversions-rejects').locator('tbody tr');
    expect(await rejects.count()).toBe(1);
    expect(await rejects.locator('td').first().textContent()).toBe('4');
    // Worded by the dashboard from the API's code (bad_date on occurredAt); the API's English stays as the cell's title.
    expect(await rejects.locator('td').nth(1).textContent()).toBe('Date: not a date (2026-03-05, or 2026-03-05 16:30).');
    expect(await rejects.locator('td').nth(1).getAttribute('title')).toMatch(/^occurredAt: expected a date/);
    await dash.shot('conversions-preview');
    expect(await dash.phoneOverflow(), 'the preview is wider than a phone').toEqual([]);
    expect(newRows()).toBe(2);

    await preview.getByRole('button', { name: 'Import the new conversions (2)' }).click();
    const imported = card.getByTestId('conversions-imported');
    await imported.getByTestId('conversions-counts').filter({ hasText: 'Imported. 3 rows: 2 new, 0 already imported, 1 refused.' }).waitFor();
    expect(await imported.getByTestId('conversions-rejects').locator('tbody td').first().textContent()).toBe('4');
    expect(newRows()).toBe(0);

    await upload();
    await preview.getByTestId('conversions-counts').filter({ hasText: '3 rows: 0 new, 2 already imported, 1 refused.' }).waitFor();
    await preview.getByRole('button', { name: 'Import the new conversions (0)' }).click();
    await imported.getByTestId('conversions-counts').filter({ hasText: 'Imported. 3 rows: 0 new, 2 already imported, 1 refused.' }).waitFor();
    expect(newRows()).toBe(0);
  });

  it('adds a campaign, changes it, and builds a tracked link whose short link is copied and redirects', async () => {
    const { page } = dash;
    // The campaign list, not the ROI tables above it (which also get a row once they reload).
    const list = page.getByRole('region', { name: 'Campaigns', exact: true });
    const added = list.getByRole('form', { name: 'New campaign' });
    await added.getByLabel('Name', { exact: true }).fill('Winter Launch');
    await added.getByLabel('Channel', { exact: true }).fill('Mastodon');
    await added.getByLabel('Start date').fill('2026-12-01');
    await added.getByLabel('End date').fill('2026-11-01');
    await added.getByLabel('Money spent').fill('800');
    await added.getByRole('button', { name: 'Add the campaign' }).click();
    await added.getByRole('alert').filter({ hasText: 'End date: ends before it starts' }).waitFor();
    await added.getByLabel('End date').fill('2026-12-31');
    await added.getByRole('button', { name: 'Add the campaign' }).click();
    const row = list.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Winter Launch', exact: true }) });
    await row.filter({ hasText: 'winter-launch' }).filter({ hasText: '€800' }).waitFor();

    await row.getByRole('button', { name: 'Change the campaign “Winter Launch”' }).click();
    const edit = list.getByRole('form', { name: 'Change the campaign “Winter Launch”' });
    expect(await edit.getByLabel('Campaign name in links (utm_campaign, from the name if empty)').inputValue()).toBe('winter-launch');
    await edit.getByLabel('Money spent').fill('950');
    await edit.getByRole('button', { name: 'Save the changes' }).click();
    await row.filter({ hasText: '€950' }).waitFor();
    const stored = (JSON.parse(murmurJson(['campaign', 'list', '--json'])) as Array<{ name: string; costMoney: number; utmCampaign: string }>).find((c) => c.name === 'Winter Launch');
    expect(stored).toMatchObject({ costMoney: 950, utmCampaign: 'winter-launch' });

    const links = page.getByRole('region', { name: 'Tracked links' });
    const form = links.getByRole('form', { name: 'New tracked link' });
    await form.getByLabel('Campaign').selectOption({ label: 'Winter Launch' });
    await form.getByLabel('Page to open (https://…)').fill('https://shop.example/winter');
    await form.getByLabel('Where it is shared (utm_source, e.g. mastodon)').fill('Mastodon');
    await form.getByLabel('Kind of channel (utm_medium, e.g. social)').fill('Social');
    const destination = 'https://shop.example/winter?utm_source=mastodon&utm_medium=social&utm_campaign=winter-launch';
    await form.getByTestId('utm-preview').filter({ hasText: destination }).waitFor();
    await form.getByRole('button', { name: 'Create the link' }).click();
    const created = form.getByTestId('utm-created');
    const shortUrl = (await created.locator('code').textContent())!;
    expect(shortUrl).toMatch(new RegExp(`^${dash.server.url}/r/[A-Za-z0-9]{7}$`));
    await links.getByTestId('utm-links').getByRole('row').filter({ hasText: shortUrl }).filter({ hasText: destination }).waitFor();
    await dash.shot('campaigns-links');
    expect(await dash.phoneOverflow(), 'the page is wider than a phone').toEqual([]);

    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: dash.server.url });
    await created.getByRole('button', { name: `Copy the short link ${shortUrl.slice(-7)}` }).click();
    await created.getByRole('status').filter({ hasText: 'Copied.' }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(shortUrl);
    const visit = await fetch(shortUrl, { redirect: 'manual', headers: { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Chrome/130.0 Safari/537.36' } });
    expect(visit.status).toBe(302);
    expect(visit.headers.get('location')).toBe(destination);
  });

  it('points a clicked link at a new page keeping its short link, and deletes only an unclicked link', async () => {
    const { page } = dash;
    await page.reload();
    await dash.settled();
    const links = page.getByRole('region', { name: 'Tracked links' });
    const table = links.getByTestId('utm-links');
    // The link the test above made and clicked once.
    const clicked = table.getByRole('row').filter({ hasText: 'utm_campaign=winter-launch' });
    const shortUrl = (await clicked.locator('code').first().textContent())!;
    const code = shortUrl.slice(-7);
    // The actions column shows once the page knows the caller may edit: wait for it, not count at once.
    await clicked.getByText('kept (clicked)').waitFor();
    expect(await clicked.getByRole('button', { name: `Delete the link ${code}` }).count()).toBe(0);

    await clicked.getByRole('button', { name: `Edit the link ${code}` }).click();
    const edit = links.getByRole('form', { name: `Change the link ${code}` });
    await edit.getByLabel('Page to open (https://…)').fill('ftp://shop.example/');
    await edit.getByRole('button', { name: 'Save the link' }).click();
    await edit.getByRole('alert').filter({ hasText: 'only http(s) links' }).waitFor();
    await edit.getByLabel('Page to open (https://…)').fill('https://shop.example/winter-sale');
    await edit.getByLabel('Which post or variant (utm_content, optional)').fill('Reel 2');
    await edit.getByRole('button', { name: 'Save the link' }).click();
    const destination = 'https://shop.example/winter-sale?utm_source=mastodon&utm_medium=social&utm_campaign=winter-launch&utm_content=reel-2';
    await table.getByRole('row').filter({ hasText: shortUrl }).filter({ hasText: destination }).waitFor();
    const visit = await fetch(shortUrl, { redirect: 'manual' });
    expect(visit.headers.get('location')).toBe(destination);

    const form = links.getByRole('form', { name: 'New tracked link' });
    await form.getByLabel('Campaign').selectOption({ label: 'Winter Launch' });
    await form.getByLabel('Page to open (https://…)').fill('https://shop.example/oops');
    await form.getByLabel('Where it is shared (utm_source, e.g. mastodon)').fill('bluesky');
    await form.getByLabel('Kind of channel (utm_medium, e.g. social)').fill('social');
    await form.getByRole('button', { name: 'Create the link' }).click();
    const mistake = (await form.getByTestId('utm-created').locator('code').textContent())!;
    await table.getByRole('row').filter({ hasText: mistake }).getByRole('button', { name: `Delete the link ${mistake.slice(-7)}` }).click();
    // The list reloads after the delete: wait for it to show again without the mistake, as an
    // empty moment while it loads would also have no row for it.
    const rows = async () => [await table.getByRole('row').filter({ hasText: mistake }).count(), await table.getByRole('row').filter({ hasText: shortUrl }).count()];
    await expect.poll(rows, { timeout: 60_000 }).toEqual([0, 1]);
    expect((await fetch(mistake, { redirect: 'manual' })).status).toBe(404);
    expect(await dash.phoneOverflow(), 'the links table is wider than a phone').toEqual([]);
    await dash.shot('campaigns-link-edited');
  });
});
