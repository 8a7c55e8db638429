/**
 * The ROI report: per campaign or channel, the funnel reach → engagement → clicks →
 * leads → sales with the rate of each step, cost (money and hours), attributed revenue,
 * ROI = (revenue − cost) / cost, cost per lead and per sale. Reach and engagement (the
 * vanity metrics) are reported next to the money, never instead of it.
 */
import { sql } from 'kysely';
import { z } from 'zod';
import { parseInput } from '../core/validation.ts';
import type { Store } from '../store/store.ts';
import { attribute, conversionPaths, type AttributionModel, type ConversionTouch } from './attribution.ts';
import { listCampaigns, type Campaign } from './campaigns.ts';

export const RoiOptionsSchema = z
  .object({
    by: z.enum(['campaign', 'channel']).default('campaign'),
    attribution: z.enum(['last', 'linear']).default('last'),
    /** Money per hour of effort: when set, hours count as cost in ROI and cost per lead/sale. */
    hourlyRate: z.number().min(0).default(0),
    /** Conversions and clicks in [from, to); campaigns' whole runs otherwise. */
    from: z.number().int().optional(),
    to: z.number().int().optional(),
  })
  .strict();
export type RoiOptions = z.input<typeof RoiOptionsSchema>;

export interface Funnel {
  reach: number | null;
  engagement: number | null;
  clicks: number;
  leads: number;
  sales: number;
}

export interface RoiRow {
  key: string;
  name: string;
  channel: string;
  campaigns: number;
  currency: string;
  costMoney: number;
  costHours: number;
  /** costMoney + costHours × hourlyRate: what ROI and cost per lead/sale divide by. */
  cost: number;
  revenue: number;
  /** (revenue − cost) / cost; null when nothing was spent. */
  roi: number | null;
  costPerLead: number | null;
  costPerSale: number | null;
  funnel: Funnel;
  /** Each step divided by the one before it. */
  rates: { engagementPerReach: number | null; clicksPerEngagement: number | null; leadsPerClick: number | null; salesPerLead: number | null };
  /** Where reach and engagement come from. */
  vanitySource: 'measured' | 'reported' | 'none';
}

export interface RoiReport {
  by: 'campaign' | 'channel';
  attribution: AttributionModel;
  hourlyRate: number;
  rows: RoiRow[];
  total: RoiRow;
  /** Conversions no campaign could be credited with (no known UTM touch). */
  unattributed: { leads: number; sales: number; revenue: number };
  warnings: string[];
}

const ratio = (a: number | null, b: number | null) => (a === null || b === null || b === 0 ? null : a / b);

async function vanity(store: Store, workspaceId: number, c: Campaign, now: number) {
  if (c.topicId === null && c.hashtag === null) {
    const source = c.reachReported !== null || c.engagementReported !== null ? ('reported' as const) : ('none' as const);
    return { reach: c.reachReported, engagement: c.engagementReported, source };
  }
  const row = await store.db
    .selectFrom('mentions')
    .select([
      sql<number>`coalesce(sum(coalesce(mentions.views, mentions.author_followers, 0)), 0)`.as('reach'),
      sql<number>`coalesce(sum(mentions.likes + mentions.shares + mentions.replies), 0)`.as('engagement'),
    ])
    .where('mentions.workspace_id', '=', workspaceId)
    .where('mentions.published_at', '>=', c.startAt)
    .where('mentions.published_at', '<', c.endAt ?? now)
    .$if(c.topicId !== null, (q) =>
      q.where((eb) => eb.exists(eb.selectFrom('mention_topics').select('mention_id').whereRef('mention_topics.mention_id', '=', 'mentions.id').where('mention_topics.topic_id', '=', c.topicId!))),
    )
    .$if(c.hashtag !== null, (q) =>
      q.where((eb) => eb.exists(eb.selectFrom('mention_hashtags').select('mention_id').whereRef('mention_hashtags.mention_id', '=', 'mentions.id').where('mention_hashtags.tag', '=', c.hashtag!))),
    )
    .executeTakeFirstOrThrow();
  return { reach: Number(row.reach), engagement: Number(row.engagement), source: 'measured' as const };
}

function emptyRow(key: string, name: string, channel: string, currency: string): RoiRow {
  return {
    key, name, channel, campaigns: 0, currency, costMoney: 0, costHours: 0, cost: 0, revenue: 0, roi: null, costPerLead: null, costPerSale: null,
    funnel: { reach: null, engagement: null, clicks: 0, leads: 0, sales: 0 },
    rates: { engagementPerReach: null, clicksPerEngagement: null, leadsPerClick: null, salesPerLead: null },
    vanitySource: 'none',
  };
}

const addNullable = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : a + b);

function finish(row: RoiRow, hourlyRate: number): RoiRow {
  const f = row.funnel;
  const cost = row.costMoney + row.costHours * hourlyRate;
  return {
    ...row,
    cost,
    roi: cost > 0 ? (row.revenue - cost) / cost : null,
    costPerLead: f.leads > 0 ? cost / f.leads : null,
    costPerSale: f.sales > 0 ? cost / f.sales : null,
    rates: {
      engagementPerReach: ratio(f.engagement, f.reach),
      clicksPerEngagement: ratio(f.clicks, f.engagement),
      leadsPerClick: ratio(f.leads, f.clicks),
      salesPerLead: ratio(f.sales, f.leads),
    },
  };
}

