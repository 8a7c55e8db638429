/**
 * Short UTM links and their click counters. A click increments a per-day counter; to
 * count a visitor once per link per half hour (a reload or a script does not inflate
 * ROI) we keep a salted hash of address and user agent for that long, and nothing else:
 * no IP address, user agent, referrer or cookie is stored.
 */
import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { MurmurError, NotFoundError } from '../core/errors.ts';
import { parseInput } from '../core/validation.ts';
import type { Store } from '../store/store.ts';
import { getCampaign } from './campaigns.ts';
import { LinkInputSchema, LinkPatchSchema, type LinkInput, type LinkPatch } from './roi-schema.ts';
import { buildUtmUrl, normalizeUtm } from './utm.ts';

const ALPHABET = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const CODE_LENGTH = 7;
const DAY_MS = 86_400_000;

/** A random code from an alphabet without look-alikes (0/O, 1/l/I): 55^7 ≈ 1.5e12 codes. */
export function newShortCode(length = CODE_LENGTH): string {
  const bytes = randomBytes(length * 2);
  let code = '';
  // Rejection sampling keeps every character equally likely.
  for (let i = 0; i < bytes.length && code.length < length; i++) {
    if (bytes[i]! < 256 - (256 % ALPHABET.length)) code += ALPHABET[bytes[i]! % ALPHABET.length];
  }
  return code.length === length ? code : newShortCode(length);
}


export interface UtmLink {
  id: number;
  code: string;
  campaignId: number;
  destination: string;
  utm: { source: string; medium: string; campaign: string; content: string | null; term: string | null };
  clicks: number;
}

export async function createLink(store: Store, workspaceId: number, input: LinkInput, now = Date.now()): Promise<UtmLink> {
  const link = parseInput(LinkInputSchema, input, 'link');
  const campaign = await getCampaign(store, workspaceId, link.campaign);
  const params = { utm_source: link.source, utm_medium: link.medium, utm_campaign: campaign.utmCampaign, utm_content: link.content, utm_term: link.term };
  const destination = buildUtmUrl(link.url, params);
  const utm = normalizeUtm(params);
  for (let attempt = 0; ; attempt++) {
    const code = newShortCode();
    const inserted = await store.db
      .insertInto('utm_links')
      .values({ workspace_id: workspaceId, campaign_id: campaign.id, code, destination, ...utm, created_at: now })
      .onConflict((oc) => oc.column('code').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (inserted) {
      return {
        id: inserted.id,
        code,
        campaignId: campaign.id,
        destination,
        utm: { source: utm.utm_source, medium: utm.utm_medium, campaign: utm.utm_campaign, content: utm.utm_content, term: utm.utm_term },
        clicks: 0,
      };
    }
    if (attempt > 5) throw new Error('could not find a free short code');
  }
}

export function listLinks(store: Store, workspaceId: number, campaignId?: number): Promise<UtmLink[]> {
  return readLinks(store, workspaceId, { campaignId });
}

/** Links with their clicks: a campaign's, or the one an id or short code names. */
async function readLinks(store: Store, workspaceId: number, only: { campaignId?: number; ref?: number | string }): Promise<UtmLink[]> {
  const { campaignId, ref } = only;
  const byId = ref !== undefined && (typeof ref === 'number' || /^\d+$/.test(ref)) ? Number(ref) : undefined;
  const rows = await store.db
    .selectFrom('utm_links')
    .leftJoin('link_clicks', 'link_clicks.link_id', 'utm_links.id')
    .select([
      'utm_links.id', 'utm_links.code', 'utm_links.campaign_id', 'utm_links.destination', 'utm_links.utm_source',
      'utm_links.utm_medium', 'utm_links.utm_campaign', 'utm_links.utm_content', 'utm_links.utm_term',
      sql<number>`coalesce(sum(link_clicks.clicks), 0)`.as('clicks'),
    ])
    .where('utm_links.workspace_id', '=', workspaceId)
    .$if(campaignId !== undefined, (q) => q.where('utm_links.campaign_id', '=', campaignId!))
    .$if(ref !== undefined, (q) =>
      q.where((eb) => eb.or([eb('utm_links.code', '=', String(ref)), ...(byId === undefined ? [] : [eb('utm_links.id', '=', byId)])])),
    )
    .groupBy(['utm_links.id', 'utm_links.code', 'utm_links.campaign_id', 'utm_links.destination', 'utm_links.utm_source',
      'utm_links.utm_medium', 'utm_links.utm_campaign', 'utm_links.utm_content', 'utm_links.utm_term'])
    .orderBy('utm_links.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    campaignId: r.campaign_id,
    destination: r.destination,
    utm: { source: r.utm_source, medium: r.utm_medium, campaign: r.utm_campaign, content: r.utm_content, term: r.utm_term },
    clicks: Number(r.clicks),
  }));
}

/** One link by id or short code. */
async function getLink(store: Store, workspaceId: number, ref: number | string): Promise<UtmLink> {
  // Ordered by id: where an id and a code made of digits both match, the older link.
  const [link] = await readLinks(store, workspaceId, { ref });
  if (!link) throw new NotFoundError(`no link "${ref}" in this workspace (give its id or short code)`, 'unknown_link');
  return link;
}

/**
 * Changes a link's destination page or UTM labels; its short code and campaign stay, so
 * the published short link keeps working and its past clicks keep counting where they did.
 */
