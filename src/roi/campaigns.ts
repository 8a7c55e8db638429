/** Campaigns: what was spent (money and hours), on which channel, when, under which utm_campaign. */
import { sql, type Selectable } from 'kysely';
import { z } from 'zod';
import { foldText } from '../core/text.ts';
import { parseInput, toEpoch, ValidationError } from '../core/validation.ts';
import type { Store } from '../store/store.ts';
import { NotFoundError } from '../store/workspaces.ts';
import type { CampaignsTable } from './roi-tables.ts';
import { normalizeUtmValue } from './utm.ts';

const when = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);

export const CampaignInputSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    /** Defaults to the normalised name. */
    utmCampaign: z.string().trim().min(1).optional(),
    channel: z.string().trim().min(1),
    costMoney: z.number().min(0).default(0),
    costHours: z.number().min(0).default(0),
    currency: z.string().regex(/^[A-Z]{3}$/, 'expected an ISO 4217 code such as EUR').default('EUR'),
    start: when,
    end: when.nullable().default(null),
    topic: z.string().trim().min(1).optional(),
    hashtag: z.string().trim().min(1).optional(),
    reachReported: z.number().int().min(0).nullable().default(null),
    engagementReported: z.number().int().min(0).nullable().default(null),
  })
  .strict()
  .refine((c) => c.end === null || toEpoch(c.end) >= toEpoch(c.start), { path: ['end'], message: 'ends before it starts' });
export type CampaignInput = z.input<typeof CampaignInputSchema>;

export interface Campaign {
  id: number;
  name: string;
  utmCampaign: string;
  channel: string;
  costMoney: number;
  costHours: number;
  currency: string;
  startAt: number;
  endAt: number | null;
  topicId: number | null;
  hashtag: string | null;
  reachReported: number | null;
  engagementReported: number | null;
}

export function toCampaign(row: Selectable<CampaignsTable>): Campaign {
  return {
    id: row.id,
    name: row.name,
    utmCampaign: row.utm_campaign,
    channel: row.channel,
    costMoney: Number(row.cost_money),
    costHours: Number(row.cost_hours),
    currency: row.currency,
    startAt: row.start_at,
    endAt: row.end_at,
    topicId: row.topic_id,
    hashtag: row.hashtag,
    reachReported: row.reach_reported,
    engagementReported: row.engagement_reported,
  };
}

export async function addCampaign(store: Store, workspaceId: number, input: CampaignInput, now = Date.now()): Promise<Campaign> {
  const c = parseInput(CampaignInputSchema, input, 'campaign');
  const utm = normalizeUtmValue(c.utmCampaign ?? c.name);
  if (!utm) throw new ValidationError('utmCampaign: needs letters or digits');
  let topicId: number | null = null;
  if (c.topic) {
    const topic = await store.db.selectFrom('topics').select('id').where('workspace_id', '=', workspaceId).where('name', '=', c.topic).executeTakeFirst();
    if (!topic) throw new ValidationError(`topic: no topic named "${c.topic}"`);
    topicId = topic.id;
  }
  const clash = await store.db.selectFrom('campaigns').select('name').where('workspace_id', '=', workspaceId).where('utm_campaign', '=', utm).executeTakeFirst();
  if (clash) throw new ValidationError(`utmCampaign: "${utm}" is already used by campaign "${clash.name}"`);
  const row = await store.db
    .insertInto('campaigns')
    .values({
      workspace_id: workspaceId,
      name: c.name,
      utm_campaign: utm,
      channel: normalizeUtmValue(c.channel),
      cost_money: c.costMoney,
      cost_hours: c.costHours,
      currency: c.currency,
      start_at: toEpoch(c.start),
      end_at: c.end === null ? null : toEpoch(c.end),
      topic_id: topicId,
      hashtag: c.hashtag ? foldText(c.hashtag.replace(/^#/, '')) : null,
      reach_reported: c.reachReported,
      engagement_reported: c.engagementReported,
      created_at: now,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toCampaign(row);
}

export async function listCampaigns(store: Store, workspaceId: number): Promise<Campaign[]> {
  const rows = await store.db.selectFrom('campaigns').selectAll().where('workspace_id', '=', workspaceId).orderBy('start_at').orderBy('id').execute();
  return rows.map(toCampaign);
}

/** A campaign by id, name or utm_campaign. */
export async function getCampaign(store: Store, workspaceId: number, ref: number | string): Promise<Campaign> {
  let q = store.db.selectFrom('campaigns').selectAll().where('workspace_id', '=', workspaceId);
  // A string of digits may be an id or a name ("2026"): any matches, the id first.
  q =
    typeof ref === 'number'
      ? q.where('id', '=', ref)
      : q
          .where((eb) => eb.or([...(/^\d+$/.test(ref) ? [eb('id', '=', Number(ref))] : []), eb('name', '=', ref), eb('utm_campaign', '=', normalizeUtmValue(ref))]))
          .orderBy(sql`case when id = ${/^\d+$/.test(ref) ? Number(ref) : -1} then 0 else 1 end`);
  const row = await q.executeTakeFirst();
  if (!row) throw new NotFoundError(`no campaign "${ref}" in this workspace`);
  return toCampaign(row);
}
