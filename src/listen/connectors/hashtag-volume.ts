/**
 * The daily volume series of a hashtag, from Mastodon's Tag.history as the
 * connector stored it: a free signal for hashtags whose posts we do not ingest
 * (`--volume-tag`). Instances report their own view of the fediverse, so the series
 * is summed over the instances polled; `accounts` is then an upper bound.
 */
import { foldText } from '../../core/text.ts';
import type { Store } from '../../store/store.ts';

export interface HashtagVolumePoint {
  /** Start of the day, UTC. */
  day: Date;
  uses: number;
  accounts: number;
  /** How many instances reported that day. */
  instances: number;
}

export async function hashtagVolumeSeries(
  store: Store,
  workspaceId: number,
  tag: string,
  range: { from?: Date; to?: Date } = {},
): Promise<HashtagVolumePoint[]> {
  let query = store.db
    .selectFrom('hashtag_volume')
    .select((eb) => ['day', eb.fn.sum<number>('uses').as('uses'), eb.fn.sum<number>('accounts').as('accounts'), eb.fn.countAll<number>().as('instances')])
    .where('workspace_id', '=', workspaceId)
    .where('tag', '=', foldText(tag.replace(/^#/, '')))
    .groupBy('day')
    .orderBy('day');
  if (range.from) query = query.where('day', '>=', range.from.getTime());
  if (range.to) query = query.where('day', '<', range.to.getTime());
  const rows = await query.execute();
  return rows.map((r) => ({ day: new Date(Number(r.day)), uses: Number(r.uses), accounts: Number(r.accounts), instances: Number(r.instances) }));
}
