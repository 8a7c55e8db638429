import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { describeEachStore } from '../store/testing.ts';
import { addCampaign } from './campaigns.ts';
import { importConversionsCsv } from './crm-csv.ts';
import { createLink, listLinks, recordClick, UNIQUE_CLICK_WINDOW_MS } from './links.ts';
import { roiReport } from './report.ts';
import { ingestCrmEvents, rotateCrmWebhookSecret, signCrmPayload, storedCrmWebhookSecret, verifyCrmWebhook } from './webhook.ts';

const brokenCsv = fileURLToPath(new URL('./testdata/crm-broken.csv', import.meta.url));
const MARCH = Date.parse('2026-03-01T00:00:00Z');

describeEachStore('ROI', (open) => {
  it('counts clicks on short links per day, without personal data', async () => {
    const store = await open();
    await addCampaign(store, 1, { name: 'Spring Sale', channel: 'Mastodon', start: '2026-03-01', costMoney: 100 });
    const link = await createLink(store, 1, { campaign: 'spring-sale', url: 'https://shop.example/', source: 'Mastodon', medium: 'social' });
    expect(link.code).toMatch(/^[A-Za-z0-9]{7}$/);
    expect(link.destination).toBe('https://shop.example/?utm_source=mastodon&utm_medium=social&utm_campaign=spring-sale');
    const browser = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36';
    expect(await recordClick(store, link.code, MARCH + 1000, { userAgent: browser })).toEqual({ destination: link.destination, counted: true });
    await recordClick(store, link.code, MARCH + 2000);
    // Preview fetchers are redirected but not counted.
    expect(await recordClick(store, link.code, MARCH + 3000, { userAgent: 'http.rb/5.1.1 (Mastodon/4.2.1; +https://mastodon.social/)' })).toMatchObject({ counted: false });
    expect(await recordClick(store, link.code, MARCH + 3000, { userAgent: 'Mozilla/5.0 (compatible; Discordbot/2.0)' })).toMatchObject({ counted: false });
    expect(await recordClick(store, link.code, MARCH + 3000, { userAgent: undefined })).toMatchObject({ counted: false });
    await recordClick(store, link.code, MARCH + 86_400_000);
    expect(await recordClick(store, 'nope123', MARCH)).toBeNull();
    expect((await listLinks(store, 1))[0]!.clicks).toBe(3);
    const days = await store.db.selectFrom('link_clicks').selectAll().orderBy('day').execute();
    expect(days.map((d) => Number(d.clicks))).toEqual([2, 1]);
    expect(Object.keys(days[0]!).sort()).toEqual(['clicks', 'day', 'link_id']);
  });

  it('counts a visitor once per link per half hour, storing only a hash of who it was', async () => {
    const store = await open();
    await addCampaign(store, 1, { name: 'Spring Sale', channel: 'Mastodon', start: '2026-03-01', costMoney: 100 });
    const link = await createLink(store, 1, { campaign: 'spring-sale', url: 'https://shop.example/', source: 'Mastodon', medium: 'social' });
    const other = await createLink(store, 1, { campaign: 'spring-sale', url: 'https://shop.example/b', source: 'Mastodon', medium: 'social' });
    const browser = 'Mozilla/5.0 (X11; Linux x86_64) Firefox/130.0';
    const salt = Buffer.alloc(32, 7);
    const click = (code: string, at: number, ip = '203.0.113.9', userAgent = browser) => recordClick(store, code, MARCH + at, { ip, userAgent, salt });
    // 500 hits in 4 seconds from one visitor: one click.
    const counted = [];
    for (let i = 0; i < 500; i++) counted.push((await click(link.code, i * 8))!.counted);
    expect(counted.filter(Boolean)).toHaveLength(1);
    expect((await click(link.code, UNIQUE_CLICK_WINDOW_MS - 1))!.counted).toBe(false);
    expect((await click(link.code, UNIQUE_CLICK_WINDOW_MS))!.counted).toBe(true);
    // Another visitor (address or agent), or another link, is another click.
    expect((await click(link.code, 10, '198.51.100.4'))!.counted).toBe(true);
    expect((await click(link.code, 10, '203.0.113.9', 'Mozilla/5.0 (iPhone) Safari/604.1'))!.counted).toBe(true);
    expect((await click(other.code, 10))!.counted).toBe(true);
    expect((await listLinks(store, 1)).map((l) => l.clicks)).toEqual([4, 1]);
    const visits = await store.db.selectFrom('link_visits').selectAll().execute();
    expect(JSON.stringify(visits)).not.toMatch(/203\.0\.113|198\.51|Firefox|Safari/);
    // Rows of visitors whose window has passed are pruned as clicks come.
    expect((await click(link.code, 2 * UNIQUE_CLICK_WINDOW_MS, '192.0.2.1'))!.counted).toBe(true);
    const left = await store.db.selectFrom('link_visits').select('counted_at').where('link_id', '=', link.id).execute();
    expect(left.map((v) => Number(v.counted_at))).toEqual([MARCH + 2 * UNIQUE_CLICK_WINDOW_MS]);
  });

  it('imports a CRM CSV, rejects broken rows with their line numbers, and is idempotent', async () => {
    const store = await open();
    const first = await importConversionsCsv(store, 1, brokenCsv);
    expect(first).toMatchObject({ rows: 6, inserted: 3, duplicates: 0, rejectedCount: 3 });
    expect(first.rejected.map((r) => r.line)).toEqual([5, 6, 7]);
    expect(first.rejected[0]!.reason).toMatch(/stage: unknown stage "Refund"/);
    expect(first.rejected[1]!.reason).toMatch(/occurredAt/);
    expect(first.rejected[2]!.reason).toMatch(/broken CSV/);
    // The same problems as codes, for scripts and the dashboard's translations.
    expect(first.rejected.map((r) => r.problems)).toEqual([[{ code: 'unknown_stage', field: 'stage' }], [{ code: 'bad_date', field: 'occurredAt' }], [{ code: 'broken_csv', field: null }]]);
    const second = await importConversionsCsv(store, 1, brokenCsv);
    expect(second).toMatchObject({ inserted: 0, duplicates: 3 });
    const sale = await store.db.selectFrom('conversions').selectAll().where('event_id', '=', 'ev-2').executeTakeFirstOrThrow();
    expect(Number(sale.revenue)).toBe(1200);
    expect(sale.occurred_at).toBe(Date.parse('2026-03-05T16:30:00Z'));
    expect(sale.contact_key).toMatch(/^[0-9a-f]{32}$/);
  });

  it('rejects a row carrying U+0000 with its line, and stores the others (PostgreSQL would refuse the whole batch)', async () => {
    const store = await open();
    const dir = mkdtempSync(join(tmpdir(), 'murmur-crm-'));
    const csv = join(dir, 'nul.csv');
    // Line 4 is Latin-1 (é as one byte 0xE9): not UTF-8.
    writeFileSync(csv, Buffer.concat([Buffer.from('Event ID,Type,Date,Contact ID\nnul-1,Lead,2026-03-02,c-\u00001\nnul-2,Lead,2026-03-02,c-2\n'), Buffer.from('nul-3,Lead,2026-03-02,caf\xe9\n', 'latin1')]));
    const result = await importConversionsCsv(store, 1, csv);
    rmSync(dir, { recursive: true, force: true });
    expect(result).toMatchObject({ rows: 3, inserted: 1, rejectedCount: 2 });
    expect(result.rejected).toEqual([
      { line: 2, reason: expect.stringMatching(/contactId: contains U\+0000/), problems: [{ code: 'unstorable_text', field: 'contactId' }] },
      { line: 4, reason: expect.stringMatching(/^not valid UTF-8/), problems: [{ code: 'invalid_utf8', field: null }] },
    ]);
  });

  it('stores signed webhook events once, even when the CRM retries', async () => {
    const store = await open();
    const secret = await rotateCrmWebhookSecret(store, 1);
    expect(await storedCrmWebhookSecret(store, 1)).toBe(secret);
    const body = JSON.stringify({ events: [{ eventId: 'w-1', stage: 'sale', occurredAt: '2026-03-10T10:00:00Z', revenue: 50 }, { eventId: 'w-2', stage: 'lead' }] });
    const ts = Math.floor(MARCH / 1000);
    const headers = { 'x-murmur-timestamp': String(ts), 'x-murmur-signature': signCrmPayload(secret, ts, body) };
    expect(verifyCrmWebhook(headers, body, secret, MARCH)).toEqual({ ok: true });
    const first = await ingestCrmEvents(store, 1, JSON.parse(body), MARCH);
    expect(first).toMatchObject({ inserted: 1, duplicates: 0 });
    expect(first.rejected).toEqual([{ index: 1, errors: [expect.stringMatching(/^events\[1\]\.occurredAt:/)] }]);
    await expect(ingestCrmEvents(store, 1, { events: [] })).rejects.toThrow(/expected \{"events": \[\.\.\.\]\} with 1 to 1000 events/);
    await expect(ingestCrmEvents(store, 1, [1, 2])).rejects.toThrow(/expected \{"events"/);
    const replay = await ingestCrmEvents(store, 1, JSON.parse(body), MARCH + 1000);
    expect(replay).toMatchObject({ inserted: 0, duplicates: 1 });
    const rotated = await rotateCrmWebhookSecret(store, 1);
    expect(verifyCrmWebhook(headers, body, rotated, MARCH)).toMatchObject({ ok: false, status: 401 });
  });

  it('reports the funnel, ROI and cost per lead/sale under last-touch and linear attribution', async () => {
    const store = await open();
    await addCampaign(store, 1, { name: 'Spring Sale', channel: 'mastodon', start: '2026-03-01', costMoney: 400, costHours: 10, reachReported: 10_000, engagementReported: 500 });
    await addCampaign(store, 1, { name: 'Newsletter', channel: 'email', start: '2026-03-01', costMoney: 100 });
    const link = await createLink(store, 1, { campaign: 'spring-sale', url: 'https://shop.example/', source: 'mastodon', medium: 'social' });
    for (let i = 0; i < 50; i++) await recordClick(store, link.code, MARCH);
    // Contact c1: lead from the newsletter, then a 1000 € sale from the spring sale.
    // Contact c2: a lead and a 200 € sale, both from the spring sale. One sale has no UTM at all.
    await ingestCrmEvents(store, 1, { events: [
      { eventId: 'l1', stage: 'lead', occurredAt: '2026-03-02', contactId: 'c1', utmCampaign: 'Newsletter' },
      { eventId: 's1', stage: 'sale', occurredAt: '2026-03-05', contactId: 'c1', utmCampaign: 'spring-sale', revenue: 1000 },
      { eventId: 'l2', stage: 'lead', occurredAt: '2026-03-03', contactId: 'c2', utmCampaign: 'spring-sale' },
      { eventId: 's2', stage: 'sale', occurredAt: '2026-03-06', contactId: 'c2', revenue: 200 },
      { eventId: 's3', stage: 'sale', occurredAt: '2026-03-06', contactId: 'c3', revenue: 75 },
    ] });

    const last = await roiReport(store, 1, { attribution: 'last' });
    const spring = last.rows.find((r) => r.key === 'spring-sale')!;
    // s1 → spring (last touch), s2 → spring (via c2's lead): revenue 1200 on cost 400.
    expect(spring).toMatchObject({ revenue: 1200, roi: 2, costPerLead: 400, costPerSale: 200, vanitySource: 'reported' });
    expect(spring.funnel).toEqual({ reach: 10_000, engagement: 500, clicks: 50, leads: 1, sales: 2 });
    expect(spring.rates).toEqual({ engagementPerReach: 0.05, clicksPerEngagement: 0.1, leadsPerClick: 0.02, salesPerLead: 2 });
    expect(last.rows.find((r) => r.key === 'newsletter')).toMatchObject({ revenue: 0, roi: -1, costPerLead: 100 });
    expect(last.unattributed).toEqual({ leads: 0, sales: 1, revenue: 75 });

    const linear = await roiReport(store, 1, { attribution: 'linear', by: 'channel' });
    // s1's path is newsletter → spring-sale: 500 € each.
    expect(linear.rows.find((r) => r.key === 'email')).toMatchObject({ revenue: 500, roi: 4 });
    expect(linear.rows.find((r) => r.key === 'mastodon')).toMatchObject({ revenue: 700, costHours: 10 });
    expect(linear.total).toMatchObject({ revenue: 1200, costMoney: 500, roi: 1.4 });

    // Priced at 50/h, the spring sale's 10 hours add 500: cost 900, ROI (1200 − 900) / 900.
    const priced = await roiReport(store, 1, { hourlyRate: 50 });
    expect(priced.rows.find((r) => r.key === 'spring-sale')).toMatchObject({ cost: 900, costPerSale: 450 });
    expect(priced.rows.find((r) => r.key === 'spring-sale')!.roi).toBeCloseTo(1 / 3, 10);
  });
});
