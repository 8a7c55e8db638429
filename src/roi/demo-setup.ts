/**
 * The ROI part of `murmur demo`: the sample stream's campaigns with their costs, a UTM
 * link each, the bundled CRM export imported, and the report per campaign.
 *
 * Clicks are simulated (the demo has no visitors): each lead of the export is preceded
 * by 6–14 clicks on its campaign's link that day, from a seeded RNG.
 */
import { sql } from 'kysely';
import type { DemoSection, DemoStep } from '../demo/demo-step.ts';
import { seededRandom } from '../core/random.ts';
import type { Store } from '../store/store.ts';
import { addCampaign } from './campaigns.ts';
import type { CampaignInput } from './roi-schema.ts';
import { importConversionsCsv, type CrmImportResult } from './crm-csv.ts';
import { createLink } from './links.ts';
import { roiReport, type RoiReport, type RoiRow } from './report.ts';
import { sourceFile } from '../core/package-root.ts';

export const DEMO_CRM_EXPORT = sourceFile('demo', 'crm', 'brewly-crm-export.csv');

export const demoCampaigns: (CampaignInput & { link: { url: string; source: string; medium: string } })[] = [
  {
    name: 'Brewly Summer', utmCampaign: 'brewly-summer', channel: 'bluesky', costMoney: 6000, costHours: 80, currency: 'EUR',
    start: '2026-08-23', end: '2026-09-06', hashtag: 'brewlysummer',
    link: { url: 'https://shop.brewly.example/summer', source: 'bluesky', medium: 'social' },
  },
  {
    name: 'Brewly Baristas', utmCampaign: 'brewly-baristas', channel: 'bluesky', costMoney: 2500, costHours: 120, currency: 'EUR',
    start: '2026-09-02', end: '2026-10-31', hashtag: 'brewlybaristas',
    link: { url: 'https://shop.brewly.example/baristas', source: 'bluesky', medium: 'social' },
  },
  {
    name: 'Autumn newsletter', utmCampaign: 'autumn-newsletter', channel: 'email', costMoney: 300, costHours: 16, currency: 'EUR',
    start: '2026-09-15', end: '2026-10-31', reachReported: 12_000, engagementReported: 4_800,
    link: { url: 'https://shop.brewly.example/autumn', source: 'newsletter', medium: 'email' },
  },
];

const DAY = 86_400_000;

export interface DemoRoi {
  imported: CrmImportResult;
  report: RoiReport;
  linear: RoiReport;
}

export async function setupDemoRoi(store: Store, workspaceId: number, now: number): Promise<DemoRoi> {
  const random = seededRandom(7);
  for (const { link, ...campaign } of demoCampaigns) {
    const created = await addCampaign(store, workspaceId, campaign, now);
    await createLink(store, workspaceId, { campaign: created.id, ...link }, now);
  }
  const imported = await importConversionsCsv(store, workspaceId, DEMO_CRM_EXPORT, { now });
  // Simulated visitors: clicks on each campaign's link on the days its leads came in.
  const leadsPerDay = await store.db
    .selectFrom('conversions')
    .innerJoin('utm_links', (j) => j.onRef('utm_links.utm_campaign', '=', 'conversions.utm_campaign').onRef('utm_links.workspace_id', '=', 'conversions.workspace_id'))
    .select(['utm_links.id as link', sql<number>`conversions.occurred_at / ${sql.lit(DAY)}`.as('day'), sql<number>`count(*)`.as('leads')])
    .where('conversions.workspace_id', '=', workspaceId)
    .where('conversions.stage', '=', 'lead')
    .groupBy(['utm_links.id', sql`conversions.occurred_at / ${sql.lit(DAY)}`])
    .execute();
  const clicks = leadsPerDay.map((r) => {
    let n = 0;
    for (let i = 0; i < Number(r.leads); i++) n += 6 + Math.floor(random() * 9);
    return { link_id: r.link, day: Number(r.day) * DAY, clicks: n };
  });
  for (let i = 0; i < clicks.length; i += 500) await store.db.insertInto('link_clicks').values(clicks.slice(i, i + 500)).execute();
  return {
    imported,
    report: await roiReport(store, workspaceId, { by: 'campaign', attribution: 'last' }, now),
    linear: await roiReport(store, workspaceId, { by: 'campaign', attribution: 'linear' }, now),
  };
}

const eur = (n: number | null) => (n === null ? '—' : `€${Math.round(n).toLocaleString('en')}`);
const pct = (n: number | null) => (n === null ? '—' : `${(100 * n).toFixed(0)}%`);
const num = (n: number | null) => (n === null ? '—' : Math.round(n).toLocaleString('en'));

function row(r: RoiRow, linear: RoiRow | undefined): string[] {
  const f = r.funnel;
  return [
    `  ${r.name.padEnd(18)} cost ${eur(r.costMoney).padStart(7)} + ${String(r.costHours).padStart(3)} h  revenue ${eur(r.revenue).padStart(7)} (linear ${eur(linear?.revenue ?? null)})  ROI ${pct(r.roi).padStart(5)}  per lead ${eur(r.costPerLead)}  per sale ${eur(r.costPerSale)}`,
    `  ${''.padEnd(18)} reach ${num(f.reach)} → engagement ${num(f.engagement)} → clicks ${num(f.clicks)} → leads ${num(f.leads)} → sales ${num(f.sales)}`,
  ];
}

/** Demo step: campaigns, CRM import, ROI per campaign. Run it before the plan step (revenue KPIs read the conversions). */
export const demoRoiStep: DemoStep = async ({ store, workspaceId, stream }): Promise<DemoSection> => {
  const now = Date.parse(`${stream.groundTruth.start}T00:00:00Z`) + stream.groundTruth.days * DAY;
  const roi = await setupDemoRoi(store, workspaceId, now);
  const { imported, report, linear } = roi;
  return {
    title: 'Prove ROI: campaigns, bundled CRM export, last-touch (linear in brackets)',
    lines: [
      `  CRM export: ${imported.rows} rows, ${imported.inserted} conversions imported, ${imported.duplicates} duplicate, ${imported.rejected.length} rejected (${imported.rejected.map((r) => `line ${r.line}`).join(', ')})`,
      ...report.rows.flatMap((r) => row(r, linear.rows.find((l) => l.key === r.key))),
      ...row(report.total, linear.total),
      `  unattributed (no UTM): ${report.unattributed.leads} leads, ${report.unattributed.sales} sales, ${eur(report.unattributed.revenue)}`,
    ],
    data: roi,
  };
};
