import { expect, it } from 'vitest';
import { describeEachStore } from '../store/testing.ts';
import { setupDemoRoi } from './demo-setup.ts';

describeEachStore('demo ROI setup', (open) => {
  it('imports the bundled CRM export (rejecting its two bad rows) and credits the campaigns', async () => {
    const store = await open();
    const demo = await setupDemoRoi(store, 1, Date.parse('2026-11-01T00:00:00Z'));
    expect(demo.imported).toMatchObject({ rows: 703, inserted: 700, duplicates: 1 });
    expect(demo.imported.rejected.map((r) => r.line)).toEqual([202, 303]);
    expect(demo.report.rows.map((r) => r.key)).toEqual(['brewly-summer', 'brewly-baristas', 'autumn-newsletter']);
    // Attribution moves revenue between campaigns, never creates or loses it.
    expect(demo.linear.total.revenue).toBeCloseTo(demo.report.total.revenue, 6);
    for (const row of demo.report.rows) expect(row.funnel.clicks).toBeGreaterThanOrEqual(row.funnel.leads * 6);
    expect(demo.report.rows[2]).toMatchObject({ vanitySource: 'reported', funnel: { reach: 12_000, engagement: 4_800 } });
  });
});
