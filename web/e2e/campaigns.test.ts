/**
 * Prove ROI from the dashboard in a real browser against `murmur serve`: a CRM export with
 * a broken row is previewed (the column mapping, the refused row with its line, nothing
 * stored), imported (the good rows stored), and imported again without adding anything.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MURMUR, REPO } from './harness.ts';
import { signedInDashboard, TEST_MS, type SignedIn } from './signed-in.ts';

let dash: SignedIn;

const CSV = [
  'Deal ID,Lifecycle Stage,Close Date,Amount,Owner,UTM Campaign',
  'e2e-1,Lead,2026-03-02,,ana,spring-sale',
  'e2e-2,Closed Won,2026-03-04,"1 200,00",ana,spring-sale',
  'e2e-3,Lead,not a date,,bob,',
  '',
].join('\n');

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
    expect(await rejects.locator('td').nth(1).textContent()).toMatch(/^occurredAt: expected a date/);
    await dash.shot('conversions-preview');
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
});
