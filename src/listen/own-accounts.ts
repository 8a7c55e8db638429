/**
 * The brand's own accounts, as their sources read them: each own post with its
 * engagement counts (refreshed at every poll, so a post's likes keep growing after it
 * was first seen) and one follower count per account and UTC day. The Plan's KPIs read
 * them here: `followers` and `own_engagement` (src/plan/measure.ts).
 */
import { sql } from 'kysely';
import type { FollowerCount, OwnPost } from './connectors/connector.ts';
import type { Store } from '../store/store.ts';

const DAY = 86_400_000;
export const utcDay = (at: number) => Math.floor(at / DAY) * DAY;

interface SourceRef {
  id: number;
  workspace_id: number;
  network: string;
}

export async function storeOwnPosts(store: Store, source: SourceRef, posts: OwnPost[], now: number): Promise<void> {
  if (posts.length === 0) return;
  // One post twice on a page (a pinned post is also in the timeline): the last read wins.
  const unique = [...new Map(posts.map((p) => [p.externalId, p])).values()];
  await store.db
    .insertInto('own_posts')
    .values(
      unique.map((p) => ({
        workspace_id: source.workspace_id,
        source_id: source.id,
        network: source.network,
        account: p.account,
        external_id: p.externalId,
        url: p.url,
        text: p.text,
        published_at: p.publishedAt,
        likes: p.likes,
        shares: p.shares,
        replies: p.replies,
        views: p.views,
        first_seen_at: now,
        updated_at: now,
      })),
    )
    .onConflict((oc) =>
      oc.columns(['workspace_id', 'network', 'external_id']).doUpdateSet((eb) => ({
        source_id: eb.ref('excluded.source_id'),
        text: eb.ref('excluded.text'),
        url: eb.ref('excluded.url'),
        likes: eb.ref('excluded.likes'),
        shares: eb.ref('excluded.shares'),
        replies: eb.ref('excluded.replies'),
        views: eb.ref('excluded.views'),
        updated_at: eb.ref('excluded.updated_at'),
      })),
    )
    .execute();
}

export async function storeFollowerCounts(store: Store, source: SourceRef, counts: FollowerCount[], now: number): Promise<void> {
  if (counts.length === 0) return;
  const day = utcDay(now);
  await store.db
    .insertInto('follower_counts')
    .values(counts.map((c) => ({ workspace_id: source.workspace_id, source_id: source.id, network: source.network, account: c.account, day, followers: c.followers, updated_at: now })))
    .onConflict((oc) =>
      oc.columns(['workspace_id', 'network', 'account', 'day']).doUpdateSet((eb) => ({
        followers: eb.ref('excluded.followers'),
        source_id: eb.ref('excluded.source_id'),
        updated_at: eb.ref('excluded.updated_at'),
      })),
    )
    .execute();
}

/** Likes + shares + replies, as last read, on own posts published in [from, to); null when there is no own post at all. */
export async function ownEngagement(store: Store, workspaceId: number, window: { from: number; to: number }, network?: string): Promise<number | null> {
  const any = await store.db
    .selectFrom('own_posts')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .$if(Boolean(network), (q) => q.where('network', '=', network!))
    .limit(1)
    .executeTakeFirst();
  if (!any) return null;
  const row = await store.db
    .selectFrom('own_posts')
    .select(sql<number>`coalesce(sum(likes + shares + replies), 0)`.as('engagement'))
    .where('workspace_id', '=', workspaceId)
    .where('published_at', '>=', window.from)
    .where('published_at', '<', window.to)
    .$if(Boolean(network), (q) => q.where('network', '=', network!))
    .executeTakeFirstOrThrow();
  return Number(row.engagement);
}

/**
 * Followers of all own accounts (or those of one network) before `at`: each account's
 * latest daily count, summed. Null when no count was read before then.
 */
export async function followersBefore(store: Store, workspaceId: number, at: number, network?: string): Promise<number | null> {
  const rows = await store.db
    .selectFrom('follower_counts as f')
    .select(['f.network', 'f.account', 'f.followers'])
    .where('f.workspace_id', '=', workspaceId)
    .where('f.day', '<', at)
    .$if(Boolean(network), (q) => q.where('f.network', '=', network!))
    .where((eb) =>
      eb(
        'f.day',
        '=',
        eb
          .selectFrom('follower_counts as g')
          .select((g) => g.fn.max('g.day').as('day'))
          .whereRef('g.workspace_id', '=', 'f.workspace_id')
          .whereRef('g.network', '=', 'f.network')
          .whereRef('g.account', '=', 'f.account')
          .where('g.day', '<', at),
      ),
    )
    .execute();
  return rows.length === 0 ? null : rows.reduce((sum, r) => sum + Number(r.followers), 0);
}