function merge(into: RoiRow, from: RoiRow): void {
  into.campaigns += from.campaigns;
  into.costMoney += from.costMoney;
  into.costHours += from.costHours;
  into.revenue += from.revenue;
  into.funnel.reach = addNullable(into.funnel.reach, from.funnel.reach);
  into.funnel.engagement = addNullable(into.funnel.engagement, from.funnel.engagement);
  into.funnel.clicks += from.funnel.clicks;
  into.funnel.leads += from.funnel.leads;
  into.funnel.sales += from.funnel.sales;
  if (from.vanitySource !== 'none') into.vanitySource = into.vanitySource === 'none' || into.vanitySource === from.vanitySource ? from.vanitySource : 'measured';
}

export async function roiReport(store: Store, workspaceId: number, options: RoiOptions = {}, now = Date.now()): Promise<RoiReport> {
  const opts = parseInput(RoiOptionsSchema, options, 'ROI options');
  const campaigns = await listCampaigns(store, workspaceId);
  const byUtm = new Map(campaigns.map((c) => [c.utmCampaign, c]));
  const warnings: string[] = [];

  const clickRows = await store.db
    .selectFrom('link_clicks')
    .innerJoin('utm_links', 'utm_links.id', 'link_clicks.link_id')
    .select(['utm_links.campaign_id', sql<number>`sum(link_clicks.clicks)`.as('clicks')])
    .where('utm_links.workspace_id', '=', workspaceId)
    .$if(opts.from !== undefined, (q) => q.where('link_clicks.day', '>=', opts.from!))
    .$if(opts.to !== undefined, (q) => q.where('link_clicks.day', '<', opts.to!))
    .groupBy('utm_links.campaign_id')
    .execute();
  const clicks = new Map(clickRows.map((r) => [r.campaign_id, Number(r.clicks)]));

  // Every conversion is loaded so a sale in the window can be credited to a lead before it.
  const conversions: ConversionTouch[] = (
    await store.db
      .selectFrom('conversions')
      .select(['id', 'stage', 'occurred_at', 'contact_key', 'revenue', 'currency', 'utm_campaign', 'touches'])
      .where('workspace_id', '=', workspaceId)
      .execute()
  ).map((r) => ({
    id: r.id, stage: r.stage, occurredAt: r.occurred_at, contactKey: r.contact_key, revenue: Number(r.revenue),
    currency: r.currency, utmCampaign: r.utm_campaign, touches: JSON.parse(r.touches) as string[],
  }));
  const paths = conversionPaths(conversions);
  const credit = new Map<number, { leads: number; sales: number; revenue: number }>();
  const unattributed = { leads: 0, sales: 0, revenue: 0 };
  const foreignCurrency = new Set<string>();
  for (const c of conversions) {
    if ((opts.from !== undefined && c.occurredAt < opts.from) || (opts.to !== undefined && c.occurredAt >= opts.to)) continue;
    const shares = attribute(paths.get(c.id)!, (t) => byUtm.has(t), opts.attribution);
    if (shares.size === 0) {
      if (c.stage === 'lead') unattributed.leads++;
      else {
        unattributed.sales++;
        unattributed.revenue += c.revenue;
      }
      continue;
    }
    for (const [utm, share] of shares) {
      const campaign = byUtm.get(utm)!;
      if (c.revenue > 0 && c.currency !== campaign.currency) foreignCurrency.add(`${c.currency}→${campaign.name} (${campaign.currency})`);
      const acc = credit.get(campaign.id) ?? { leads: 0, sales: 0, revenue: 0 };
      if (c.stage === 'lead') acc.leads += share;
      else {
        acc.sales += share;
        acc.revenue += share * c.revenue;
      }
      credit.set(campaign.id, acc);
    }
  }
  if (foreignCurrency.size > 0) warnings.push(`revenue in another currency than its campaign's was added unconverted: ${[...foreignCurrency].join(', ')}`);

  const campaignRows: RoiRow[] = [];
  for (const c of campaigns) {
    const v = await vanity(store, workspaceId, c, now);
    const got = credit.get(c.id) ?? { leads: 0, sales: 0, revenue: 0 };
    const row = emptyRow(c.utmCampaign, c.name, c.channel, c.currency);
    row.campaigns = 1;
    row.costMoney = c.costMoney;
    row.costHours = c.costHours;
    row.revenue = got.revenue;
    row.funnel = { reach: v.reach, engagement: v.engagement, clicks: clicks.get(c.id) ?? 0, leads: got.leads, sales: got.sales };
    row.vanitySource = v.source;
    campaignRows.push(row);
  }
  const currencies = new Set(campaigns.map((c) => c.currency));
  if (currencies.size > 1) warnings.push(`campaigns use several currencies (${[...currencies].join(', ')}): totals add them unconverted`);
  const totalCurrency = campaigns[0]?.currency ?? 'EUR';

  let rows: RoiRow[];
  if (opts.by === 'campaign') rows = campaignRows.map((row) => finish(row, opts.hourlyRate));
  else {
    const byChannel = new Map<string, RoiRow>();
    for (const row of campaignRows) {
      const acc = byChannel.get(row.channel) ?? emptyRow(row.channel, row.channel, row.channel, row.currency);
      merge(acc, row);
      byChannel.set(row.channel, acc);
    }
    rows = [...byChannel.values()].map((row) => finish(row, opts.hourlyRate));
  }
  const total = emptyRow('total', 'Total', '*', totalCurrency);
  for (const row of campaignRows) merge(total, row);
  return { by: opts.by, attribution: opts.attribution, hourlyRate: opts.hourlyRate, rows, total: finish(total, opts.hourlyRate), unattributed, warnings };
}