export async function updateLink(store: Store, workspaceId: number, ref: number | string, input: LinkPatch): Promise<UtmLink> {
  const patch = parseInput(LinkPatchSchema, input, 'link change');
  const current = await getLink(store, workspaceId, ref);
  const params = {
    utm_source: patch.source ?? current.utm.source,
    utm_medium: patch.medium ?? current.utm.medium,
    utm_campaign: current.utm.campaign,
    utm_content: patch.content === undefined ? current.utm.content : patch.content,
    utm_term: patch.term === undefined ? current.utm.term : patch.term,
  };
  // buildUtmUrl replaces the utm_* parameters already in the URL, so the old destination is a fine base.
  const destination = buildUtmUrl(patch.url ?? current.destination, params);
  const utm = normalizeUtm(params);
  await store.db.updateTable('utm_links').set({ destination, ...utm }).where('workspace_id', '=', workspaceId).where('id', '=', current.id).execute();
  return { ...current, destination, utm: { source: utm.utm_source, medium: utm.utm_medium, campaign: utm.utm_campaign, content: utm.utm_content, term: utm.utm_term } };
}

/** Deleting a link that was clicked would take clicks out of its campaign's ROI. */
class LinkHasClicksError extends MurmurError {
  constructor(code: string, clicks: number) {
    super('link_has_clicks', 409, `link ${code} has ${clicks} counted click${clicks === 1 ? '' : 's'} in its campaign's ROI: it cannot be deleted; change its destination instead`);
  }
}

/** Deletes a link nobody has clicked yet (a mistake, a test); a clicked link is refused. */
export async function deleteLink(store: Store, workspaceId: number, ref: number | string): Promise<void> {
  const link = await getLink(store, workspaceId, ref);
  // One statement: a click landing between a check and the delete cannot be lost.
  const deleted = await store.db
    .deleteFrom('utm_links')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', link.id)
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('link_clicks').select('link_id').where('link_clicks.link_id', '=', link.id))))
    .executeTakeFirst();
  if (Number(deleted.numDeletedRows) === 0) throw new LinkHasClicksError(link.code, (await getLink(store, workspaceId, link.id)).clicks);
  await store.db.deleteFrom('link_visits').where('link_id', '=', link.id).execute();
}

/**
 * Link-preview fetchers and crawlers. Every Mastodon instance that shows a post fetches
 * its links once for the preview card: counted as clicks they would swamp the real ones.
 */
const AUTOMATED_AGENT = /bot|crawl|spider|preview|mastodon\/|pleroma|misskey|akkoma|cardyb|bluesky|facebookexternalhit|slack|discord|telegram|whatsapp|skype|embedly|curl\/|wget\/|python-requests|go-http-client|headless/i;

export function isAutomatedAgent(userAgent: string | undefined | null): boolean {
  return !userAgent || AUTOMATED_AGENT.test(userAgent);
}

/** One visitor counts once per link within this window, as web analytics tools count unique clicks. */
export const UNIQUE_CLICK_WINDOW_MS = 30 * 60_000;

// Random per process and never stored: a stored hash cannot be turned back into an
// address by hashing all 2^32 of them. A restart may count a returning visitor once more.
const PROCESS_SALT = randomBytes(32);

export function visitorHash(ip: string, userAgent: string | null | undefined, salt: Buffer = PROCESS_SALT): string {
  return createHash('sha256').update(salt).update(ip).update('\n').update(userAgent ?? '').digest('base64url');
}

/** True when this visitor's click is the first on the link within the window; records it atomically. */
async function firstInWindow(store: Store, linkId: number, visitor: string, now: number): Promise<boolean> {
  const since = now - UNIQUE_CLICK_WINDOW_MS;
  const counted = await store.db
    .insertInto('link_visits')
    .values({ link_id: linkId, visitor, counted_at: now })
    .onConflict((oc) => oc.columns(['link_id', 'visitor']).doUpdateSet({ counted_at: now }).where('link_visits.counted_at', '<=', since))
    .returning('link_id')
    .executeTakeFirst();
  if (counted) await store.db.deleteFrom('link_visits').where('link_id', '=', linkId).where('counted_at', '<=', since).execute();
  return counted !== undefined;
}

export interface ClickRequest {
  /** Used for the bot decision and the visitor hash only, never stored. */
  userAgent?: string | null;
  /** The client address: with it, a visitor counts once per link per UNIQUE_CLICK_WINDOW_MS. */
  ip?: string;
  /** Salt of the visitor hash (tests); default random per process. */
  salt?: Buffer;
}

/**
 * For the redirect route: counts one click on `code` and returns where to send the
 * visitor, or null for an unknown code. The route answers 302 to `destination`.
 * Pass the request's User-Agent so preview fetchers and bots are redirected without
 * being counted, and its address so repeated clicks of one visitor count once.
 */
export async function recordClick(store: Store, code: string, now = Date.now(), request: ClickRequest = {}): Promise<{ destination: string; counted: boolean } | null> {
  if (!/^[A-Za-z0-9]{1,32}$/.test(code)) return null;
  const link = await store.db.selectFrom('utm_links').select(['id', 'destination']).where('code', '=', code).executeTakeFirst();
  if (!link) return null;
  // Without a request (CLI, tests) the click is counted; with one, only a human-looking agent counts.
  if ('userAgent' in request && isAutomatedAgent(request.userAgent)) return { destination: link.destination, counted: false };
  if (request.ip !== undefined && !(await firstInWindow(store, link.id, visitorHash(request.ip, request.userAgent, request.salt), now))) {
    return { destination: link.destination, counted: false };
  }
  const day = Math.floor(now / DAY_MS) * DAY_MS;
  await store.db
    .insertInto('link_clicks')
    .values({ link_id: link.id, day, clicks: 1 })
    .onConflict((oc) => oc.columns(['link_id', 'day']).doUpdateSet({ clicks: sql`link_clicks.clicks + 1` }))
    .execute();
  return { destination: link.destination, counted: true };
}
