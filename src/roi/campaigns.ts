/** Campaigns: what was spent (money and hours), on which channel, when, under which utm_campaign. */
import { sql, type Selectable } from 'kysely';
import { foldText } from '../core/text.ts';
import { parseInput, toEpoch, ValidationError } from '../core/validation.ts';
import type { Store } from '../store/store.ts';
import { NotFoundError } from '../store/workspaces.ts';
import type { CampaignsTable } from './roi-tables.ts';
import { CampaignInputSchema, CampaignPatchSchema, type CampaignInput, type CampaignPatch } from './roi-schema.ts';
import { normalizeUtmValue } from './utm.ts';


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

/** The topic a campaign measures reach and engagement from, by name. */
async function topicIdNamed(store: Store, workspaceId: number, name: string): Promise<number> {
  const topic = await store.db.selectFrom('topics').select('id').where('workspace_id', '=', workspaceId).where('name', '=', name).executeTakeFirst();
  if (!topic) throw new ValidationError(`topic: no topic named "${name}"`);
  return topic.id;
}

const storedHashtag = (tag: string) => foldText(tag.replace(/^#/, ''));

export async function addCampaign(store: Store, workspaceId: number, input: CampaignInput, now = Date.now()): Promise<Campaign> {
  const c = parseInput(CampaignInputSchema, input, 'campaign');
  const utm = normalizeUtmValue(c.utmCampaign ?? c.name);
  if (!utm) throw new ValidationError('utmCampaign: needs letters or digits');
  const topicId = c.topic ? await topicIdNamed(store, workspaceId, c.topic) : null;
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
      hashtag: c.hashtag ? storedHashtag(c.hashtag) : null,
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

/** Changes a campaign's fields (not its utm_campaign); the end is checked against the start it will have. */
export async function updateCampaign(store: Store, workspaceId: number, ref: number | string, input: CampaignPatch, now = Date.now()): Promise<Campaign> {
  const patch = parseInput(CampaignPatchSchema, input, 'campaign change');
  const current = await getCampaign(store, workspaceId, ref);
  const startAt = patch.start === undefined ? current.startAt : toEpoch(patch.start);
  const endAt = patch.end === undefined ? current.endAt : patch.end === null ? null : toEpoch(patch.end);
  if (endAt !== null && endAt < startAt) throw new ValidationError('end: ends before it starts');
  const topicId = patch.topic === undefined ? undefined : patch.topic === null ? null : await topicIdNamed(store, workspaceId, patch.topic);
  const row = await store.db
    .updateTable('campaigns')
    .set({
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.channel !== undefined ? { channel: normalizeUtmValue(patch.channel) } : {}),
      ...(patch.costMoney !== undefined ? { cost_money: patch.costMoney } : {}),
      ...(patch.costHours !== undefined ? { cost_hours: patch.costHours } : {}),
      ...(patch.currency !== undefined ? { currency: patch.currency } : {}),
      ...(topicId !== undefined ? { topic_id: topicId } : {}),
      ...(patch.hashtag !== undefined ? { hashtag: patch.hashtag === null ? null : storedHashtag(patch.hashtag) } : {}),
      ...(patch.reachReported !== undefined ? { reach_reported: patch.reachReported } : {}),
      ...(patch.engagementReported !== undefined ? { engagement_reported: patch.engagementReported } : {}),
      start_at: startAt,
      end_at: endAt,
      updated_at: now,
    })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', current.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  return toCampaign(row);
}
